using StreamOrleans.Runtime.Hosting;

namespace StreamOrleans.Runtime;

/// <summary>
/// Base class of grain implementations (virtual actors). The runtime creates an activation on first use, calls
/// <see cref="OnActivateAsync"/>, then runs calls and stream events one at a time on the grain's own scheduler;
/// after <c>GrainRuntime:CollectionAge</c> without work it calls <see cref="OnDeactivateAsync"/> and drops it.
/// Grains are created only by the runtime (constructor injection works as in ASP.NET Core).
/// </summary>
public abstract class Grain
{
    private readonly GrainActivation _activation;

    /// <summary>Called by derived classes; only valid while the runtime is creating the activation.</summary>
    protected Grain()
    {
        _activation = GrainActivation.Creating ?? throw new InvalidOperationException(
            $"{GetType().Name} is a grain: get a reference with IGrainFactory.GetGrain<T>(key) instead of constructing it.");
    }

    /// <summary>This grain's identity.</summary>
    public GrainId GrainId => _activation.Id;

    /// <summary>The grain's key, as <c>this.GetPrimaryKeyString()</c> in Orleans.</summary>
    public string GetPrimaryKeyString() => _activation.Id.Key;

    /// <summary>Factory for references to other grains (calls from here run on their schedulers, not ours).</summary>
    protected IGrainFactory GrainFactory => _activation.Runtime.GrainFactory;

    /// <summary>The runtime's clock. Use it instead of DateTime.Now so tests can control time.</summary>
    protected TimeProvider TimeProvider => _activation.Runtime.TimeProvider;

    /// <summary>Called once, inside the first turn, after persistent state has been read.</summary>
    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Called once, inside the last turn; write any state you want kept.</summary>
    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Registers a timer whose <paramref name="callback"/> runs inside this grain's turns (never concurrently with a
    /// call). The next tick is scheduled when the callback completes. Timers do not keep the grain active.
    /// </summary>
    /// <param name="callback">Work to do on each tick.</param>
    /// <param name="dueTime">Delay before the first tick.</param>
    /// <param name="period">Delay between the end of one tick and the next; <see cref="Timeout.InfiniteTimeSpan"/> for one tick.</param>
    protected IGrainTimer RegisterGrainTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return _activation.RegisterTimer(callback, dueTime, period);
    }

    /// <summary>Asks the runtime to deactivate this grain once the current turn and queued work are done.</summary>
    protected void DeactivateOnIdle() => _activation.StartDeactivation(DeactivationReason.ApplicationRequested);
}
