using System.Text;
using Microsoft.Extensions.Logging;
using StreamOrleans.Streaming.Serialization;

namespace StreamOrleans.Streaming.Log;

/// <summary>Writes records that could not be applied to the dead-letter topic, with the reason.</summary>
/// <param name="log">The log the dead-letter topic lives in.</param>
/// <param name="topic">The dead-letter topic's name.</param>
/// <param name="timeProvider">Clock of the letters' timestamps.</param>
/// <param name="logger">Where each dead letter is logged as a warning.</param>
public sealed class DeadLetterPublisher(IStreamLog log, string topic, TimeProvider timeProvider, ILogger<DeadLetterPublisher> logger)
{
    private long _published;

    /// <summary>The dead-letter topic's name.</summary>
    public string Topic { get; } = topic;

    /// <summary>Dead letters written by this process since start.</summary>
    public long PublishedCount => Interlocked.Read(ref _published);

    /// <summary>Raised after a dead letter is durably written (the signal tests and dashboards await). Handlers must be quick.</summary>
    public event Action<DeadLetter>? Published;

    /// <summary>Appends a dead letter for <paramref name="record"/> and waits until it is durable.</summary>
    public async Task PublishAsync(LogRecord record, DeadLetterKind kind, string reason, string grainType, string? grainKey, int attempts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var (value, encoding) = Describe(record.Value.Span);
        var letter = new DeadLetter(record.Topic, record.Partition, record.Offset, record.Key, reason, kind, grainType, grainKey, attempts, timeProvider.GetUtcNow(), value, encoding);
        var bytes = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(letter, LogJsonContext.Default.DeadLetter);
        await log.AppendAsync(Topic, [new StreamRecord(record.Topic, bytes)], cancellationToken);
        Interlocked.Increment(ref _published);
        Diagnostics.StreamInstruments.DeadLetters.Add(1, new KeyValuePair<string, object?>(Diagnostics.StreamInstruments.TopicTag, record.Topic));
        Published?.Invoke(letter);
        logger.LogWarning("Dead-lettered {Topic}/{Partition}@{Offset} ({Kind}): {Reason}", record.Topic, record.Partition, record.Offset, kind, reason);
    }

    /// <summary>The most recent dead letters across partitions, newest first.</summary>
    public async Task<IReadOnlyList<DeadLetter>> ReadRecentAsync(int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var letters = new List<(DateTimeOffset At, long Offset, DeadLetter Letter)>();
        foreach (var partition in await log.GetOffsetsAsync(Topic, cancellationToken))
        {
            var from = Math.Max(partition.StartOffset, partition.EndOffset - limit);
            foreach (var record in await log.ReadAsync(Topic, partition.Partition, from, limit, cancellationToken))
            {
                if (TryDecode(record) is { } letter)
                {
                    letters.Add((record.Timestamp, record.Offset, letter));
                }
            }
        }

        return [.. letters.OrderByDescending(l => l.At).ThenByDescending(l => l.Offset).Take(limit).Select(l => l.Letter)];
    }

    // A record some other producer wrote to the topic (a plain Kafka producer, say) is not a dead letter: skipped, so
    // that one such record does not make the listing fail for good (a 500 on every GET /api/streams/dead-letters
    // before; found by the hostile-input fuzzer).
    private static DeadLetter? TryDecode(LogRecord record)
    {
        try
        {
            return System.Text.Json.JsonSerializer.Deserialize(record.Value.Span, LogJsonContext.Default.DeadLetter);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static (string Value, string Encoding) Describe(ReadOnlySpan<byte> value)
    {
        try
        {
            return (new UTF8Encoding(false, true).GetString(value), "utf8");
        }
        catch (DecoderFallbackException)
        {
            return (Convert.ToBase64String(value), "base64");
        }
    }
}
