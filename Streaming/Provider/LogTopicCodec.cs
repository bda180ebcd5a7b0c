using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using StreamOrleans.Streaming.Log;
using StreamOrleans.Streaming.Configuration;
using StreamOrleans.Streaming.Routing;

namespace StreamOrleans.Streaming.Provider;

/// <summary>
/// Decodes a topic's record values into its event type with System.Text.Json (source-generated metadata, strict
/// numbers) and runs the event's own validation; encodes events produced through Orleans streams the same way.
/// A raw topic's records are handed over as <see cref="RawRecord"/>s (bytes and headers, no decoding). Public so that
/// the API validates what it ingests with the very metadata and options the receivers decode with.
/// </summary>
public sealed class LogTopicCodec
{
    // Every event type a codec of this process decodes, with its metadata: a container delivered to a grain on another
    // silo arrives without its decoded event and is decoded again there (LogBatchContainer), with these options rather
    // than bare defaults (which, for one, refused the enums that the topics' contexts write as strings).
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, JsonTypeInfo> DecodersByType = new();

    private readonly JsonTypeInfo? _typeInfo;

    /// <summary>Builds the codec of <paramref name="topic"/>; throws when its resolver has no metadata for its event type.</summary>
    public LogTopicCodec(LogTopic topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        if (topic.IsRaw)
        {
            return;
        }

        if (topic.Resolver is null)
        {
            throw new InvalidOperationException($"Topic '{topic.Name}' of {topic.EventType.FullName} has no JSON resolver; give one, or declare it with LogTopic.Raw.");
        }

        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            TypeInfoResolver = topic.Resolver,
            NumberHandling = JsonNumberHandling.Strict,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
        };
        try
        {
            _typeInfo = options.GetTypeInfo(topic.EventType);
            DecodersByType[topic.EventType] = _typeInfo;
        }
        catch (NotSupportedException e)
        {
            throw new InvalidOperationException(
                $"Topic '{topic.Name}': the JSON resolver has no metadata for {topic.EventType.FullName}; add [JsonSerializable(typeof({topic.EventType.Name}))] to its JsonSerializerContext.", e);
        }
    }

    /// <summary>The metadata a codec of this process decodes <paramref name="eventType"/> with, if any.</summary>
    internal static JsonTypeInfo? DecoderOf(Type eventType) => DecodersByType.GetValueOrDefault(eventType);

    /// <summary>The JSON metadata records are decoded with (strict numbers, required members); null for a raw topic.</summary>
    public JsonTypeInfo? TypeInfo => _typeInfo;

    /// <summary>The event, or null with the reason and kind of the failure.</summary>
    public object? TryDecode(LogRecord record, out DeadLetterKind kind, out string? reason)
    {
        ArgumentNullException.ThrowIfNull(record);
        kind = default;
        reason = null;
        if (_typeInfo is null)
        {
            return new RawRecord(LogEvent.ValueArray(record.Value), record.Headers, record.Timestamp);
        }

        var value = record.Value.Span;
        object? item;
        try
        {
            item = JsonSerializer.Deserialize(value, _typeInfo);
        }
        catch (JsonException e)
        {
            kind = DeadLetterKind.Undecodable;
            reason = e.Message;
            return null;
        }

        if (item is null)
        {
            kind = DeadLetterKind.Undecodable;
            reason = "the value is JSON null";
            return null;
        }

        if (item is IValidatableEvent validatable)
        {
            var errors = new EventValidationErrors();
            validatable.Validate(errors);
            if (!errors.IsEmpty)
            {
                kind = DeadLetterKind.Invalid;
                reason = errors.ToString();
                return null;
            }
        }

        kind = default;
        reason = null;
        return item;
    }

    /// <summary>The event as a record's value (UTF-8 JSON, or a raw record's bytes) and the headers it brings.</summary>
    public (byte[] Value, IReadOnlyDictionary<string, string>? Headers) Encode(object item)
    {
        if (_typeInfo is not null)
        {
            return (JsonSerializer.SerializeToUtf8Bytes(item, _typeInfo), null);
        }

        return item is RawRecord raw
            ? (raw.Value, raw.Headers)
            : throw new ArgumentException($"A raw topic takes {nameof(RawRecord)}s, not {item.GetType().Name}.", nameof(item));
    }
}
