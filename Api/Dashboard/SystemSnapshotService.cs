using StreamOrleans.Api.Dashboard.Contracts;
using StreamOrleans.Runtime.Hosting;
using StreamOrleans.Runtime.Streams;

namespace StreamOrleans.Api.Dashboard;

/// <summary>
/// Takes system snapshots for the dashboard from what the process already tracks: the log's offsets and committed
/// offsets (rates and lag), the activation catalog's size, <see cref="StreamStats"/> (applied events and the
/// ingest-to-applied latency histogram) and the dead-letter topic. Rates are the change since the previous snapshot
/// taken by any caller, divided by the time between them; callers less than <see cref="MinimumSpacing"/> after the
/// previous snapshot get that snapshot again, so several open dashboards do not turn rates into noise.
/// </summary>
internal sealed class SystemSnapshotService(IStreamLog log, StreamRuntime streams, GrainRuntime grains, DeadLetterPublisher deadLetters, TimeProvider timeProvider)
{
    /// <summary>Snapshots closer together than this are shared.</summary>
    public static readonly TimeSpan MinimumSpacing = TimeSpan.FromMilliseconds(100);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private Sample? _previous;

    /// <summary>A snapshot of now (or the previous one, if it is younger than <see cref="MinimumSpacing"/>).</summary>
    public async Task<SystemSnapshot> CaptureAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var now = timeProvider.GetUtcNow();
            if (_previous is { } recent && now - recent.Snapshot.At < MinimumSpacing)
            {
                return recent.Snapshot;
            }

            var ends = new Dictionary<string, long>(StringComparer.Ordinal);
            var topics = new List<TopicSnapshot>();
            long deadLetterCount = 0;
            foreach (var topic in await log.ListTopicsAsync(cancellationToken))
            {
                var offsets = await log.GetOffsetsAsync(topic.Name, cancellationToken);
                var end = offsets.Sum(o => o.EndOffset);
                ends[topic.Name] = end;
                if (topic.Name == deadLetters.Topic)
                {
                    deadLetterCount = end;
                }

                var lag = 0L;
                foreach (var group in await log.ListConsumerGroupsAsync(topic.Name, cancellationToken))
                {
                    var committed = await log.GetCommittedOffsetsAsync(group, topic.Name, cancellationToken);
                    lag = Math.Max(lag, offsets.Sum(o => Math.Max(0, o.EndOffset - Math.Max(o.StartOffset, committed.TryGetValue(o.Partition, out var c) ? c : 0))));
                }

                topics.Add(new TopicSnapshot(topic.Name, topic.Partitions, end, Rate(end, _previous?.EndOffsets.GetValueOrDefault(topic.Name), now), lag));
            }

            var applied = streams.Stats.EventsApplied;
            var counted = topics.Where(t => t.Topic != deadLetters.Topic).ToList();
            var snapshot = new SystemSnapshot(
                now,
                topics,
                Math.Round(counted.Sum(t => t.EventsPerSecond), 3),
                counted.Sum(t => t.Lag),
                grains.ActivationCount,
                applied,
                Rate(applied, _previous?.Applied, now),
                streams.Stats.IngestToApplied.PercentileMs(99),
                deadLetterCount,
                grains.TurnLatency.PercentileMs(99),
                streams.Ownership.MemberId,
                [.. streams.Ownership.Owned.Where(p => p.Topic != StreamRuntime.PlacementTopic).Select(p => p.ToString()).Order(StringComparer.Ordinal)]);
            _previous = new Sample(snapshot, ends, applied);
            return snapshot;
        }
        finally
        {
            _gate.Release();
        }
    }

    private double Rate(long value, long? previousValue, DateTimeOffset now)
    {
        if (_previous is not { } previous || previousValue is not { } before)
        {
            return 0;
        }

        var seconds = (now - previous.Snapshot.At).TotalSeconds;
        return seconds <= 0 ? 0 : Math.Round(Math.Max(0, value - before) / seconds, 3);
    }

    private sealed record Sample(SystemSnapshot Snapshot, Dictionary<string, long> EndOffsets, long Applied);
}
