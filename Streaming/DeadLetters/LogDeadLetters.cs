using System.Text.Json;
using Microsoft.Extensions.Logging;
using Orleans.Streams;
using StreamOrleans.Streaming.Log;
using StreamOrleans.Streaming.Provider;

namespace StreamOrleans.Streaming.DeadLetters;

/// <summary>
/// The dead letters of one log stream provider: records that did not decode or validate (from its receivers),
/// deliveries Orleans gave up on (from its failure handlers) and events a consumer could not apply (from
/// <c>ApplyOnceAsync</c>). They go to the dead-letter topic with the reason and the original bytes, through the service's
/// <see cref="DeadLetterPublisher"/> (the format the dead-letter API lists), and each call returns once the dead letter
/// is durable: only then may the queue's offset pass the record.
/// </summary>
public sealed class LogDeadLetters : IStreamDeadLetters
{
    private readonly IStreamLog _log;
    private readonly string _providerName;
    private readonly TimeProvider _timeProvider;
    private readonly DeadLetterPublisher _publisher;

    /// <summary>Creates the dead letters of provider <paramref name="providerName"/>, written to <paramref name="deadLetterTopic"/> of <paramref name="log"/>.</summary>
    public LogDeadLetters(IStreamLog log, string providerName, string deadLetterTopic, TimeProvider timeProvider, ILoggerFactory loggerFactory)
    {
        _log = log;
        _providerName = providerName;
        _timeProvider = timeProvider;
        _publisher = new DeadLetterPublisher(log, deadLetterTopic, timeProvider, loggerFactory.CreateLogger<DeadLetterPublisher>());
    }

    /// <summary>The dead-letter topic.</summary>
    public string Topic => _publisher.Topic;

    /// <summary>The newest <paramref name="limit"/> dead letters, newest first.</summary>
    public Task<IReadOnlyList<DeadLetter>> ReadRecentAsync(int limit, CancellationToken cancellationToken = default) =>
        _publisher.ReadRecentAsync(limit, cancellationToken);

    /// <summary>Dead-letters a record that did not decode or validate.</summary>
    public Task PublishAsync(LogRecord record, DeadLetterKind kind, string reason, CancellationToken cancellationToken) =>
        _publisher.PublishAsync(record, kind, reason, _providerName, grainKey: null, attempts: 0, cancellationToken);

    /// <summary>Dead-letters every record of a delivery Orleans gave up on.</summary>
    public async Task PublishFailedAsync(LogBatchContainer delivery, string consumer, string reason, CancellationToken cancellationToken)
    {
        var key = delivery.StreamId.GetKeyAsString();
        foreach (var item in delivery.Events)
        {
            var record = new LogRecord(delivery.Topic, delivery.Partition, item.Offset, item.Timestamp, key, item.Value, Headers(item));
            await _publisher.PublishAsync(record, DeadLetterKind.Failed, reason, consumer, key, attempts: 0, cancellationToken);
        }
    }

    /// <inheritdoc />
    public Task PublishAsync(StreamSequenceToken? token, object? item, GrainId consumer, string reason, int attempts, CancellationToken cancellationToken = default) =>
        PublishAsync(token, item, consumer, DeadLetterKind.Failed, reason, attempts, cancellationToken);

    /// <inheritdoc />
    public Task PublishInvalidAsync(StreamSequenceToken? token, object? item, GrainId consumer, string reason, CancellationToken cancellationToken = default) =>
        PublishAsync(token, item, consumer, DeadLetterKind.Invalid, reason, 1, cancellationToken);

    private async Task PublishAsync(StreamSequenceToken? token, object? item, GrainId consumer, DeadLetterKind kind, string reason, int attempts, CancellationToken cancellationToken)
    {
        var key = consumer.Key.ToString()!;
        var position = token as LogSequenceToken;
        LogRecord? record = null;
        if (position is not null)
        {
            var found = await _log.ReadAsync(position.Topic, position.Partition, position.Offset, 1, cancellationToken);
            record = found.Count == 1 && found[0].Offset == position.Offset ? found[0] : null;
        }

        record ??= new LogRecord(position?.Topic ?? "(unknown)", position?.Partition ?? -1, token?.SequenceNumber ?? -1,
            _timeProvider.GetUtcNow(), key, item is null ? ReadOnlyMemory<byte>.Empty : JsonSerializer.SerializeToUtf8Bytes(item, item.GetType()),
            new Dictionary<string, string>());
        await _publisher.PublishAsync(record, kind, reason, consumer.Type.ToString()!, key, attempts, cancellationToken);
    }

    private static IReadOnlyDictionary<string, string> Headers(LogEvent item) => item.TraceParent is { } parent
        ? new Dictionary<string, string> { [TraceHeaders.TraceParent] = parent }
        : new Dictionary<string, string>();
}
