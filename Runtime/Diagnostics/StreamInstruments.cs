using System.Diagnostics.Metrics;

namespace StreamOrleans.Runtime.Diagnostics;

/// <summary>Instruments of stream consumption (meter "StreamOrleans.Streams"); tags "topic" and "partition".</summary>
public static class StreamInstruments
{
    /// <summary>Tag naming the topic.</summary>
    public const string TopicTag = "topic";

    /// <summary>Tag naming the partition.</summary>
    public const string PartitionTag = "partition";

    /// <summary>Events appended to a topic by producers in this process (HTTP ingest, grain outputs).</summary>
    public static readonly Counter<long> EventsIn = RuntimeDiagnostics.StreamsMeter.CreateCounter<long>(
        "streamorleans.stream.events_in", "{event}", "Events appended to a topic by this process");

    /// <summary>Events applied by grain turns.</summary>
    public static readonly Counter<long> EventsOut = RuntimeDiagnostics.StreamsMeter.CreateCounter<long>(
        "streamorleans.stream.events_out", "{event}", "Events applied by grain turns");

    /// <summary>Records written to the dead-letter topic, by source topic.</summary>
    public static readonly Counter<long> DeadLetters = RuntimeDiagnostics.StreamsMeter.CreateCounter<long>(
        "streamorleans.stream.dead_letters", "{event}", "Records dead-lettered, by source topic");

    /// <summary>Duration of a partition checkpoint (grains persisted, then the offset committed), in seconds.</summary>
    public static readonly Histogram<double> CheckpointDuration = RuntimeDiagnostics.StreamsMeter.CreateHistogram<double>(
        "streamorleans.stream.checkpoint.duration", "s", "Duration of a partition checkpoint",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5] });

    /// <summary>Tag of a hand-over's kind: "assigned", "revoked" or "lost".</summary>
    public const string HandoverTag = "handover";

    /// <summary>Partitions this replica was assigned, gave up after checkpointing, or lost with its ownership session.</summary>
    public static readonly Counter<long> PartitionHandovers = RuntimeDiagnostics.StreamsMeter.CreateCounter<long>(
        "streamorleans.stream.partition_handovers", "{partition}", "Partitions assigned to, revoked from or lost by this replica");

    static StreamInstruments()
    {
        RuntimeDiagnostics.StreamsMeter.CreateObservableGauge("streamorleans.stream.consumer_lag", ObserveLag, "{event}", "Records in the log not yet committed by the silo's consumer group, per partition");
    }

    /// <summary>Counts events appended to <paramref name="topic"/>.</summary>
    public static void RecordEventsIn(string topic, int count)
    {
        if (EventsIn.Enabled)
        {
            EventsIn.Add(count, new KeyValuePair<string, object?>(TopicTag, topic));
        }
    }

    internal static void EnsureCreated()
    {
    }

    private static readonly TimeSpan ObserveTimeout = TimeSpan.FromSeconds(1);

    // Read from the log when a reader collects: end offset minus the consumer group's committed offset.
    private static List<Measurement<long>> ObserveLag()
    {
        var result = new List<Measurement<long>>();
        foreach (var runtime in LiveStreamRuntimes.All)
        {
            foreach (var topic in runtime.Subscriptions.Topics)
            {
                try
                {
                    // Observable callbacks are synchronous. Wait a bounded time: a log that is busy or being disposed must
                    // not block the collecting thread (an unbounded wait here once hung a test host at silo disposal).
                    var endsTask = runtime.Log.GetOffsetsAsync(topic).AsTask();
                    var committedTask = runtime.Log.GetCommittedOffsetsAsync(runtime.Options.ConsumerGroup, topic).AsTask();
                    if (!Task.WaitAll([endsTask, committedTask], ObserveTimeout))
                    {
                        continue;
                    }

                    var ends = endsTask.Result;
                    var committed = committedTask.Result;
                    foreach (var end in ends)
                    {
                        var lag = end.EndOffset - Math.Max(end.StartOffset, committed.GetValueOrDefault(end.Partition));
                        result.Add(new Measurement<long>(Math.Max(0, lag), new(TopicTag, topic), new(PartitionTag, end.Partition)));
                    }
                }
                catch (Exception e) when (e is ObjectDisposedException or AggregateException)
                {
                    // The runtime stopped while being observed, or the log failed: no measurement this time.
                }
            }
        }

        return result;
    }
}
