using Orleans;
using Orleans.Runtime;
using Orleans.Streams;
using Orleans.Streams.Core;
using StreamOrleans.Streaming.ExactlyOnce;
using StreamOrleans.Streaming.Routing;

namespace StreamOrleans.Tests.Streaming.Support;

/// <summary>Applies the records of the raw topic "probe-raw" exactly once, keeping their bytes and headers as given.</summary>
[ImplicitStreamSubscription(Topic)]
public sealed class RawProbeGrain([PersistentState("raw-probe", "grains")] IPersistentState<RawProbeState> state)
    : Grain, IRawProbeGrain, IStreamSubscriptionObserver, IAsyncBatchObserver<RawRecord>
{
    /// <summary>The raw topic this grain consumes.</summary>
    public const string Topic = "probe-raw";

    public Task<List<RawRecord>> GetReceivedAsync() =>
        Task.FromResult(state.State.Received.Select(r => new RawRecord(r.Value, r.Headers)).ToList());

    public Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) => handleFactory.Create<RawRecord>().ResumeAsync(this);

    public Task OnNextAsync(IList<SequentialItem<RawRecord>> items) =>
        this.ApplyOnceAsync(state, items, static (received, item) => received.Received.Add(new RawProbeItem(item.Value, item.Headers)));

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;
}
