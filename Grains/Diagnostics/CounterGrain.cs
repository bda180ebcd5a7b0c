using StreamOrleans.Grains.Interfaces.Diagnostics;
using StreamOrleans.Runtime;
using StreamOrleans.Runtime.Streams;

namespace StreamOrleans.Grains.Diagnostics;

/// <summary>Counts and sums counter events; its state is checkpointed with its stream positions by the runtime.</summary>
[ImplicitStreamSubscription(CounterEvent.Topic)]
public sealed class CounterGrain([PersistentState("counter")] IPersistentState<CounterState> state) : Grain, ICounterGrain, IStreamSubscriber<CounterEvent>
{
    public Task OnNextAsync(CounterEvent item, StreamEventContext context)
    {
        ArgumentNullException.ThrowIfNull(item);
        state.State.Count++;
        state.State.Sum += item.Amount;
        return Task.CompletedTask;
    }

    public Task<CounterSnapshot> GetAsync() => Task.FromResult(new CounterSnapshot(state.State.Count, state.State.Sum));
}
