using System.Text.Json.Serialization.Metadata;

namespace StreamOrleans.Streaming.Configuration;

/// <summary>
/// A topic the log stream provider carries: its name (the Orleans stream namespace), the event type its records
/// decode to, and where that type's System.Text.Json metadata comes from (a source-generated context).
/// </summary>
/// <param name="Name">Topic name; also the stream namespace grains subscribe to.</param>
/// <param name="EventType">What each record's JSON value decodes to (and is validated as, when it implements IValidatableEvent).</param>
/// <param name="Resolver">The JSON metadata of <paramref name="EventType"/> (e.g. a JsonSerializerContext's Default).</param>
/// <param name="Partitions">Partitions of the topic; null takes the provider's default.</param>
public sealed record LogTopic(string Name, Type EventType, IJsonTypeInfoResolver Resolver, int? Partitions = null)
{
    /// <summary>A topic whose records decode to <typeparamref name="TEvent"/>.</summary>
    public static LogTopic Create<TEvent>(string name, IJsonTypeInfoResolver resolver, int? partitions = null) =>
        new(name, typeof(TEvent), resolver, partitions);
}
