using System.Text.Json.Serialization.Metadata;
using StreamOrleans.Streaming.Routing;

namespace StreamOrleans.Streaming.Configuration;

/// <summary>
/// A topic the log stream provider carries: its name (the Orleans stream namespace), the event type its records
/// decode to, and where that type's System.Text.Json metadata comes from (a source-generated context).
/// </summary>
/// <param name="Name">Topic name; also the stream namespace grains subscribe to (unless a router names others).</param>
/// <param name="EventType">What each record's value decodes to (and is validated as, when it implements IValidatableEvent); <see cref="RawRecord"/> takes the bytes as they are.</param>
/// <param name="Resolver">The JSON metadata of <paramref name="EventType"/> (e.g. a JsonSerializerContext's Default); null for raw topics.</param>
/// <param name="Partitions">Partitions of the topic; null takes the provider's default.</param>
public sealed record LogTopic(string Name, Type EventType, IJsonTypeInfoResolver? Resolver, int? Partitions = null)
{
    /// <summary>
    /// False for an output topic: grains produce to it, nobody in the silo consumes it (API readers, external
    /// consumers), so the provider creates no queues for it. Default true.
    /// </summary>
    public bool Consumed { get; init; } = true;

    /// <summary>
    /// Creates the router that sends each record to the streams of its consumers (see <see cref="ILogTopicRouter"/>);
    /// null delivers a record to stream (topic, record key).
    /// </summary>
    public Func<IServiceProvider, ILogTopicRouter>? Router { get; init; }

    /// <summary>Whether records are handed over as bytes (<see cref="RawRecord"/>), not decoded JSON.</summary>
    public bool IsRaw => EventType == typeof(RawRecord);

    /// <summary>A consumed topic whose records decode to <typeparamref name="TEvent"/>.</summary>
    public static LogTopic Create<TEvent>(string name, IJsonTypeInfoResolver resolver, int? partitions = null) =>
        new(name, typeof(TEvent), resolver, partitions);

    /// <summary>A consumed topic whose records are routed to consumer streams by <typeparamref name="TRouter"/> (created with the silo's services).</summary>
    public static LogTopic Routed<TEvent, TRouter>(string name, IJsonTypeInfoResolver resolver, int? partitions = null)
        where TRouter : ILogTopicRouter =>
        new(name, typeof(TEvent), resolver, partitions)
        {
            Router = services => Microsoft.Extensions.DependencyInjection.ActivatorUtilities.CreateInstance<TRouter>(services),
        };

    /// <summary>An output topic (produced to, not consumed in the silo) of <typeparamref name="TEvent"/> records.</summary>
    public static LogTopic Output<TEvent>(string name, IJsonTypeInfoResolver resolver, int? partitions = null) =>
        new(name, typeof(TEvent), resolver, partitions) { Consumed = false };

    /// <summary>A topic of bytes (images, anything not JSON): consumers get <see cref="RawRecord"/>s and check the content themselves.</summary>
    public static LogTopic Raw(string name, bool consumed = true, int? partitions = null) =>
        new(name, typeof(RawRecord), null, partitions) { Consumed = consumed };
}
