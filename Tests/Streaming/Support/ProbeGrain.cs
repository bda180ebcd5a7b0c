using System.Collections.Concurrent;
using Orleans;
using Orleans.Runtime;
using Orleans.Streams;
using Orleans.Streams.Core;
using StreamOrleans.Streaming.ExactlyOnce;

namespace StreamOrleans.Tests.Streaming.Support;

/// <summary>
/// Counts "count" events exactly once and keeps the values of "record" events in applied order; "fail" throws inside the apply (the helper dead-letters it); "throw" fails the
/// whole delivery before it is applied (Orleans retries, then the provider's failure handler dead-letters it); "block"
/// waits until the test opens its key's gate.
/// </summary>
[ImplicitStreamSubscription(ProbeEvent.Topic)]
public sealed class ProbeGrain([PersistentState("probe", "grains")] IPersistentState<ProbeState> state)
    : Grain, IProbeGrain, IStreamSubscriptionObserver, IAsyncBatchObserver<ProbeEvent>
{
    /// <summary>Per key: completes when a "block" event of that key may proceed.</summary>
    public static ConcurrentDictionary<string, TaskCompletionSource> Gates { get; } = new();

    /// <summary>Per key: signalled when a "block" event of that key started waiting.</summary>
    public static ConcurrentDictionary<string, TaskCompletionSource> Blocked { get; } = new();

    public Task<long> GetCountAsync() => Task.FromResult(state.State.Count);

    public Task<List<long>> GetRecordedAsync() => Task.FromResult(state.State.Recorded.ToList());

    public Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) => handleFactory.Create<ProbeEvent>().ResumeAsync(this);

    public async Task OnNextAsync(IList<SequentialItem<ProbeEvent>> items)
    {
        var key = this.GetPrimaryKeyString();
        foreach (var item in items)
        {
            if (item.Item.Action == "throw" && !state.State.Applied.IsApplied(item.Token))
            {
                throw new InvalidOperationException("probe told to fail the delivery");
            }

            if (item.Item.Action == "block" && !state.State.Applied.IsApplied(item.Token))
            {
                Blocked.GetOrAdd(key, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
                await Gates.GetOrAdd(key, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
            }
        }

        await this.ApplyOnceAsync(state, items, static (probe, item) =>
        {
            if (item.Action == "fail")
            {
                throw new InvalidOperationException("probe told to fail");
            }

            if (item.Action == "record")
            {
                probe.Recorded.Add(item.Value);
            }

            probe.Count++;
        });
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;
}
