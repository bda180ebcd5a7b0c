using StreamOrleans.Runtime.Serialization;

namespace StreamOrleans.Runtime.Streams;

/// <summary>Publishes typed events to a topic (grains use it for output topics; the demo generators for input).</summary>
public sealed class StreamProducer(IStreamLog log, GrainSerializer serializer)
{
    /// <summary>Serializes <paramref name="item"/> as JSON and appends it under <paramref name="key"/>; returns where it landed.</summary>
    public async Task<AppendResult> PublishAsync<T>(string topic, string key, T item, IReadOnlyDictionary<string, string>? headers = null, CancellationToken cancellationToken = default)
    {
        var results = await log.AppendAsync(topic, [new StreamRecord(key, serializer.Serialize(item), headers)], cancellationToken);
        Diagnostics.StreamInstruments.RecordEventsIn(topic, 1);
        return results[0];
    }

    /// <summary>Appends <paramref name="value"/> as it is (no JSON), for raw-bytes topics such as images.</summary>
    public async Task<AppendResult> PublishRawAsync(string topic, string key, ReadOnlyMemory<byte> value, IReadOnlyDictionary<string, string>? headers = null, CancellationToken cancellationToken = default)
    {
        var results = await log.AppendAsync(topic, [new StreamRecord(key, value, headers)], cancellationToken);
        return results[0];
    }

    /// <summary>Appends many typed events in one durable batch.</summary>
    public Task<IReadOnlyList<AppendResult>> PublishBatchAsync<T>(string topic, IEnumerable<(string Key, T Item)> items, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        return log.AppendAsync(topic, [.. items.Select(i => new StreamRecord(i.Key, serializer.Serialize(i.Item)))], cancellationToken).AsTask();
    }
}
