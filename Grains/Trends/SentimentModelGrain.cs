using Microsoft.Extensions.Options;
using StreamOrleans.Grains.Interfaces.Trends;
using StreamOrleans.Grains.Trends.Text;
using StreamOrleans.Runtime;
using StreamOrleans.Runtime.Serialization;
using StreamOrleans.Runtime.Streams;

namespace StreamOrleans.Grains.Trends;

/// <summary>
/// Trains the silo's <see cref="SentimentScorer"/> from the labelled posts of topic <c>posts</c>. The model is a view of
/// the log (Kappa): a timer (Trends:ModelRefreshInterval) reads what is new; after a restart it reads the topic from
/// the start again, so nothing of it needs persisting.
/// </summary>
public sealed class SentimentModelGrain(SentimentScorer scorer, IStreamLog log, GrainSerializer serializer, IOptions<TrendsOptions> options)
    : Grain, ISentimentModelGrain
{
    private readonly TopicCursor _cursor = new(log, Post.Topic);
    private readonly TokenList _tokens = new();

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var interval = options.Value.ModelRefreshInterval;
        RegisterGrainTimer(CatchUpAsync, interval, interval);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<SentimentResult> ScoreAsync(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        await CatchUpAsync(CancellationToken.None);
        using var activity = TrendsTelemetry.Source.StartActivity("sentiment.score");
        SocialTokenizer.Tokenize(text, _tokens);
        return scorer.Score(text, _tokens);
    }

    /// <inheritdoc />
    public async Task<SentimentModelMetrics> GetMetricsAsync()
    {
        await CatchUpAsync(CancellationToken.None);
        return scorer.Metrics();
    }

    private async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        using var activity = TrendsTelemetry.Source.StartActivity("sentiment.learn");
        var read = await _cursor.ReadNewAsync(Learn, cancellationToken);
        activity?.SetTag("posts.read", read);
        TrendsTelemetry.RecordSentimentModel(scorer.Metrics());
    }

    private void Learn(LogRecord record)
    {
        if (EventDecoder.TryDecode<Post>(serializer, record.Value.Span, out var post) && post.Label is { } label)
        {
            SocialTokenizer.Tokenize(post.Text, _tokens);
            scorer.Learn(_tokens, label);
        }
    }
}
