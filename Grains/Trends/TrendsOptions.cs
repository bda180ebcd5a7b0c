using System.ComponentModel.DataAnnotations;

namespace StreamOrleans.Grains.Trends;

/// <summary>Trend-analysis settings (configuration section "Trends"), validated at start-up.</summary>
public sealed class TrendsOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Trends";

    /// <summary>Words that are topics of their own besides hashtags (matched case-insensitively as whole words). Default none.</summary>
    public List<string> Keywords { get; set; } = [];

    /// <summary>A post fans out to at most this many topics. Default 10.</summary>
    [Range(1, 100)]
    public int MaxTopicsPerPost { get; set; } = 10;

    /// <summary>Co-occurring terms each topic tracks (Space-Saving capacity). Default 50.</summary>
    [Range(1, 1000)]
    public int TermsPerTopic { get; set; } = 50;

    /// <summary>Topics the global ranking monitors (Space-Saving capacity). Default 500.</summary>
    [Range(10, 100_000)]
    public int RankedTopics { get; set; } = 500;

    /// <summary>VADER's lexicon file; default: npm/vader-sentiment-1.1.3/package/vader_lexicon.txt in the set-up cache.</summary>
    public string? LexiconPath { get; set; }

    /// <summary>How often the sentiment model grain reads new labelled posts from the log. Default 1 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan ModelRefreshInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often an active topic grain closes ended windows, so bursts stop during silence. Default 30 s.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan AdvanceInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A post at most this old when it arrives makes a topic's stream live: its event-time clock then runs on with the
    /// wall clock during silence (bursts stop, rates decay). Older posts (imports, replays) move time only by their own
    /// timestamps. Default 5 minutes.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan LiveLag { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The ML.NET sentiment classifier is retrained at least this often while new labelled posts arrive. Default 5 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan SentimentRetrainInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>...and after this many new labelled posts. Default 2,000.</summary>
    [Range(1, 100_000_000)]
    public int SentimentRetrainAfterPosts { get; set; } = 2_000;

    /// <summary>No ML.NET version before this many labelled posts (of all three labels). Default 300.</summary>
    [Range(10, 100_000_000)]
    public int SentimentMinPostsToTrain { get; set; } = 300;

    /// <summary>Share of the newest labelled posts each version is scored on (and not trained on). Default 0.2.</summary>
    [Range(0.01, 0.9)]
    public double SentimentHoldoutFraction { get; set; } = 0.2;

    /// <summary>Newest labelled posts kept for retraining (older ones are dropped). Default 50,000.</summary>
    [Range(100, 10_000_000)]
    public int SentimentMaxTrainingPosts { get; set; } = 50_000;

    /// <summary>Sentiment model versions listed at GET /api/models/sentiment. Default 5.</summary>
    [Range(1, 100)]
    public int SentimentKeepVersions { get; set; } = 5;

    /// <summary>Labelled posts after which the learned model gets its full weight in the combination. Default 500.</summary>
    [Range(1, 10_000_000)]
    public int LearnedWarmupPosts { get; set; } = 500;
}
