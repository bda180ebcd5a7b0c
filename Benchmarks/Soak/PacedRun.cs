namespace StreamOrleans.Benchmarks.Soak;

/// <summary>What the paced load did.</summary>
/// <param name="Samples">The samples taken while it ran, and one at its end.</param>
/// <param name="Elapsed">Its length.</param>
/// <param name="Produced">Events produced during it.</param>
/// <param name="Applied">Events applied during it.</param>
/// <param name="MostBehind">Most events due at the target rate but not yet sent, seen at a producer tick.</param>
internal sealed record PacedRun(List<SoakSample> Samples, TimeSpan Elapsed, long Produced, long Applied, long MostBehind);
