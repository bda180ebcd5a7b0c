namespace StreamOrleans.Grains.Trends.Demo;

/// <summary>Outcome of <see cref="PlantedBurstEvaluation"/>; see its remarks for the definitions.</summary>
/// <param name="PlantedBursts">Bursts planted.</param>
/// <param name="DetectedBursts">Planted bursts with a matching Start event.</param>
/// <param name="NonBurstTopicWindows">Denominator of the false-positive rate.</param>
/// <param name="FalsePositiveTopicWindows">Numerator of the false-positive rate.</param>
/// <param name="SpuriousStarts">Start events matching no planted burst.</param>
/// <param name="Coverage">Fraction of in-burst windows reported as bursting.</param>
/// <param name="Delays">Detection delays of the detected bursts, ascending.</param>
public sealed record PlantedBurstEvaluationResult(
    int PlantedBursts,
    int DetectedBursts,
    long NonBurstTopicWindows,
    long FalsePositiveTopicWindows,
    int SpuriousStarts,
    double Coverage,
    IReadOnlyList<TimeSpan> Delays)
{
    /// <summary>Detected / planted bursts.</summary>
    public double TruePositiveRate => PlantedBursts == 0 ? 0 : (double)DetectedBursts / PlantedBursts;

    /// <summary>False-positive topic-windows / non-burst topic-windows.</summary>
    public double FalsePositiveRate => NonBurstTopicWindows == 0 ? 0 : (double)FalsePositiveTopicWindows / NonBurstTopicWindows;

    /// <summary>The <paramref name="p"/>-quantile (0..1, nearest rank) of the detection delays; zero if none.</summary>
    public TimeSpan DelayPercentile(double p)
    {
        if (!(p > 0 && p <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "The quantile must be in (0, 1].");
        }

        return Delays.Count == 0 ? TimeSpan.Zero : Delays[Math.Min(Delays.Count - 1, (int)Math.Ceiling(p * Delays.Count) - 1)];
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"bursts {DetectedBursts}/{PlantedBursts} (TPR {TruePositiveRate:P1}), FPR {FalsePositiveRate:P2} " +
        $"({FalsePositiveTopicWindows}/{NonBurstTopicWindows} topic-windows), spurious starts {SpuriousStarts}, coverage {Coverage:P0}, " +
        $"delay p50 {DelayPercentile(0.5).TotalSeconds:F0} s, p90 {DelayPercentile(0.9).TotalSeconds:F0} s";
}
