using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using StreamOrleans.Streaming.Diagnostics;

namespace StreamOrleans.Streaming.Diagnostics;

/// <summary>
/// Metrics of the log stream provider, on meter <c>StreamOrleans.Streaming</c>: per queue (topic, partition) the
/// lag behind the log's end, the records delivered to consumers and those held in the cache. Checkpoint duration and
/// dead letters use the stream instruments shared with the rest of the service (<see cref="StreamInstruments"/>).
/// </summary>
public static class LogStreamInstruments
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "StreamOrleans.Streaming";

    private static readonly Meter Meter = new(MeterName);
    private static readonly ConcurrentDictionary<object, QueueGauges> Queues = new();

    private static readonly Counter<long> Delivered = Meter.CreateCounter<long>(
        "streamorleans.stream.queue.delivered", "{event}", "Records delivered to (and applied by) every consumer of their stream, per topic");

    static LogStreamInstruments()
    {
        Meter.CreateObservableGauge("streamorleans.stream.queue.lag", ObserveLag, "{event}",
            "Records in the log after the queue's committed offset, per topic and partition");
        Meter.CreateObservableGauge("streamorleans.stream.queue.cached", ObserveCached, "{event}",
            "Records a queue holds that some consumer has not confirmed yet, per topic and partition");
    }

    /// <summary>Records a commit's duration (shared histogram <c>streamorleans.stream.checkpoint.duration</c>).</summary>
    public static void RecordCheckpoint(string topic, int partition, TimeSpan duration) =>
        StreamInstruments.CheckpointDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>(StreamInstruments.TopicTag, topic));

    /// <summary>Counts records released after every consumer applied them.</summary>
    public static void RecordDelivered(string topic, int count) =>
        Delivered.Add(count, new KeyValuePair<string, object?>(StreamInstruments.TopicTag, topic));

    /// <summary>Publishes a queue's lag and cache size while <paramref name="reader"/> reads it on this silo.</summary>
    internal static void Track(object reader, string topic, int partition, Func<long> lag, Func<long> cached) =>
        Queues[reader] = new QueueGauges(topic, partition, lag, cached);

    /// <summary>The queues this process reads now, as "topic/partition", ordered.</summary>
    public static IReadOnlyList<string> ReadingQueues() =>
        [.. Queues.Values.Select(static q => $"{q.Topic}/{q.Partition}").Distinct().Order(StringComparer.Ordinal)];

    /// <summary>Stops publishing the gauges of <paramref name="reader"/> (its agent stopped).</summary>
    internal static void Untrack(object reader) => Queues.TryRemove(reader, out _);

    private static IEnumerable<Measurement<long>> ObserveLag() => Observe(static gauges => gauges.Lag());

    private static IEnumerable<Measurement<long>> ObserveCached() => Observe(static gauges => gauges.Cached());

    private static IEnumerable<Measurement<long>> Observe(Func<QueueGauges, long> read)
    {
        foreach (var gauges in Queues.Values)
        {
            yield return new Measurement<long>(read(gauges),
                new KeyValuePair<string, object?>(StreamInstruments.TopicTag, gauges.Topic),
                new KeyValuePair<string, object?>("partition", gauges.Partition));
        }
    }

    private sealed record QueueGauges(string Topic, int Partition, Func<long> Lag, Func<long> Cached);
}
