using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StreamOrleans.Grains.Interfaces.Trends;
using StreamOrleans.Grains.Trends.Text;
using StreamOrleans.Streaming.Serialization;
using StreamOrleans.Streaming.Log;

namespace StreamOrleans.Grains.Trends;

/// <summary>
/// Trains this silo's <see cref="SentimentScorer"/> from the labelled posts of topic <c>posts</c>. The model is a view
/// of the log (Kappa): every Trends:ModelRefreshInterval it reads what is new; after a restart it reads the topic from
/// the start again, so nothing of it needs persisting. Every silo runs one, so topic grains score with a trained model
/// wherever Orleans places them.
/// </summary>
public sealed partial class SentimentLearner(
    SentimentScorer scorer, IStreamLog log, GrainSerializer serializer, IOptions<TrendsOptions> options, ILogger<SentimentLearner> logger)
    : BackgroundService
{
    private readonly TopicCursor _cursor = new(log, Post.Topic);
    private readonly TokenList _tokens = new();
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Learns the labelled posts appended since the last call.</summary>
    public async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            using var activity = TrendsTelemetry.Source.StartActivity("sentiment.learn");
            var read = await _cursor.ReadNewAsync(Learn, cancellationToken);
            activity?.SetTag("posts.read", read);
            TrendsTelemetry.RecordSentimentModel(scorer.Metrics());
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ModelRefreshInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await CatchUpAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The log may be briefly unavailable (a PostgreSQL restart): try again at the next tick.
                LogCatchUpFailed(logger, e);
            }
        }
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        _gate.Dispose();
        base.Dispose();
    }

    private void Learn(LogRecord record)
    {
        if (EventDecoder.TryDecode<Post>(serializer, record.Value.Span, out var post) && post.Label is { } label)
        {
            SocialTokenizer.Tokenize(post.Text, _tokens);
            scorer.Learn(_tokens, label);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sentiment learning could not read the log; retrying at the next interval")]
    private static partial void LogCatchUpFailed(ILogger logger, Exception exception);
}
