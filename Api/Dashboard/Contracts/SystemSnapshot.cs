namespace StreamOrleans.Api.Dashboard.Contracts;

/// <summary>What the system is doing now: the dashboard's system panel, pushed once per interval.</summary>
/// <param name="At">When the snapshot was taken.</param>
/// <param name="Topics">Every topic, ordered by name.</param>
/// <param name="EventsPerSecond">Appends per second across topics (dead letters excluded).</param>
/// <param name="TotalLag">Sum of the topics' lag.</param>
/// <param name="ActiveGrains">Grain activations in this process.</param>
/// <param name="EventsApplied">Events applied by grains in this process since start.</param>
/// <param name="AppliedPerSecond">Events applied per second since the previous snapshot.</param>
/// <param name="P99IngestToAppliedMs">99th percentile of log-append to grain-turn-end latency since start; null before the first event.</param>
/// <param name="DeadLetters">Records in the dead-letter topic (ever written).</param>
/// <param name="P99TurnMs">99th percentile of grain turn duration (calls, events, timer ticks) since start; null before the first turn.</param>
/// <param name="Member">This replica's member id (with several replicas each shows its own figures).</param>
/// <param name="OwnedPartitions">The stream partitions this replica owns ("topic/partition"; placement units excluded).</param>
public sealed record SystemSnapshot(
    DateTimeOffset At,
    IReadOnlyList<TopicSnapshot> Topics,
    double EventsPerSecond,
    long TotalLag,
    int ActiveGrains,
    long EventsApplied,
    double AppliedPerSecond,
    double? P99IngestToAppliedMs,
    long DeadLetters,
    double? P99TurnMs,
    string Member,
    IReadOnlyList<string> OwnedPartitions);
