using StreamOrleans.Runtime.Configuration;
using StreamOrleans.Runtime.Diagnostics;
using StreamOrleans.Runtime.Hosting;

namespace StreamOrleans.Runtime.Streams;

/// <summary>
/// One event on its way into a grain's turn. Skips events the grain already applied (its stored position for the
/// source partition is at or past the offset), records the new position before applying so any state write in the
/// handler carries it, retries failures with exponential backoff, and dead-letters the event after the last attempt.
/// </summary>
internal sealed class StreamDelivery(StreamSubscription subscription, object item, LogRecord record, string positionKey, StreamRuntime streams, System.Diagnostics.ActivityContext batch = default) : WorkItem
{
    public override async Task ExecuteAsync(GrainActivation activation)
    {
        if (activation.StreamPositions.TryGetValue(positionKey, out var applied) && applied >= record.Offset)
        {
            return;
        }

        using var turn = PumpTracing.StartTurn(activation.Id, record, batch);
        activation.StreamPositions[positionKey] = record.Offset;
        activation.StreamStateDirty = true;

        var options = streams.Options;
        var context = new StreamEventContext(record.Topic, record.Partition, record.Offset, record.Key, record.Timestamp, record.Headers);
        Exception? last = null;
        for (var attempt = 1; attempt <= options.MaxDeliveryAttempts; attempt++)
        {
            try
            {
                await subscription.DeliverAsync(activation.Instance!, item, context);
                streams.Stats.RecordApplied(record, activation.Runtime.TimeProvider.GetUtcNow());
                StreamInstruments.EventsOut.Add(1, new KeyValuePair<string, object?>(StreamInstruments.TopicTag, record.Topic));
                return;
            }
            catch (Exception e)
            {
                last = e;
                if (attempt < options.MaxDeliveryAttempts && options.RetryBackoff > TimeSpan.Zero)
                {
                    await Task.Delay(options.RetryBackoff * Math.Pow(2, attempt - 1), activation.Runtime.TimeProvider);
                }
            }
        }

        turn?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, last!.Message);
        await streams.DeadLetters.PublishAsync(
            record, DeadLetterKind.Failed, $"{last!.GetType().Name}: {last.Message}", subscription.Grain.TypeName, activation.Id.Key, options.MaxDeliveryAttempts);
    }

    public override void Fail(Exception exception) =>
        streams.TrackBackground(streams.DeadLetters.PublishAsync(
            record, DeadLetterKind.Failed, $"{exception.GetType().Name}: {exception.Message}", subscription.Grain.TypeName, null, 0));
}
