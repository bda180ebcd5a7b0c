using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace StreamOrleans.Streaming.Serialization;

/// <summary>
/// System.Text.Json with source-generated contexts only: every type stored as grain state or carried as a stream
/// event must be declared in a <see cref="JsonSerializerContext"/> registered with
/// the service collection as an <c>IJsonTypeInfoResolver</c> (see <c>AddStreamOrleansGrains</c>). No reflection fallback, so a missing registration fails loudly and early.
/// </summary>
public sealed class GrainSerializer
{
    /// <summary>Creates a serializer over the given source-generated resolvers.</summary>
    public GrainSerializer(IEnumerable<IJsonTypeInfoResolver> resolvers)
    {
        ArgumentNullException.ThrowIfNull(resolvers);
        Options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            TypeInfoResolver = JsonTypeInfoResolver.Combine([.. resolvers]),
            NumberHandling = JsonNumberHandling.Strict,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
            AllowOutOfOrderMetadataProperties = true,
        };
        Options.MakeReadOnly();
    }

    /// <summary>Options shared by every grain payload (web defaults: camelCase, case-insensitive reads).</summary>
    public JsonSerializerOptions Options { get; }

    /// <summary>Source-generated metadata for <typeparamref name="T"/>.</summary>
    /// <exception cref="InvalidOperationException">No registered context knows the type.</exception>
    public JsonTypeInfo<T> GetTypeInfo<T>() => (JsonTypeInfo<T>)GetTypeInfo(typeof(T));

    /// <summary>Source-generated metadata for <paramref name="type"/>.</summary>
    /// <exception cref="InvalidOperationException">No registered context knows the type.</exception>
    public JsonTypeInfo GetTypeInfo(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        try
        {
            return Options.GetTypeInfo(type);
        }
        catch (NotSupportedException e)
        {
            throw new InvalidOperationException(
                $"Type {type.FullName} is not registered for serialization. Add [JsonSerializable(typeof({type.Name}))] to a " +
                "JsonSerializerContext and register it with services.AddSingleton<IJsonTypeInfoResolver>(MyContext.Default).", e);
        }
    }

    /// <summary>Serializes to UTF-8 JSON.</summary>
    public byte[] Serialize<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, GetTypeInfo<T>());

    /// <summary>Deserializes UTF-8 JSON; throws <see cref="JsonException"/> (with the path of the bad field) on bad input.</summary>
    public T? Deserialize<T>(ReadOnlySpan<byte> utf8Json) => JsonSerializer.Deserialize(utf8Json, GetTypeInfo<T>());
}
