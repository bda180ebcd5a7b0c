using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using StreamOrleans.Runtime.Streams;
using StreamOrleans.Streaming.Configuration;

namespace StreamOrleans.Streaming.Provider;

/// <summary>
/// Decodes a topic's record values into its event type with System.Text.Json (source-generated metadata, strict
/// numbers) and runs the event's own validation; encodes events produced through Orleans streams the same way.
/// </summary>
internal sealed class LogTopicCodec
{
    private readonly JsonTypeInfo _typeInfo;

    public LogTopicCodec(LogTopic topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
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
        }
        catch (NotSupportedException e)
        {
            throw new InvalidOperationException(
                $"Topic '{topic.Name}': the JSON resolver has no metadata for {topic.EventType.FullName}; add [JsonSerializable(typeof({topic.EventType.Name}))] to its JsonSerializerContext.", e);
        }
    }

    /// <summary>The event, or null with the reason and kind of the failure.</summary>
    public object? TryDecode(ReadOnlySpan<byte> value, out DeadLetterKind kind, out string? reason)
    {
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

    /// <summary>The event as the UTF-8 JSON value of a record.</summary>
    public byte[] Encode(object item) => JsonSerializer.SerializeToUtf8Bytes(item, _typeInfo);
}
