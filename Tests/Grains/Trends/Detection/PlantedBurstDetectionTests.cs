using StreamOrleans.Grains.Trends.Demo;
using StreamOrleans.Grains.Trends.Detection;
using Xunit.Abstractions;

namespace StreamOrleans.Tests.Grains.Trends.Detection;

/// <summary>
/// Planted bursts in long generated streams must be detected with the default settings: true-positive rate >= 95% and
/// false-positive rate <= 4%, both as defined on <see cref="PlantedBurstEvaluation"/> (per planted burst, and per
/// non-burst topic-window in which the topic had posts). Detection delay (from planted start to Start event) is
/// reported; it includes the bursts' ramp-up (a quarter of their 10-40 minute length).
/// </summary>
public class PlantedBurstDetectionTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(7UL)]
    [InlineData(11UL)]
    [InlineData(13UL)]
    public void Default_detector_finds_planted_bursts_with_few_false_positives(ulong seed)
    {
        var generator = new PostGenerator(new PostGeneratorOptions
        {
            Seed = seed,
            Start = new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero),
            Duration = TimeSpan.FromHours(12),
            BurstCount = 40,
            MinBurstPostsPerMinute = 10,
        });

        var result = PlantedBurstEvaluation.Run(generator, new TopicTrendTrackerOptions());
        output.WriteLine(result.ToString());
        Assert.Equal(40, result.PlantedBursts);
        Assert.True(result.NonBurstTopicWindows > 10_000, $"only {result.NonBurstTopicWindows} non-burst topic-windows");
        Assert.True(result.TruePositiveRate >= 0.95, result.ToString());
        Assert.True(result.FalsePositiveRate <= 0.04, result.ToString());
    }

    [Fact]
    public void A_detector_that_cannot_fire_fails_the_true_positive_criterion()
    {
        // Guards against an evaluation that passes whatever the detector does.
        var generator = new PostGenerator(new PostGeneratorOptions
        {
            Seed = 7,
            Start = new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero),
            Duration = TimeSpan.FromHours(3),
            BurstCount = 8,
        });
        var never = new TopicTrendTrackerOptions { Burst = new BurstDetectorOptions { MinCount = 1e9 } };
        var result = PlantedBurstEvaluation.Run(generator, never);
        Assert.Equal(0, result.TruePositiveRate);
        Assert.Equal(0, result.FalsePositiveRate);

        var always = new TopicTrendTrackerOptions { Burst = new BurstDetectorOptions { ZStart = -1e9, ZStop = -2e9, MinCount = 0, StartWindows = 1 } };
        Assert.True(PlantedBurstEvaluation.Run(generator, always).FalsePositiveRate > 0.5);
    }
}
