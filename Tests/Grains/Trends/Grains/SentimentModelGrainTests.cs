using StreamOrleans.Grains.Interfaces.Trends;
using StreamOrleans.Grains.Trends.Demo;
using StreamOrleans.Grains.Trends.Sentiment;
using static StreamOrleans.Tests.Grains.Trends.Grains.TrendsSilo;

namespace StreamOrleans.Tests.Grains.Trends.Grains;

public sealed class SentimentModelGrainTests
{
    [Fact]
    public async Task Labelled_posts_from_the_log_train_the_learned_model_and_give_it_weight()
    {
        await using var silo = await StartAsync();
        var model = silo.GrainFactory.GetGrain<ISentimentModelGrain>(ISentimentModelGrain.DefaultKey);
        var untrained = await model.ScoreAsync("what a wonderful, lovely day");
        Assert.Null(untrained.Learned);
        Assert.Equal(untrained.Lexicon, untrained.Combined);
        Assert.Equal("positive", untrained.Label);

        var generated = new PostGenerator(new PostGeneratorOptions { Start = Start, Duration = TimeSpan.FromMinutes(20), BackgroundPostsPerSecond = 3, BurstCount = 0, Seed = 5 })
            .Generate().ToList();
        await silo.AppendJsonAsync(Post.Topic, generated.Select(p => ($"g{p.PostId}", Json(new Post(
            $"g{p.PostId}", p.Author, p.Text, p.Timestamp, p.Label switch { SentimentLabel.Negative => PostLabel.Negative, SentimentLabel.Positive => PostLabel.Positive, _ => PostLabel.Neutral })))));

        var metrics = await model.GetMetricsAsync();
        Assert.Equal(generated.Count, metrics.LabelledPosts);
        Assert.True(metrics.WindowAccuracy > 0.6, $"prequential accuracy {metrics.WindowAccuracy:F3} (chance: 0.33)");
        Assert.True(metrics.LearnedWeight > 0.3, $"learned weight {metrics.LearnedWeight:F3}");

        var trained = await model.ScoreAsync("what a wonderful, lovely day");
        Assert.NotNull(trained.Learned);
        Assert.Equal((metrics.LearnedWeight * trained.Learned.Value) + ((1 - metrics.LearnedWeight) * trained.Lexicon), trained.Combined, 1e-12);
    }
}
