using Orleans.Streams;
using Orleans.Streams.Core;
using StreamOrleans.Grains.Diagnostics;
using StreamOrleans.Grains.Interfaces.Diagnostics;
using StreamOrleans.Streaming.ExactlyOnce;

namespace StreamOrleans.Benchmarks.OrleansPipeline;

/// <summary>
/// <see cref="CounterGrain"/>'s twin on a memory-stream namespace, for the same-run baseline: the same state
/// type, the same storage provider ("grains", our SQLite group commit) and the same <c>ApplyOnceAsync</c> call, so
/// both sides pay one state + positions write per delivery. It also tells the probe how many events it applied.
/// </summary>
[Orleans.ImplicitStreamSubscription(Namespace)]
public sealed class MemoryCounterGrain(
    [Orleans.Runtime.PersistentState("counter", StreamOrleans.Grains.GrainProviders.Storage)] Orleans.Runtime.IPersistentState<CounterState> state,
    AppliedProbe probe)
    : Orleans.Grain, IMemoryCounterGrain, IStreamSubscriptionObserver, IAsyncBatchObserver<MemoryCounterEvent>
{
    /// <summary>The memory-stream namespace the twin subscribes to.</summary>
    public const string Namespace = "bench-memory-counter";

    /// <inheritdoc />
    public Task<CounterSnapshot> GetAsync() => Task.FromResult(new CounterSnapshot(state.State.Count, state.State.Sum));

    /// <inheritdoc />
    public Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory)
    {
        ArgumentNullException.ThrowIfNull(handleFactory);
        return handleFactory.Create<MemoryCounterEvent>().ResumeAsync(this);
    }

    /// <inheritdoc />
    public async Task OnNextAsync(IList<SequentialItem<MemoryCounterEvent>> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        await this.ApplyOnceAsync(state, items, static (counter, item) =>
        {
            counter.Count++;
            counter.Sum += item.Amount;
        });
        probe.AddMemoryApplied(items.Count);
    }

    /// <inheritdoc />
    public Task OnCompletedAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;
}
