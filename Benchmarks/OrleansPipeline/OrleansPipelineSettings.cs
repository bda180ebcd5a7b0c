namespace StreamOrleans.Benchmarks.OrleansPipeline;

/// <summary>What one run of the Orleans pipeline benchmark uses (recorded in its JSON).</summary>
/// <param name="RoundLength">Length of one measured round per side.</param>
/// <param name="Rounds">Measured rounds per side (medians reported), after one uncounted warm-up round each.</param>
/// <param name="CheckpointEvents">The log provider commits a queue's offset after this many applied records...</param>
/// <param name="CheckpointInterval">...or after this much time.</param>
/// <param name="MaxEventsPerDelivery">Most events of one stream per grain call (log cursor; memory streams' BatchContainerBatchSize).</param>
/// <param name="PollInterval">Pulling-agent period for an idle queue, both providers.</param>
/// <param name="MaxLag">
/// Most events produced but not yet applied: the producer waits beyond it. At most 64,000 (below 8 x 16,384, so
/// memory streams' queue grains never overflow).
/// </param>
/// <param name="PostgresConnection">PostgreSQL server for the pg figures; null skips them.</param>
internal sealed record OrleansPipelineSettings(
    TimeSpan RoundLength,
    int Rounds,
    int CheckpointEvents,
    TimeSpan CheckpointInterval,
    int MaxEventsPerDelivery,
    TimeSpan PollInterval,
    long MaxLag,
    string? PostgresConnection)
{
    /// <summary>Distinct keys (consumer grains) per side.</summary>
    public const int Keys = 10_000;

    /// <summary>Records per producer batch.</summary>
    public const int BatchSize = 1000;

    /// <summary>Partitions of the log topic and queues of the memory provider.</summary>
    public const int Queues = 8;

    /// <summary>Largest accepted <see cref="MaxLag"/>.</summary>
    public const long MaxLagLimit = 64_000;
}
