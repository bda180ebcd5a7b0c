namespace StreamOrleans.Grains.Trends.Demo;

/// <summary>Settings of <see cref="PostGenerator"/>. Time comes only from <see cref="Start"/> and <see cref="Duration"/>.</summary>
public sealed record PostGeneratorOptions
{
    /// <summary>Seed: equal options give identical streams.</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>Time of the first possible post.</summary>
    public required DateTimeOffset Start { get; init; }

    /// <summary>Length of the stream (default 6 hours).</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromHours(6);

    /// <summary>Background posts per second (default 3).</summary>
    public double BackgroundPostsPerSecond { get; init; } = 3;

    /// <summary>Most plain (non-sentiment) words in the vocabulary, function words first (default 3000: the whole fixed list).</summary>
    public int VocabularySize { get; init; } = 3000;

    /// <summary>Zipf exponent of word frequencies (default 1.05).</summary>
    public double WordZipfExponent { get; init; } = 1.05;

    /// <summary>Number of background hashtags, from <see cref="DemoVocabulary.Topics"/> in order (then suffixed ones; default 150).</summary>
    public int BackgroundTopicCount { get; init; } = 150;

    /// <summary>Zipf exponent of background hashtag popularity (default 1.0).</summary>
    public double TopicZipfExponent { get; init; } = 1.0;

    /// <summary>Probability that a background post carries a hashtag (default 0.6; a second one with a fifth of that).</summary>
    public double HashtagProbability { get; init; } = 0.6;

    /// <summary>Number of planted bursts (default 24).</summary>
    public int BurstCount { get; init; } = 24;

    /// <summary>Shortest burst (default 10 minutes).</summary>
    public TimeSpan MinBurstDuration { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Longest burst (default 40 minutes).</summary>
    public TimeSpan MaxBurstDuration { get; init; } = TimeSpan.FromMinutes(40);

    /// <summary>Smallest plateau intensity in extra posts per minute (default 15).</summary>
    public double MinBurstPostsPerMinute { get; init; } = 15;

    /// <summary>Largest plateau intensity in extra posts per minute (default 60).</summary>
    public double MaxBurstPostsPerMinute { get; init; } = 60;

    /// <summary>Fraction of bursts on brand-new hashtags; the rest surge on background hashtags (default 0.5).</summary>
    public double NewTopicBurstFraction { get; init; } = 0.5;

    /// <summary>No burst starts before this much time has passed, so baselines can form (default 30 minutes).</summary>
    public TimeSpan BurstFreeWarmup { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Probability that a post's label is replaced by a different random label (default 0.05).</summary>
    public double LabelNoise { get; init; } = 0.05;

    /// <summary>Throws if any setting is out of range, naming the setting.</summary>
    public void Validate()
    {
        Check(Duration > TimeSpan.Zero, nameof(Duration), Duration, "must be positive");
        Check(BackgroundPostsPerSecond > 0 && double.IsFinite(BackgroundPostsPerSecond), nameof(BackgroundPostsPerSecond), BackgroundPostsPerSecond, "must be positive");
        Check(VocabularySize >= 10, nameof(VocabularySize), VocabularySize, "must be at least 10");
        Check(WordZipfExponent >= 0 && double.IsFinite(WordZipfExponent), nameof(WordZipfExponent), WordZipfExponent, "must be non-negative");
        Check(BackgroundTopicCount >= 1, nameof(BackgroundTopicCount), BackgroundTopicCount, "must be at least 1");
        Check(TopicZipfExponent >= 0 && double.IsFinite(TopicZipfExponent), nameof(TopicZipfExponent), TopicZipfExponent, "must be non-negative");
        Check(HashtagProbability is >= 0 and <= 1, nameof(HashtagProbability), HashtagProbability, "must be in [0, 1]");
        Check(BurstCount >= 0, nameof(BurstCount), BurstCount, "must be non-negative");
        Check(MinBurstDuration > TimeSpan.Zero && MaxBurstDuration >= MinBurstDuration, nameof(MaxBurstDuration), MaxBurstDuration, "must be at least MinBurstDuration, which must be positive");
        Check(MinBurstPostsPerMinute > 0 && MaxBurstPostsPerMinute >= MinBurstPostsPerMinute && double.IsFinite(MaxBurstPostsPerMinute), nameof(MaxBurstPostsPerMinute), MaxBurstPostsPerMinute, "must be at least MinBurstPostsPerMinute, which must be positive");
        Check(NewTopicBurstFraction is >= 0 and <= 1, nameof(NewTopicBurstFraction), NewTopicBurstFraction, "must be in [0, 1]");
        Check(BurstFreeWarmup >= TimeSpan.Zero, nameof(BurstFreeWarmup), BurstFreeWarmup, "must be non-negative");
        Check(BurstCount == 0 || Duration >= BurstFreeWarmup + MaxBurstDuration, nameof(Duration), Duration, "must leave room for BurstFreeWarmup + MaxBurstDuration");
        Check(LabelNoise is >= 0 and <= 1, nameof(LabelNoise), LabelNoise, "must be in [0, 1]");
        Check((1 - NewTopicBurstFraction) * BurstCount <= BackgroundTopicCount + 1, nameof(BurstCount), BurstCount, "needs enough background topics for the surge bursts");
    }

    private static void Check(bool ok, string name, object value, string rule)
    {
        if (!ok)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} {rule}.");
        }
    }
}
