namespace StreamOrleans.Grains.Trends.Sentiment;

/// <summary>Class probabilities of one prediction; they sum to 1.</summary>
/// <param name="Negative">P(negative).</param>
/// <param name="Neutral">P(neutral).</param>
/// <param name="Positive">P(positive).</param>
public readonly record struct SentimentPrediction(double Negative, double Neutral, double Positive)
{
    /// <summary>The most probable class (ties go to the lower class index).</summary>
    public SentimentLabel Label =>
        Negative >= Neutral && Negative >= Positive ? SentimentLabel.Negative
        : Neutral >= Positive ? SentimentLabel.Neutral
        : SentimentLabel.Positive;

    /// <summary>P(positive) - P(negative), in [-1, 1]; comparable to a lexicon scorer's compound score.</summary>
    public double Polarity => Positive - Negative;

    /// <summary>The probability of <paramref name="label"/>.</summary>
    public double this[SentimentLabel label] => label switch
    {
        SentimentLabel.Negative => Negative,
        SentimentLabel.Neutral => Neutral,
        SentimentLabel.Positive => Positive,
        _ => throw new ArgumentOutOfRangeException(nameof(label), label, "Expected Negative, Neutral or Positive."),
    };
}
