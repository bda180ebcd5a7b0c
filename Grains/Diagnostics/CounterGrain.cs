using Orleans;
using Orleans.Runtime;
using Orleans.Streams;
using Orleans.Streams.Core;
using StreamOrleans.Grains.Interfaces.Diagnostics;
using StreamOrleans.Streaming.ExactlyOnce;

namespace StreamOrleans.Grains.Diagnostics;

/// <summary>
/// Counts and sums the counter events of its key, exactly once: each delivery applies the events not applied yet
/// and writes totals and positions in one storage write before it returns (<see cref="ExactlyOnceExtensions"/>).
/// </summary>
[ImplicitStreamSubscription(CounterEvent.Topic)]
public sealed class CounterGrain(
    [PersistentState("counter", GrainProviders.Storage)] IPersistentState<CounterState> state)
    : Grain, ICounterGrain, IStreamSubscriptionObserver, IAsyncBatchObserver<CounterEvent>
{
    /// <inheritdoc />
    public Task<CounterSnapshot> GetAsync() => Task.FromResult(new CounterSnapshot(state.State.Count, state.State.Sum));

    /// <inheritdoc />
    public Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory)
    {
        ArgumentNullException.ThrowIfNull(handleFactory);
        return handleFactory.Create<CounterEvent>().ResumeAsync(this);
    }

    /// <inheritdoc />
    public Task OnNextAsync(IList<SequentialItem<CounterEvent>> items) =>
        this.ApplyOnceAsync(state, items, static (counter, item) =>
        {
            counter.Count++;
            counter.Sum += item.Amount;
        });

    /// <inheritdoc />
    public Task OnCompletedAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;
}
