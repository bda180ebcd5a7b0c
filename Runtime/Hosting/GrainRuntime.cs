using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StreamOrleans.Runtime.Configuration;
using StreamOrleans.Runtime.Placement;
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

    /// <summary>Where grains live among replicas (set by the stream runtime); null: every grain is local.</summary>
    internal IGrainPlacement? Placement { get; set; }

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

    // _shutdown is deliberately not disposed (as StreamRuntime's gate): a test host may dispose the container while the
    // silo's lifecycle service is still stopping this runtime, which then cancels it; a CancellationTokenSource without a
    // timer or wait handle holds nothing to release.
    public async ValueTask DisposeAsync() => await StopAsync();

    internal Task<TResult> InvokeAsync<TResult>(GrainId id, GrainClassInfo classInfo, Func<object, object?[]?, Task<TResult>> call, object?[]? arguments, string method)
    {
        var request = new GrainRequest<TResult>(call, arguments);
        var activation = Catalog.GetOrCreate(id, classInfo);
        return activation.TryPost(request) == PostResult.Posted
            ? WaitWithTimeoutAsync(request.Task, id, method, Options.CallTimeout)
            : PostSlowAndWaitAsync(request, id, classInfo, method);
    }

    /// <summary>
    /// Calls a grain that lives on another replica: finds its owner, sends the call there, and retries while its partition
    /// is being handed over (no owner, or the owner just gave it up), within the call timeout. If the grain moved here
    /// meanwhile, the call runs locally.
    /// </summary>
    internal async Task<TResult> InvokeRemoteAsync<TResult>(GrainId id, GrainClassInfo classInfo, MethodInfo method, Func<object, object?[]?, Task<TResult>> call, object?[]? arguments, string name)
    {
        var placement = Placement!;
        var parameters = method.GetParameters();
        var serialized = new JsonElement[parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            serialized[i] = JsonSerializer.SerializeToElement(arguments![i], Serializer.GetTypeInfo(parameters[i].ParameterType));
        }

        var message = new GrainCallMessage(id.Type, id.Key, method.DeclaringType!.FullName!, method.Name, serialized);
        var calls = Services.GetRequiredService<RemoteGrainCalls>();
        using var timeout = new CancellationTokenSource(Options.CallTimeout, TimeProvider);
        var pause = TimeSpan.FromMilliseconds(50);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var outcome = "failed";
        try
        {
            while (true)
            {
                var owner = await placement.GetOwnerAsync(id, classInfo, timeout.Token);
                if (owner is { IsLocal: true })
                {
                    return await InvokeAsync(id, classInfo, call, arguments, name);
                }

                if (owner?.Address is not null)
                {
                    try
                    {
                        var result = await calls.SendAsync(owner, message, timeout.Token);
                        outcome = "ok";
                        return result is { ValueKind: not JsonValueKind.Null } json && typeof(TResult) != typeof(object)
                            ? (TResult)json.Deserialize(Serializer.GetTypeInfo(typeof(TResult)))!
                            : default!;
                    }
                    catch (Exception e) when (e is GrainNotLocalException or HttpRequestException && !timeout.IsCancellationRequested)
                    {
                        Logger.LogDebug(e, "Call {Method} on {Grain} at {Owner} did not reach the grain; looking it up again", name, id, owner.MemberId);
                    }
                }

                await Task.Delay(pause, TimeProvider, timeout.Token);
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, TimeSpan.FromSeconds(1).Ticks));
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            outcome = "timeout";
            throw new GrainCallTimeoutException(id, name, Options.CallTimeout);
        }
        finally
        {
            Diagnostics.RuntimeInstruments.RemoteCallDuration.Record(
                System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds,
                new(Diagnostics.RuntimeInstruments.GrainTypeTag, id.Type),
                new(Diagnostics.RuntimeInstruments.OutcomeTag, outcome));
        }
    }

    /// <summary>
    /// Runs a grain call that another replica sent here (see <see cref="RemoteGrainCalls"/>) and returns its serialized result.
    /// </summary>
    /// <exception cref="GrainNotLocalException">The grain does not live here (any more).</exception>
    /// <exception cref="ArgumentException">Unknown grain type, interface or method, a bad key, or undecodable arguments.</exception>
    public async Task<GrainCallReply> InvokeFromReplicaAsync(GrainCallMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var classInfo = Registry.FindByTypeName(message.GrainType) ?? throw new ArgumentException($"Unknown grain type '{message.GrainType}'.", nameof(message));
        if (GrainId.ValidateKey(message.Key) is { } reason)
        {
            throw new ArgumentException($"Invalid grain key: {reason}.", nameof(message));
        }

        var id = new GrainId(classInfo.TypeName, message.Key);
        if (Placement is { } placement && !placement.IsLocal(id, classInfo))
        {
            throw new GrainNotLocalException(id);
        }

        var method = classInfo.Interfaces.Where(i => i.FullName == message.Interface)
            .SelectMany(i => i.GetMethods())
            .SingleOrDefault(m => m.Name == message.Method && m.GetParameters().Length == message.Arguments.Count)
            ?? throw new ArgumentException($"{message.GrainType} has no method {message.Interface}.{message.Method} with {message.Arguments.Count} arguments.", nameof(message));
        var parameters = method.GetParameters();
        var arguments = new object?[parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            try
            {
                arguments[i] = message.Arguments[i].Deserialize(Serializer.GetTypeInfo(parameters[i].ParameterType));
            }
            catch (JsonException e)
            {
                throw new ArgumentException($"Argument '{parameters[i].Name}' of {message.Method} is not a valid {parameters[i].ParameterType.Name}: {e.Message}", nameof(message), e);
            }
        }

        var invoker = GrainMethodInvoker.For(method);
        var result = await invoker.InvokeLocalAsync(this, id, classInfo, arguments);
        return new GrainCallReply(result is null || invoker.ResultType == typeof(object) ? null : JsonSerializer.SerializeToElement(result, Serializer.GetTypeInfo(invoker.ResultType)));
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
