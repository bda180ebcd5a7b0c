using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Streams;
using StreamOrleans.Runtime.Configuration;
using StreamOrleans.Runtime.Streams;
using StreamOrleans.Streaming.Provider;

namespace StreamOrleans.Streaming.DeadLetters;

/// <summary>Dead letters of consumers, written through the service's <see cref="DeadLetterPublisher"/> to the silo's log.</summary>
internal sealed class LogStreamDeadLetters(IStreamLog log, Configuration.LogStreamOptions options, TimeProvider timeProvider, ILoggerFactory loggerFactory)
    : IStreamDeadLetters
{
    private readonly DeadLetterPublisher _publisher = new(log, Options.Create(new StreamingOptions { DeadLetterTopic = options.DeadLetterTopic }),
        timeProvider, loggerFactory.CreateLogger<DeadLetterPublisher>());

    public async Task PublishAsync(StreamSequenceToken? token, object? item, GrainId consumer, string reason, int attempts, CancellationToken cancellationToken = default)
    {
        var key = consumer.Key.ToString()!;
        LogRecord? record = null;
        if (token is LogSequenceToken position)
        {
            var found = await log.ReadAsync(position.Topic, position.Partition, position.Offset, 1, cancellationToken);
            record = found.Count == 1 && found[0].Offset == position.Offset ? found[0] : null;
        }

        record ??= new LogRecord(token is LogSequenceToken t ? t.Topic : "(unknown)", token is LogSequenceToken p ? p.Partition : -1, token?.SequenceNumber ?? -1,
            timeProvider.GetUtcNow(), key, item is null ? ReadOnlyMemory<byte>.Empty : JsonSerializer.SerializeToUtf8Bytes(item, item.GetType()),
            new Dictionary<string, string>());
        await _publisher.PublishAsync(record, DeadLetterKind.Failed, reason, consumer.Type.ToString()!, key, attempts, cancellationToken);
    }
}
