using System.Diagnostics.Metrics;

namespace StreamOrleans.Streaming.Diagnostics;

/// <summary>
/// Instruments of the streams shared by the API and the stream provider (meter "StreamOrleans.Streams"); tag "topic".
/// Consumption itself (deliveries, queue lag, cached events) is measured by the provider's own meter.
/// </summary>
public static class StreamInstruments
{
    /// <summary>Tag naming the topic.</summary>
    public const string TopicTag = "topic";

    /// <summary>Tag naming the partition.</summary>
    public const string PartitionTag = "partition";

    /// <summary>Events appended to a topic by producers in this process (HTTP ingest, grain outputs).</summary>
    public static readonly Counter<long> EventsIn = StreamOrleansDiagnostics.StreamsMeter.CreateCounter<long>(
        "streamorleans.stream.events_in", "{event}", "Events appended to a topic by this process");

    /// <summary>Records written to the dead-letter topic, by source topic.</summary>
    public static readonly Counter<long> DeadLetters = StreamOrleansDiagnostics.StreamsMeter.CreateCounter<long>(
        "streamorleans.stream.dead_letters", "{event}", "Records dead-lettered, by source topic");

    /// <summary>Records deleted (by retention) before a queue read them, so never delivered, by topic.</summary>
    public static readonly Counter<long> RecordsExpired = StreamOrleansDiagnostics.StreamsMeter.CreateCounter<long>(
        "streamorleans.stream.records_expired", "{record}", "Records deleted by retention before a queue read them (never delivered), by topic");

    /// <summary>Duration of a partition checkpoint (grains persisted, then the offset committed), in seconds.</summary>
    public static readonly Histogram<double> CheckpointDuration = StreamOrleansDiagnostics.StreamsMeter.CreateHistogram<double>(
        "streamorleans.stream.checkpoint.duration", "s", "Duration of a partition checkpoint",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5] });

    /// <summary>Counts records of <paramref name="topic"/> deleted before a queue read them.</summary>
    public static void RecordExpired(string topic, long count)
    {
        if (RecordsExpired.Enabled)
        {
            RecordsExpired.Add(count, new KeyValuePair<string, object?>(TopicTag, topic));
        }
    }

    /// <summary>Counts events appended to <paramref name="topic"/>.</summary>
    public static void RecordEventsIn(string topic, int count)
    {
        if (EventsIn.Enabled)
        {
            EventsIn.Add(count, new KeyValuePair<string, object?>(TopicTag, topic));
        }
    }
}
