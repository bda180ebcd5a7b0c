namespace StreamOrleans.Grains.Interfaces.Trends;

/// <summary>A record of output topic <c>trend-alerts</c> (key: the topic): a burst started or stopped.</summary>
/// <param name="Topic">The topic ("#tag" or a keyword).</param>
/// <param name="Kind">"started" or "stopped".</param>
/// <param name="At">End of the window that decided it (event time).</param>
/// <param name="ZScore">That window's z-score against the baseline.</param>
/// <param name="Count">Posts in that window.</param>
/// <param name="BaselineMean">The baseline's mean posts per window.</param>
public sealed record TrendAlert(string Topic, string Kind, DateTimeOffset At, double ZScore, double Count, double BaselineMean)
{
    /// <summary>The output topic.</summary>
    public const string OutputTopic = "trend-alerts";
}
