namespace StreamOrleans.Api.Dashboard.Contracts;

/// <summary>What the system is doing now: the dashboard's system panel, pushed once per interval.</summary>
/// <param name="At">When the snapshot was taken.</param>
/// <param name="Topics">Every topic, ordered by name.</param>
/// <param name="EventsPerSecond">Appends per second across topics (dead letters excluded).</param>
/// <param name="TotalLag">Sum of the topics' lag.</param>
/// <param name="ActiveGrains">Grain activations in the cluster (Orleans' management grain).</param>
/// <param name="EventsApplied">Events the grains consumed: the sum of the silos' committed offsets over every topic.</param>
/// <param name="AppliedPerSecond">Events consumed per second since the previous snapshot.</param>
/// <param name="P99IngestToAppliedMs">Not measured on Orleans yet (null): see the stream.apply spans in the Aspire dashboard.</param>
/// <param name="DeadLetters">Records in the dead-letter topic (ever written).</param>
/// <param name="P99TurnMs">Not measured on Orleans yet (null): Orleans' own meter has grain call durations.</param>
/// <param name="Member">This silo's address (with several replicas each shows its own queues).</param>
/// <param name="OwnedPartitions">The queues this silo reads ("topic/partition"); Orleans balances them among silos.</param>
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
