using System.Text;
using Confluent.Kafka;

namespace StreamOrleans.Streaming.Log.Kafka;

/// <summary>
/// Converts between the log's records and Kafka messages: the key is UTF-8 text, the value opaque bytes, each header
/// a UTF-8 value under its name. A Kafka message may repeat a header name; the last value wins when read back.
/// </summary>
public static class KafkaRecordCodec
{
    private static readonly IReadOnlyDictionary<string, string> NoHeaders = new Dictionary<string, string>(0);

    /// <summary>The Kafka message for <paramref name="record"/>.</summary>
    /// <exception cref="ArgumentException">The record has a null key, or a header with a null name or value.</exception>
    public static Message<string, byte[]> ToMessage(StreamRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Key is null)
        {
            throw new ArgumentException("A record's key must not be null.", nameof(record));
        }

        Headers? headers = null;
        if (record.Headers is { Count: > 0 })
        {
            headers = [];
            foreach (var (name, value) in record.Headers)
            {
                if (name is null || value is null)
                {
                    throw new ArgumentException($"Record '{record.Key}' has a header with a null name or value.", nameof(record));
                }

                headers.Add(name, Encoding.UTF8.GetBytes(value));
            }
        }

        return new Message<string, byte[]>
        {
            Key = record.Key,
            Value = record.Value.ToArray(),
            Headers = headers,
        };
    }

    /// <summary>The log record for a consumed Kafka message; its timestamp is the message's (log-append) time.</summary>
    public static LogRecord ToLogRecord(ConsumeResult<string, byte[]> result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var message = result.Message ?? throw new ArgumentException("The consume result carries no message (end of partition?).", nameof(result));
        return new LogRecord(
            result.Topic,
            result.Partition.Value,
            result.Offset.Value,
            new DateTimeOffset(message.Timestamp.UtcDateTime, TimeSpan.Zero),
            message.Key ?? "",
            message.Value ?? [],
            DecodeHeaders(message.Headers));
    }

    /// <summary>The headers as a dictionary (empty when there are none); null values read as "".</summary>
    public static IReadOnlyDictionary<string, string> DecodeHeaders(Headers? headers)
    {
        if (headers is null || headers.Count == 0)
        {
            return NoHeaders;
        }

        var decoded = new Dictionary<string, string>(headers.Count, StringComparer.Ordinal);
        foreach (var header in headers)
        {
            var bytes = header.GetValueBytes();
            decoded[header.Key] = bytes is null ? "" : Encoding.UTF8.GetString(bytes);
        }

        return decoded;
    }
}
