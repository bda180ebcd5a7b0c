using StreamOrleans.Grains.Trends.Detection;
using StreamOrleans.Streaming.ExactlyOnce;

namespace StreamOrleans.Grains.Trends;

/// <summary>The persisted state of a <see cref="TopicTrendGrain"/>.</summary>
public sealed class TopicTrendState : IExactlyOnceState
{
    /// <summary>Buckets, rate, burst detector and forecaster; null before the first post.</summary>
    public TopicTrendTrackerState? Tracker { get; set; }

    /// <summary>Posts whose combined sentiment was positive.</summary>
    public long Positive { get; set; }

    /// <summary>Posts whose combined sentiment was neutral.</summary>
    public long Neutral { get; set; }

    /// <summary>Posts whose combined sentiment was negative.</summary>
    public long Negative { get; set; }

    /// <summary>Sum of combined sentiment over all posts.</summary>
    public double SentimentSum { get; set; }

    /// <summary>Sum of combined sentiment per minute (UTC minute number), the last <see cref="TopicTrendGrain.TimelineMinutes"/> minutes.</summary>
    public Dictionary<long, double> MinuteSentiment { get; set; } = [];

    /// <summary>Co-occurring terms (Space-Saving); null before the first post.</summary>
    public SpaceSavingState<string>? Terms { get; set; }

    /// <summary>The newest post time seen and when it arrived (event time); null before the first post.</summary>
    public EventClockState? Clock { get; set; }

    /// <summary>The stream positions the state includes (exactly-once bookkeeping).</summary>
    public AppliedPositions Applied { get; set; } = new();
}
