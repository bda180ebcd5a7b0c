using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using StreamOrleans.Runtime.Persistence;
using StreamOrleans.Runtime.Timers;

namespace StreamOrleans.Runtime.Hosting;

/// <summary>
/// One in-memory instance of a grain: its object, its bounded mailbox, its scheduler and its stream positions.
/// A single loop (running on the activation's scheduler) takes work items from the mailbox one at a time and
/// awaits each to completion before the next: turn-based and non-reentrant, as Orleans grains are by default.
/// </summary>
internal sealed class GrainActivation
{
    [ThreadStatic]
    private static GrainActivation? t_creating;

    private readonly Channel<WorkItem> _mailbox;
    private readonly TaskCompletionSource _deactivated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<GrainTimer> _timers = [];
    private readonly List<IPersistentStateInternal> _states = [];
    private readonly Lock _statusLock = new();
    private int _started;
    private int _busy;
    private long _lastActivity;
    private ActivationStatus _status;
    private DeactivationReason _reason;

    public GrainActivation(GrainRuntime runtime, GrainClassInfo classInfo, GrainId id)
    {
        Runtime = runtime;
        ClassInfo = classInfo;
        Id = id;
        _lastActivity = runtime.TimeProvider.GetTimestamp();
        _mailbox = Channel.CreateBounded<WorkItem>(new BoundedChannelOptions(runtime.Options.MailboxCapacity)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
            AllowSynchronousContinuations = false,
        });
    }

    /// <summary>The activation whose grain object is being constructed on this thread (read by Grain's constructor).</summary>
    public static GrainActivation? Creating => t_creating;

    public GrainRuntime Runtime { get; }

    public GrainClassInfo ClassInfo { get; }

    public GrainId Id { get; }

    public ActivationTaskScheduler Scheduler { get; } = new();

    /// <summary>The grain object; set inside the first turn.</summary>
    public Grain? Instance { get; private set; }

    /// <summary>Completes when the activation has finished deactivating (state flushed, removed from the catalog).</summary>
    public Task Deactivated => _deactivated.Task;

    /// <summary>Last applied offset per source partition ("topic/partition"), persisted with the first persistent state.</summary>
    public Dictionary<string, long> StreamPositions { get; } = [];

    /// <summary>Whether stream positions (and so state) changed since the last write.</summary>
    public bool StreamStateDirty { get; set; }

    /// <summary>The persistent state that carries <see cref="StreamPositions"/>; null for stateless grains.</summary>
    public IPersistentStateInternal? StreamState => _states.Count > 0 ? _states[0] : null;

    public int QueueLength => _mailbox.Reader.Count;

    public ActivationStatus Status
    {
        get
        {
            lock (_statusLock)
            {
                return _status;
            }
        }
    }

    /// <summary>Starts the activation's loop once; called by the catalog after the activation won the race to exist.</summary>
    public void EnsureStarted()
    {
        if (Interlocked.Exchange(ref _started, 1) == 0)
        {
            _ = Task.Factory.StartNew(RunAsync, CancellationToken.None, TaskCreationOptions.DenyChildAttach, Scheduler).Unwrap();
        }
    }

    public PostResult TryPost(WorkItem item)
    {
        if (_mailbox.Writer.TryWrite(item))
        {
            return PostResult.Posted;
        }

        return Status >= ActivationStatus.Deactivating ? PostResult.Closed : PostResult.Full;
    }

    /// <summary>Waits for mailbox space; false when the activation closed meanwhile.</summary>
    public async ValueTask<bool> PostAsync(WorkItem item, CancellationToken cancellationToken)
    {
        try
        {
            await _mailbox.Writer.WriteAsync(item, cancellationToken);
            return true;
        }
        catch (ChannelClosedException)
        {
            return false;
        }
    }

    /// <summary>True when nothing is queued or running and the last work finished at least <paramref name="age"/> ago.</summary>
    public bool IsIdle(long nowTimestamp, TimeSpan age) =>
        Status == ActivationStatus.Valid
        && Volatile.Read(ref _busy) == 0
        && _mailbox.Reader.Count == 0
        && Runtime.TimeProvider.GetElapsedTime(Volatile.Read(ref _lastActivity), nowTimestamp) >= age;

    /// <summary>Stops accepting work; queued work still runs, then the grain deactivates and its state is flushed.</summary>
    public void StartDeactivation(DeactivationReason reason)
    {
        lock (_statusLock)
        {
            if (_status >= ActivationStatus.Deactivating)
            {
                return;
            }

            _status = ActivationStatus.Deactivating;
            _reason = reason;
        }

        _mailbox.Writer.TryComplete();
    }

    public IGrainTimer RegisterTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new GrainTimer(this, callback, dueTime, period);
        _timers.Add(timer);
        return timer;
    }

    internal void RemoveTimer(GrainTimer timer) => _timers.Remove(timer);

    internal void AddState(IPersistentStateInternal state) => _states.Add(state);

    private async Task RunAsync()
    {
        if (!await ActivateAsync())
        {
            return;
        }

        var reader = _mailbox.Reader;
        while (await reader.WaitToReadAsync())
        {
            while (reader.TryRead(out var item))
            {
                // Activity is stamped when a turn starts (a running turn is never idle: _busy), so a caller that
                // sees its reply can rely on the stamp already being there.
                Volatile.Write(ref _busy, 1);
                if (item.CountsAsActivity)
                {
                    Volatile.Write(ref _lastActivity, Runtime.TimeProvider.GetTimestamp());
                }

                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                try
                {
                    await item.ExecuteAsync(this);
                }
                catch (Exception e)
                {
                    Runtime.Logger.LogError(e, "Unhandled error in a turn of {Grain}", Id);
                }
                finally
                {
                    Volatile.Write(ref _busy, 0);
                    var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
                    Runtime.TurnLatency.Record(elapsed);
                    if (Diagnostics.RuntimeInstruments.TurnDuration.Enabled)
                    {
                        Diagnostics.RuntimeInstruments.TurnDuration.Record(
                            elapsed.TotalSeconds, new KeyValuePair<string, object?>(Diagnostics.RuntimeInstruments.GrainTypeTag, Id.Type));
                    }
                }
            }
        }

        await DeactivateAsync();
    }

    private async Task<bool> ActivateAsync()
    {
        try
        {
            t_creating = this;
            try
            {
                Instance = ClassInfo.CreateInstance(this);
            }
            finally
            {
                t_creating = null;
            }

            foreach (var state in _states)
            {
                await ReadWithRetriesAsync(state);
            }

            await Instance.OnActivateAsync(Runtime.ShutdownToken);
            lock (_statusLock)
            {
                if (_status == ActivationStatus.Activating)
                {
                    _status = ActivationStatus.Valid;
                }
            }

            return true;
        }
        catch (Exception e)
        {
            Runtime.Logger.LogError(e, "Activation of {Grain} failed", Id);
            var error = new GrainActivationException(Id, e);
            StartDeactivation(DeactivationReason.ApplicationRequested);
            while (_mailbox.Reader.TryRead(out var item))
            {
                item.Fail(error);
            }

            Finish();
            return false;
        }
    }

    // A storage hiccup (a database restarting, its connections exhausted for a moment) must not fail the activation and
    // dead-letter the events queued for it: the read is retried with backoff before the activation gives up.
    private async Task ReadWithRetriesAsync(Persistence.IPersistentStateInternal state)
    {
        const int attempts = 5;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await state.ReadStateAsync();
                return;
            }
            catch (Exception e) when (attempt < attempts && e is not (System.Text.Json.JsonException or NotSupportedException))
            {
                Runtime.Logger.LogWarning(e, "Reading the state of {Grain} failed (attempt {Attempt} of {Attempts}); retrying", Id, attempt, attempts);
                await Task.Delay(TimeSpan.FromMilliseconds(100 * Math.Pow(2, attempt - 1)), Runtime.TimeProvider);
            }
        }
    }

    private async Task DeactivateAsync()
    {
        foreach (var timer in _timers.ToArray())
        {
            timer.Dispose();
        }

        using var timeout = new CancellationTokenSource(Runtime.Options.DeactivationTimeout, Runtime.TimeProvider);
        try
        {
            await Instance!.OnDeactivateAsync(_reason, timeout.Token);
        }
        catch (Exception e)
        {
            Runtime.Logger.LogError(e, "OnDeactivateAsync of {Grain} failed", Id);
        }

        try
        {
            await FlushStreamStateAsync(timeout.Token);
        }
        catch (Exception e)
        {
            // The stream positions were not persisted: the partition must not commit past them.
            Runtime.Catalog.RecordFlushFailure(Id, e);
            Runtime.Logger.LogError(e, "Final state flush of {Grain} failed", Id);
        }

        Finish();
    }

    /// <summary>Writes the stream-carrying state if it has unwritten stream progress. Runs inside a turn.</summary>
    public async Task FlushStreamStateAsync(CancellationToken cancellationToken)
    {
        if (StreamStateDirty && StreamState is { } state)
        {
            (Instance as Streams.IStreamCheckpointAware)?.OnBeforeCheckpoint();
            await state.WriteStateAsync(cancellationToken);
        }
    }

    private void Finish()
    {
        lock (_statusLock)
        {
            _status = ActivationStatus.Deactivated;
        }

        Runtime.Catalog.Remove(this);
        _deactivated.TrySetResult();
    }
}
