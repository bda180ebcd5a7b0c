namespace StreamOrleans.Tests.Grains.Trends.Detection;

/// <summary>Outcome of <see cref="BurstDetectionEvaluation"/>; see its remarks for the definitions.</summary>
internal sealed record BurstDetectionResult(
    int PlantedBursts,
    int DetectedBursts,
    long NonBurstTopicWindows,
    long FalsePositiveTopicWindows,
    int SpuriousStarts,
    double Coverage,
    IReadOnlyList<TimeSpan> Delays)
{
    public double TruePositiveRate => PlantedBursts == 0 ? 0 : (double)DetectedBursts / PlantedBursts;

    public double FalsePositiveRate => NonBurstTopicWindows == 0 ? 0 : (double)FalsePositiveTopicWindows / NonBurstTopicWindows;

    public TimeSpan DelayPercentile(double p) =>
        Delays.Count == 0 ? TimeSpan.Zero : Delays[Math.Min(Delays.Count - 1, (int)Math.Ceiling(p * Delays.Count) - 1)];

    public override string ToString() =>
        $"bursts {DetectedBursts}/{PlantedBursts} (TPR {TruePositiveRate:P1}), FPR {FalsePositiveRate:P2} " +
        $"({FalsePositiveTopicWindows}/{NonBurstTopicWindows} topic-windows), spurious starts {SpuriousStarts}, coverage {Coverage:P0}, " +
        $"delay p50 {DelayPercentile(0.5).TotalSeconds:F0} s, p90 {DelayPercentile(0.9).TotalSeconds:F0} s";
}
