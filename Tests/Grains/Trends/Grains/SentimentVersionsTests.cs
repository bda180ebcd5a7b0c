using StreamOrleans.Grains.Interfaces.Trends;
using StreamOrleans.Grains.Trends.Demo;
using static StreamOrleans.Tests.Grains.Trends.Grains.TrendsSilo;

namespace StreamOrleans.Tests.Grains.Trends.Grains;

/// <summary>The sentiment model grain's retrained versions on the production silo wiring.</summary>
public sealed class SentimentVersionsTests
{
    [Fact]
    public async Task A_retraining_is_a_version_with_holdout_scores_and_its_better_learned_model_serves()
    {
        await using var silo = await StartAsync();
        var model = silo.GrainFactory.GetGrain<ISentimentModelGrain>(ISentimentModelGrain.DefaultKey);
        Assert.Null(await model.TrainAsync());   // nothing labelled yet

        var generated = new PostGenerator(new PostGeneratorOptions { Start = Start, Duration = TimeSpan.FromMinutes(20), BackgroundPostsPerSecond = 3, BurstCount = 0, Seed = 5 })
            .Generate().ToList();
        await silo.AppendJsonAsync(Post.Topic, generated.Select(p => ($"g{p.PostId}", Json(new Post(
            $"g{p.PostId}", p.Author, p.Text, p.Timestamp, (PostLabel)(int)p.Label)))));

        var version = await model.TrainAsync();

        Assert.NotNull(version);
        Assert.Equal((1, generated.Count), (version.Version, version.TrainPosts + version.HoldoutPosts));
        var metrics = await model.GetMetricsAsync();
        Assert.Equal(version.Served, metrics.Served);
        Assert.Equal([version], metrics.Versions);
        var served = version.Served == "mlnet" ? version.MlNet : version.Ftrl;
        Assert.True(served.MacroF1 > version.Vader.MacroF1, $"served {served.MacroF1:F3} vs VADER {version.Vader.MacroF1:F3}");

        // A phrase VADER does not know: the learned model reads it as negative.
        var scored = await model.ScoreAsync("still no refund and the support never replied");
        Assert.True(scored.Learned < -0.3, $"learned {scored.Learned}");
        Assert.Equal("negative", scored.Label);
    }
}
