using Microsoft.Extensions.Logging;
using Orleans.Providers.Streams.Common;
using StreamOrleans.Streaming.Log;
using StreamOrleans.Streaming.Configuration;

namespace StreamOrleans.Streaming.Rewind;

/// <summary>
/// Rewinds (Kappa-style) the consumer group of a log stream provider: every silo's pulling agents stop (each queue
/// checkpoints), optionally the grain states built from the topic are deleted (after every activation is collected, so
/// none writes its old state back), the group's offsets move to the earliest record, an offset or a time, and the agents
/// start again from there. Exactly-once consumers skip replayed events they already applied, so a rewind without reset
/// changes nothing; with reset, the models are rebuilt from history.
/// </summary>
public sealed partial class LogStreamRewinder(
    string providerName,
    LogStreamOptions options,
    IStreamLog log,
    IGrainFactory grains,
    IEnumerable<IStreamStateReset> stores,
    ILogger<LogStreamRewinder> logger)
{
    /// <summary>The consumer group the provider's agents read and commit as.</summary>
    public string ConsumerGroup => options.ConsumerGroup;

    /// <summary>
    /// Moves the consumer group of <paramref name="topic"/> (one partition, or all) to <paramref name="position"/>; with
    /// <paramref name="resetState"/>, first deletes the states built from those partitions.
    /// </summary>
    /// <exception cref="ArgumentException">The topic is not carried by this provider, or the partition does not exist.</exception>
    public Task<RewindResult> RewindAsync(string topic, SeekPosition position, int? partition = null, bool resetState = false, CancellationToken cancellationToken = default) =>
        RewindGroupAsync(topic, options.ConsumerGroup, position, partition, resetState, cancellationToken);

    /// <summary>
    /// Moves consumer group <paramref name="group"/> of <paramref name="topic"/> to <paramref name="position"/>. For the
    /// provider's own group this is <see cref="RewindAsync"/>; another group (a plain Kafka-style consumer outside the
    /// silos) only has its committed offsets moved, and <paramref name="resetState"/> must be false.
    /// </summary>
    public async Task<RewindResult> RewindGroupAsync(string topic, string group, SeekPosition position, int? partition = null, bool resetState = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(position);
        if (group != options.ConsumerGroup)
        {
            if (resetState)
            {
                throw new ArgumentException($"Grain state can be reset only with the silos' consumer group '{options.ConsumerGroup}', not '{group}'.", nameof(resetState));
            }

            var external = await log.GetOffsetsAsync(topic, cancellationToken);
            if (partition is { } q && !external.Any(r => r.Partition == q))
            {
                throw new ArgumentException($"Topic '{topic}' has partitions 0..{external.Count - 1}; partition {q} does not exist.", nameof(partition));
            }

            return new RewindResult(topic, await CommitAsync(topic, group, external, position, partition, cancellationToken), 0);
        }

        if (!options.Topics.Any(t => t.Name == topic))
        {
            throw new ArgumentException($"Topic '{topic}' is not carried by stream provider '{providerName}' (known: {string.Join(", ", options.Topics.Select(t => t.Name))}).", nameof(topic));
        }

        if (resetState && partition is not null && options.Topics.Single(t => t.Name == topic).Router is not null)
        {
            // A routed topic's consumers (one stream per hashtag) hold records of every partition: deleting their
            // states and replaying one partition would lose the others.
            throw new ArgumentException($"Topic '{topic}' is routed: its grain states can be reset only with every partition (no partition), not partition {partition}.", nameof(partition));
        }

        var ranges = await log.GetOffsetsAsync(topic, cancellationToken);
        if (partition is { } p && !ranges.Any(r => r.Partition == p))
        {
            throw new ArgumentException($"Topic '{topic}' has partitions 0..{ranges.Count - 1}; partition {p} does not exist.", nameof(partition));
        }

        var management = grains.GetGrain<IManagementGrain>(0);
        LogStopping(logger, providerName, topic);
        await management.SendControlCommandToProvider<PersistentStreamProvider>(providerName, (int)PersistentStreamProviderCommand.StopAgents, null);
        try
        {
            var deleted = 0;
            if (resetState)
            {
                // No agent delivers now; collect every activation so none holds (and writes back) a state being deleted.
                await management.ForceActivationCollection(TimeSpan.Zero);
                foreach (var store in stores)
                {
                    deleted += await store.ClearAppliedTopicAsync(topic, partition, cancellationToken);
                }
            }

            var offsets = await CommitAsync(topic, options.ConsumerGroup, ranges, position, partition, cancellationToken);
            LogRewound(logger, providerName, topic, string.Join(", ", offsets.Select(o => $"{o.Key}:{o.Value}")), deleted);
            return new RewindResult(topic, offsets, deleted);
        }
        finally
        {
            await management.SendControlCommandToProvider<PersistentStreamProvider>(providerName, (int)PersistentStreamProviderCommand.StartAgents, null);
        }
    }

    private async Task<Dictionary<int, long>> CommitAsync(
        string topic, string group, IReadOnlyList<PartitionOffsets> ranges, SeekPosition position, int? partition, CancellationToken cancellationToken)
    {
        var offsets = new Dictionary<int, long>();
        foreach (var range in ranges.Where(r => partition is null || r.Partition == partition))
        {
            var target = position switch
            {
                { Latest: true } => range.EndOffset,
                { Offset: { } offset } => Math.Clamp(offset, range.StartOffset, range.EndOffset),
                { Timestamp: { } time } => await log.FindOffsetAsync(topic, range.Partition, time, cancellationToken),
                _ => range.StartOffset,
            };
            await log.CommitAsync(group, topic, range.Partition, target, cancellationToken);
            offsets[range.Partition] = target;
        }

        return offsets;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rewind of {Provider}/{Topic}: stopping every silo's agents")]
    private static partial void LogStopping(ILogger logger, string provider, string topic);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rewound {Provider}/{Topic} to {Offsets}; {Deleted} grain states deleted to be rebuilt")]
    private static partial void LogRewound(ILogger logger, string provider, string topic, string offsets, int deleted);
}
