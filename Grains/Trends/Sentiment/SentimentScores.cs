namespace StreamOrleans.Grains.Trends.Sentiment;

/// <summary>
/// The sentiment of one text as VADER reports it: the proportions of the text that read negative, neutral and
/// positive (each in [0, 1], summing to about 1), and the normalised compound score in [-1, 1]. Values are rounded
/// as the reference does (proportions to 3 decimals, compound to 4).
/// </summary>
/// <param name="Negative">Share of negative sentiment.</param>
/// <param name="Neutral">Share of neutral words.</param>
/// <param name="Positive">Share of positive sentiment.</param>
/// <param name="Compound">Normalised sum of all valences: &gt;= 0.05 reads positive, &lt;= -0.05 negative.</param>
public readonly record struct SentimentScores(double Negative, double Neutral, double Positive, double Compound)
{
    /// <summary>The scores of a text with no words at all.</summary>
    public static SentimentScores None => default;
}
