using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StreamOrleans.Runtime.Configuration;
using StreamOrleans.Runtime.Serialization;

namespace StreamOrleans.Runtime.Hosting;

/// <summary>
/// The grain runtime of one process: the activation catalog, idle collection and call dispatch. Created by
/// <c>AddGrainRuntime</c>; started and stopped by the silo's hosted service.
/// </summary>
public sealed class GrainRuntime : IAsyncDisposable
{
    /// <summary>How long grain turns (calls, stream events, timer ticks) take in this process, since start.</summary>
    public Streams.LatencyHistogram TurnLatency { get; } = new();

    private readonly CancellationTokenSource _shutdown = new();
    private ITimer? _collectionTimer;
    private int _collecting;

    public GrainRuntime(
        IServiceProvider services,
        IOptions<GrainRuntimeOptions> options,
        GrainClassRegistry registry,
        GrainSerializer serializer,
        TimeProvider timeProvider,
        ILogger<GrainRuntime> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        Services = services;
        Options = options.Value;
        Registry = registry;
        Serializer = serializer;
        TimeProvider = timeProvider;
        Logger = logger;
        Catalog = new ActivationCatalog(this);
        GrainFactory = new GrainFactory(this);
    }

    public IServiceProvider Services { get; }

    public GrainRuntimeOptions Options { get; }

    public GrainClassRegistry Registry { get; }

    public GrainSerializer Serializer { get; }

    public TimeProvider TimeProvider { get; }

    public IGrainFactory GrainFactory { get; }

    /// <summary>Number of live activations.</summary>
    public int ActivationCount => Catalog.Count;

    internal ILogger Logger { get; }

    internal ActivationCatalog Catalog { get; }

    internal CancellationToken ShutdownToken => _shutdown.Token;

    /// <summary>Starts periodic idle collection.</summary>
    public void Start() =>
        _collectionTimer ??= TimeProvider.CreateTimer(
            static state => _ = ((GrainRuntime)state!).CollectOnTimerAsync(), this, Options.CollectionQuantum, Options.CollectionQuantum);

    /// <summary>Deactivates every activation idle for at least the collection age; returns how many.</summary>
    public Task<int> CollectIdleActivationsAsync() => Catalog.CollectIdleAsync();

    /// <summary>Stops collection and deactivates every activation (each finishes its queued work and flushes state).</summary>
    public async Task StopAsync()
    {
        if (_collectionTimer is not null)
        {
            await _collectionTimer.DisposeAsync();
        }

        // Grains stuck in a turn must not hang shutdown forever: give them the deactivation timeout, then go.
        var deactivation = Catalog.DeactivateAsync(static _ => true, DeactivationReason.ShuttingDown);
        try
        {
            await deactivation.WaitAsync(Options.DeactivationTimeout, TimeProvider);
        }
        catch (TimeoutException)
        {
            Logger.LogError("{Count} activations did not deactivate within {Timeout}; their last changes are not flushed", Catalog.Count, Options.DeactivationTimeout);
        }

        await _shutdown.CancelAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _shutdown.Dispose();
    }

    internal Task<TResult> InvokeAsync<TResult>(GrainId id, GrainClassInfo classInfo, Func<object, object?[]?, Task<TResult>> call, object?[]? arguments, string method)
    {
        var request = new GrainRequest<TResult>(call, arguments);
        var activation = Catalog.GetOrCreate(id, classInfo);
        return activation.TryPost(request) == PostResult.Posted
            ? WaitWithTimeoutAsync(request.Task, id, method, Options.CallTimeout)
            : PostSlowAndWaitAsync(request, id, classInfo, method);
    }

    private async Task<TResult> PostSlowAndWaitAsync<TResult>(GrainRequest<TResult> request, GrainId id, GrainClassInfo classInfo, string method)
    {
        var started = TimeProvider.GetTimestamp();
        using (var timeout = new CancellationTokenSource(Options.CallTimeout, TimeProvider))
        {
            try
            {
                await Catalog.PostAsync(id, classInfo, request, timeout.Token);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                throw new GrainCallTimeoutException(id, method, Options.CallTimeout);
            }
        }

        var remaining = Options.CallTimeout - TimeProvider.GetElapsedTime(started);
        return await WaitWithTimeoutAsync(request.Task, id, method, remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero);
    }

    private async Task<TResult> WaitWithTimeoutAsync<TResult>(Task<TResult> task, GrainId id, string method, TimeSpan timeout)
    {
        try
        {
            return await task.WaitAsync(timeout, TimeProvider);
        }
        catch (TimeoutException) when (!task.IsCompleted)
        {
            throw new GrainCallTimeoutException(id, method, Options.CallTimeout);
        }
    }

    private async Task CollectOnTimerAsync()
    {
        if (Interlocked.Exchange(ref _collecting, 1) == 1)
        {
            return;
        }

        try
        {
            var count = await Catalog.CollectIdleAsync();
            if (count > 0)
            {
                Logger.LogDebug("Idle collection deactivated {Count} activations", count);
            }
        }
        catch (Exception e)
        {
            Logger.LogError(e, "Idle collection failed");
        }
        finally
        {
            Volatile.Write(ref _collecting, 0);
        }
    }
}
