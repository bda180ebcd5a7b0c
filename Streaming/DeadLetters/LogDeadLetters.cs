using StreamOrleans.Runtime.Streams;
using StreamOrleans.Streaming.Provider;

namespace StreamOrleans.Streaming.DeadLetters;

/// <summary>
/// Writes records that cannot be applied to the dead-letter topic, with the reason and the original bytes, through
/// the service's <see cref="DeadLetterPublisher"/> (the same format the dead-letter API lists), and waits until the
/// dead letter is durable: only then may the queue's offset pass the record.
/// </summary>
internal sealed class LogDeadLetters(DeadLetterPublisher publisher, string providerName)
{
    /// <summary>Dead-letters a record that did not decode or validate.</summary>
    public Task PublishAsync(LogRecord record, DeadLetterKind kind, string reason, CancellationToken cancellationToken) =>
        publisher.PublishAsync(record, kind, reason, providerName, grainKey: null, attempts: 0, cancellationToken);

    /// <summary>Dead-letters every record of a delivery Orleans gave up on.</summary>
    public async Task PublishFailedAsync(LogBatchContainer delivery, string consumer, string reason, CancellationToken cancellationToken)
    {
        var key = delivery.StreamId.GetKeyAsString();
        foreach (var item in delivery.Events)
        {
            var record = new LogRecord(delivery.Topic, delivery.Partition, item.Offset, item.Timestamp, key, item.Value, Headers(item));
            await publisher.PublishAsync(record, DeadLetterKind.Failed, reason, consumer, key, attempts: 0, cancellationToken);
        }
    }

    private static IReadOnlyDictionary<string, string> Headers(LogEvent item) => item.TraceParent is { } parent
        ? new Dictionary<string, string> { [TraceHeaders.TraceParent] = parent }
        : new Dictionary<string, string>();
}
