using StreamOrleans.Api.Dashboard.Contracts;
using StreamOrleans.Streaming.Log;
using StreamOrleans.Streaming.DeadLetters;
using StreamOrleans.Streaming.Diagnostics;
using StreamOrleans.Streaming.Rewind;

namespace StreamOrleans.Api.Dashboard;

/// <summary>
/// Samples the system for the dashboard: per-topic appends, rates and consumer lag from the log; grain activations
/// from Orleans' management grain (the whole cluster); events consumed from the silos' committed offsets; the queues
/// this silo reads. Snapshots closer than <see cref="MinimumSpacing"/> are shared.
/// </summary>
internal sealed class SystemSnapshotService(
    IStreamLog log, LogDeadLetters deadLetters, LogStreamRewinder streams, IGrainFactory grains, ILocalSiloDetails silo, TimeProvider timeProvider)
{
    /// <summary>Snapshots taken closer together than this return the previous one.</summary>
    public static readonly TimeSpan MinimumSpacing = TimeSpan.FromMilliseconds(100);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private Sample? _previous;

    /// <summary>Takes (or shares) a snapshot.</summary>
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
            long consumed = 0;
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
                    if (group == streams.ConsumerGroup)
                    {
                        consumed += committed.Values.Sum();
                    }
                }

                topics.Add(new TopicSnapshot(topic.Name, topic.Partitions, end, Rate(end, _previous?.EndOffsets.GetValueOrDefault(topic.Name), now), lag));
            }

            // Grain activations only: the total activation count also counts Orleans' system targets (pulling agents, ...).
            var activations = (await grains.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics()).Sum(s => s.ActivationCount);
            var counted = topics.Where(t => t.Topic != deadLetters.Topic).ToList();
            var snapshot = new SystemSnapshot(
                now,
                topics,
                Math.Round(counted.Sum(t => t.EventsPerSecond), 3),
                counted.Sum(t => t.Lag),
                activations,
                consumed,
                Rate(consumed, _previous?.Consumed, now),
                null,
                deadLetterCount,
                null,
                silo.SiloAddress.ToString(),
                LogStreamInstruments.ReadingQueues());
            _previous = new Sample(snapshot, ends, consumed);
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

    private sealed record Sample(SystemSnapshot Snapshot, Dictionary<string, long> EndOffsets, long Consumed);
}
