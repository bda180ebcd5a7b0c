using Orleans.Streams;
using StreamOrleans.Streaming.Cache;

namespace StreamOrleans.Streaming.DeadLetters;

/// <summary>
/// Called by Orleans' pulling agent when a delivery kept failing for <c>MaxDeliveryTime</c> (retried with backoff):
/// the records of that delivery go to the dead-letter topic, and the stream moves on. Implicit subscriptions are
/// never faulted, so one poison record never stops its queue or its key. While the silo stops, Orleans gives up a
/// failing delivery at once (it does not retry during shutdown): that is an interrupted delivery, not a poison record,
/// so nothing is dead-lettered; its records stay uncommitted and are delivered again after the restart.
/// </summary>
internal sealed class LogDeliveryFailureHandler(Func<LogQueueCache?> cache, LogDeadLetters deadLetters, TimeSpan maxDeliveryTime, Func<bool> stopping) : IStreamFailureHandler
{
    public bool ShouldFaultSubsriptionOnError => false;

    public async Task OnDeliveryFailure(GuidId subscriptionId, string streamProviderName, StreamId streamIdentity, StreamSequenceToken? sequenceToken)
    {
        if (stopping())
        {
            return;
        }

        if (cache()?.FindDelivery(streamIdentity, sequenceToken) is { } delivery)
        {
            var reason = $"delivery to the consumer of stream {streamIdentity} kept failing for {maxDeliveryTime} (see the consumer's log for its exception)";
            await deadLetters.PublishFailedAsync(delivery, $"subscription {subscriptionId}", reason, CancellationToken.None);
        }
    }

    public Task OnSubscriptionFailure(GuidId subscriptionId, string streamProviderName, StreamId streamIdentity, StreamSequenceToken? sequenceToken) =>
        Task.CompletedTask;
}
