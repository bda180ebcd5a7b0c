using Orleans.Runtime;
using Orleans.Streams;

namespace StreamOrleans.Grains;

/// <summary>How grains produce to output topics through the stream provider (a record keyed <c>key</c> in topic <c>topic</c>).</summary>
internal static class GrainStreamExtensions
{
    /// <summary>Appends <paramref name="item"/> to <paramref name="topic"/> under <paramref name="key"/>.</summary>
    public static Task PublishAsync<T>(this Grain grain, string topic, string key, T item) =>
        grain.GetStreamProvider(GrainProviders.Streams).GetStream<T>(StreamId.Create(topic, key)).OnNextAsync(item);
}
