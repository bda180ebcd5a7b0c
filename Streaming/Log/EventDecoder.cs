using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using StreamOrleans.Streaming.Serialization;

namespace StreamOrleans.Streaming.Log;

/// <summary>Decodes a record value as the grains reading the log themselves do: JSON, then the event's own validation.</summary>
public static class EventDecoder
{
    /// <summary>True with the event when <paramref name="value"/> is a valid <typeparamref name="T"/>; false for undecodable or invalid values.</summary>
    public static bool TryDecode<T>(GrainSerializer serializer, ReadOnlySpan<byte> value, [NotNullWhen(true)] out T? item)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(serializer);
        try
        {
            item = JsonSerializer.Deserialize(value, serializer.GetTypeInfo<T>());
        }
        catch (JsonException)
        {
            item = null;
            return false;
        }

        if (item is IValidatableEvent validatable)
        {
            var errors = new EventValidationErrors();
            validatable.Validate(errors);
            if (!errors.IsEmpty)
            {
                item = null;
                return false;
            }
        }

        return item is not null;
    }
}
