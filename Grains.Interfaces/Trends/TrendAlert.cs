namespace StreamOrleans.Grains.Interfaces.Trends;

/// <summary>A record of output topic <c>trend-alerts</c> (key: the topic): a burst started or stopped.</summary>
/// <param name="Topic">The topic ("#tag" or a keyword).</param>
/// <param name="Kind">"started" or "stopped".</param>
/// <param name="At">End of the window that decided it (event time).</param>
/// <param name="ZScore">That window's z-score against the baseline.</param>
/// <param name="Count">Posts in that window.</param>
/// <param name="BaselineMean">The baseline's mean posts per window.</param>
[Orleans.GenerateSerializer, Orleans.Immutable]
public sealed record TrendAlert([property: Orleans.Id(0)] string Topic, [property: Orleans.Id(1)] string Kind, [property: Orleans.Id(2)] DateTimeOffset At, [property: Orleans.Id(3)] double ZScore, [property: Orleans.Id(4)] double Count, [property: Orleans.Id(5)] double BaselineMean)
{
    /// <summary>The output topic.</summary>
    public const string OutputTopic = "trend-alerts";
}
