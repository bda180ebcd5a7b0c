namespace StreamOrleans.Grains.Trends.Sentiment;

/// <summary>
/// Persistable state of <see cref="OnlineSentimentClassifier"/>: only buckets that were ever updated are stored, so the
/// size grows with the vocabulary seen, not with the hash space. Plain arrays, System.Text.Json friendly.
/// </summary>
/// <param name="Options">The settings the model was trained with.</param>
/// <param name="Buckets">Indices of the stored buckets, ascending (the bias is bucket 2^HashBits).</param>
/// <param name="Z">FTRL z accumulators, three per stored bucket (negative, neutral, positive).</param>
/// <param name="SqrtN">Square roots of the FTRL sums of squared gradients, three per stored bucket.</param>
/// <param name="Metrics">Prequential metrics.</param>
public sealed record OnlineSentimentClassifierState(
    OnlineSentimentClassifierOptions Options,
    int[] Buckets,
    float[] Z,
    float[] SqrtN,
    PrequentialMetricsState Metrics);
