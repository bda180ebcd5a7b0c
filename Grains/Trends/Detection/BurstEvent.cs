namespace StreamOrleans.Grains.Trends.Detection;

/// <summary>A burst start or stop, decided when a window closed.</summary>
/// <param name="Kind">Start or stop.</param>
/// <param name="At">End of the window that decided it (the earliest time it could be known).</param>
/// <param name="ZScore">z-score of that window against the baseline.</param>
/// <param name="Count">Events in that window.</param>
/// <param name="BaselineMean">Baseline mean events per window at that time.</param>
public sealed record BurstEvent(BurstEventKind Kind, DateTimeOffset At, double ZScore, double Count, double BaselineMean);
