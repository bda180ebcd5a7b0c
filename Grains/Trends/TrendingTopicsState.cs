using StreamOrleans.Grains.Trends.Detection;
using StreamOrleans.Streaming.ExactlyOnce;

namespace StreamOrleans.Grains.Trends;

/// <summary>The persisted state of the <see cref="TrendingTopicsGrain"/>.</summary>
public sealed class TrendingTopicsState : IExactlyOnceState
{
    /// <summary>Posts seen.</summary>
    public long Posts { get; set; }

    /// <summary>The Space-Saving top-K and Count-Min sketch; null before the first post.</summary>
    public TrendingTopicRankingState? Ranking { get; set; }

    /// <summary>The newest post time seen and when it arrived (event time); null before the first post.</summary>
    public EventClockState? Clock { get; set; }

    /// <summary>The stream positions the state includes (exactly-once bookkeeping).</summary>
    public AppliedPositions Applied { get; set; } = new();
}
