using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using StreamOrleans.Runtime.Diagnostics;

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
    private static readonly ConcurrentDictionary<(string Topic, int Partition), QueueGauges> Queues = new();

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

    /// <summary>Publishes a queue's lag and cache size while it is read on this silo.</summary>
    internal static void Track(string topic, int partition, Func<long> lag, Func<long> cached) =>
        Queues[(topic, partition)] = new QueueGauges(lag, cached);

    /// <summary>Stops publishing a queue's gauges (its agent stopped on this silo).</summary>
    internal static void Untrack(string topic, int partition) => Queues.TryRemove((topic, partition), out _);

    private static IEnumerable<Measurement<long>> ObserveLag() => Observe(static gauges => gauges.Lag());

    private static IEnumerable<Measurement<long>> ObserveCached() => Observe(static gauges => gauges.Cached());

    private static IEnumerable<Measurement<long>> Observe(Func<QueueGauges, long> read)
    {
        foreach (var ((topic, partition), gauges) in Queues)
        {
            yield return new Measurement<long>(read(gauges),
                new KeyValuePair<string, object?>(StreamInstruments.TopicTag, topic),
                new KeyValuePair<string, object?>("partition", partition));
        }
    }

    private sealed record QueueGauges(Func<long> Lag, Func<long> Cached);
}
