using System.Collections.Concurrent;
using StreamOrleans.Runtime;
using StreamOrleans.Runtime.Streams;

namespace StreamOrleans.Tests.Runtime.TestGrains;

/// <summary>Consumes "counts": adds each amount. Amount 666 always throws (poison); key "slow-*" waits for a signal per event.</summary>
[ImplicitStreamSubscription("counts")]
public sealed class StreamCounterGrain([PersistentState("counter")] IPersistentState<TestState> state) : Grain, IStreamCounterGrain, IStreamSubscriber<CounterTestEvent>
{
    public static readonly ConcurrentDictionary<string, TaskCompletionSource> Gates = new();

    public async Task OnNextAsync(CounterTestEvent item, StreamEventContext context)
    {
        if (item.Amount == 666)
        {
            throw new InvalidOperationException("the number of the beast");
        }

        if (GetPrimaryKeyString().StartsWith("slow", StringComparison.Ordinal))
        {
            await Gates.GetOrAdd(GetPrimaryKeyString(), _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
        }

        state.State.Count++;
        state.State.Sum += item.Amount;
        state.State.Applied.Add(item.Amount);
    }

    public Task<(long Count, long Sum, IReadOnlyList<long> Applied)> GetAsync() =>
        Task.FromResult<(long, long, IReadOnlyList<long>)>((state.State.Count, state.State.Sum, [.. state.State.Applied]));
}
