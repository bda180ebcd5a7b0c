namespace StreamOrleans.Grains.Trends.Sentiment;

/// <summary>The three sentiment classes. The numeric values are the class indices used by models and metrics.</summary>
public enum SentimentLabel
{
    /// <summary>Negative sentiment.</summary>
    Negative = 0,

    /// <summary>Neither clearly positive nor negative.</summary>
    Neutral = 1,

    /// <summary>Positive sentiment.</summary>
    Positive = 2,
}
