namespace StreamOrleans.Grains.Trends.Sentiment;

/// <summary>Persistable state of <see cref="PrequentialMetrics"/> (plain arrays, System.Text.Json friendly).</summary>
/// <param name="ClassCount">Number of classes.</param>
/// <param name="WindowSize">Length of the sliding window.</param>
/// <param name="Confusion">Cumulative confusion counts, row = actual, column = predicted, row-major.</param>
/// <param name="WindowActual">Ring buffer of the actual classes of the last examples.</param>
/// <param name="WindowPredicted">Ring buffer of the predicted classes of the last examples.</param>
/// <param name="WindowNext">Ring position the next example is written to.</param>
/// <param name="WindowFilled">How many ring slots hold examples.</param>
public sealed record PrequentialMetricsState(
    int ClassCount,
    int WindowSize,
    long[] Confusion,
    byte[] WindowActual,
    byte[] WindowPredicted,
    int WindowNext,
    int WindowFilled);
