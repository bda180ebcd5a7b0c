using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StreamOrleans.Grains.Interfaces.Trends;
using StreamOrleans.Grains.Trends.Sentiment;
using StreamOrleans.Grains.Trends.Text;
using StreamOrleans.Streaming.Serialization;
using StreamOrleans.Streaming.Log;

namespace StreamOrleans.Grains.Trends;

/// <summary>
/// Trains this silo's <see cref="SentimentScorer"/> from the labelled posts of topic <c>posts</c>. The models are a view
/// of the log (Kappa): every Trends:ModelRefreshInterval it reads what is new and the online FTRL model learns each
/// labelled post (test-then-train); the newest Trends:SentimentMaxTrainingPosts labelled posts are kept, and after
/// Trends:SentimentRetrainAfterPosts new ones or Trends:SentimentRetrainInterval a new version is trained off the read
/// loop (<see cref="SentimentTraining"/>: ML.NET and FTRL scored on the same holdout with VADER; the better serves).
/// After a restart it reads the topic from the start again, so nothing of it needs persisting. Every silo runs one, so
/// topic grains score with a trained model wherever Orleans places them.
/// </summary>
public sealed partial class SentimentLearner(
    SentimentScorer scorer,
    IStreamLog log,
    GrainSerializer serializer,
    [FromKeyedServices(GrainProviders.Clock)] TimeProvider time,
    IOptions<TrendsOptions> options,
    ILogger<SentimentLearner> logger)
    : BackgroundService
{
    private readonly TopicCursor _cursor = new(log, Post.Topic);
    private readonly TokenList _tokens = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SemaphoreSlim _training = new(1, 1);
    private readonly List<LabelledPost> _posts = [];
    private readonly TrendsOptions _options = options.Value;
    private long _labelled;
    private long _trainedOn;
    private int _version;
    private DateTimeOffset _trainedAt;

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

    /// <summary>
    /// Trains a version now from the labelled posts kept (after reading the log) and serves its better learned model;
    /// null when there are fewer than Trends:SentimentMinPostsToTrain or a label is missing.
    /// </summary>
    public async Task<SentimentModelVersion?> TrainAsync(CancellationToken cancellationToken)
    {
        await CatchUpAsync(cancellationToken);
        await _training.WaitAsync(cancellationToken);
        try
        {
            LabelledPost[] snapshot;
            long labelled;
            await _gate.WaitAsync(cancellationToken);
            try
            {
                snapshot = [.. _posts];
                labelled = _labelled;
            }
            finally
            {
                _gate.Release();
            }

            if (snapshot.Length < _options.SentimentMinPostsToTrain || snapshot.Select(p => p.Label).Distinct().Count() < 3)
            {
                return null;
            }

            using var activity = TrendsTelemetry.Source.StartActivity("sentiment.train");
            var version = Interlocked.Increment(ref _version);
            var (info, mlnet) = await Task.Run(
                () => SentimentTraining.Run(snapshot, scorer.Lexicon, _options.SentimentHoldoutFraction, version, time), cancellationToken);
            scorer.Serve(info, mlnet);
            _trainedOn = labelled;
            _trainedAt = time.GetUtcNow();
            LogVersion(logger, info.Version, info.TrainPosts, info.HoldoutPosts, info.MlNet.MacroF1, info.Ftrl.MacroF1, info.Vader.MacroF1, info.Served);
            return info;
        }
        finally
        {
            _training.Release();
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.ModelRefreshInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await CatchUpAsync(stoppingToken);
                if (RetrainDue())
                {
                    await TrainAsync(stoppingToken);
                }
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
        _training.Dispose();
        base.Dispose();
    }

    private bool RetrainDue()
    {
        var fresh = Interlocked.Read(ref _labelled) - _trainedOn;
        if (fresh <= 0 || Interlocked.Read(ref _labelled) < _options.SentimentMinPostsToTrain)
        {
            return false;
        }

        return Volatile.Read(ref _version) == 0 || fresh >= _options.SentimentRetrainAfterPosts || time.GetUtcNow() - _trainedAt >= _options.SentimentRetrainInterval;
    }

    private void Learn(LogRecord record)
    {
        if (EventDecoder.TryDecode<Post>(serializer, record.Value.Span, out var post) && post.Label is { } label)
        {
            SocialTokenizer.Tokenize(post.Text, _tokens);
            scorer.Learn(_tokens, label);
            _posts.Add(new LabelledPost(post.Text, string.Join(' ', SentimentScorer.Features(_tokens)), (SentimentLabel)(int)label));
            if (_posts.Count > _options.SentimentMaxTrainingPosts)
            {
                _posts.RemoveRange(0, _posts.Count - _options.SentimentMaxTrainingPosts);
            }

            Interlocked.Increment(ref _labelled);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sentiment learning could not read the log; retrying at the next interval")]
    private static partial void LogCatchUpFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sentiment version {Version}: {Train} posts trained, {Holdout} held out; macro-F1 ML.NET {MlNet:F3}, FTRL {Ftrl:F3}, VADER {Vader:F3}; {Served} serves")]
    private static partial void LogVersion(ILogger logger, int version, int train, int holdout, double mlNet, double ftrl, double vader, string served);
}
