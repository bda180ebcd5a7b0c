using Orleans.Concurrency;
using StreamOrleans.Grains.Interfaces.Trends;
using StreamOrleans.Grains.Trends.Text;

namespace StreamOrleans.Grains.Trends;

/// <summary>
/// Scores text with the silo's <see cref="SentimentScorer"/> after its <see cref="SentimentLearner"/> has learned what
/// the log holds now. A stateless worker: each silo answers from its own model (they learn from the same log).
/// </summary>
[StatelessWorker]
public sealed class SentimentModelGrain(SentimentScorer scorer, SentimentLearner learner) : Grain, ISentimentModelGrain
{
    private readonly TokenList _tokens = new();

    /// <inheritdoc />
    public async Task<SentimentResult> ScoreAsync(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        await learner.CatchUpAsync(CancellationToken.None);
        using var activity = TrendsTelemetry.Source.StartActivity("sentiment.score");
        SocialTokenizer.Tokenize(text, _tokens);
        return scorer.Score(text, _tokens);
    }

    /// <inheritdoc />
    public async Task<SentimentModelMetrics> GetMetricsAsync()
    {
        await learner.CatchUpAsync(CancellationToken.None);
        return scorer.Metrics();
    }

    /// <inheritdoc />
    public Task<SentimentModelVersion?> TrainAsync() => learner.TrainAsync(CancellationToken.None);
}
