using Microsoft.Extensions.Options;
using StreamOrleans.Grains.Interfaces.Trends;
using StreamOrleans.Grains.Trends.Detection;
using StreamOrleans.Grains.Trends.Text;
using StreamOrleans.Runtime;
using StreamOrleans.Runtime.Streams;

namespace StreamOrleans.Grains.Trends;

/// <summary>
/// One topic's posts: combined sentiment (lexicon + learned), time buckets, decayed rate, burst detection with
/// hysteresis, a Holt forecast and co-occurring terms. Burst starts and stops go to topic <c>trend-alerts</c> (at least
/// once: a replay after a crash may repeat one). A timer closes ended windows so bursts also stop during silence.
/// </summary>
[ImplicitStreamSubscription(Post.Topic, Router = typeof(PostTopicRouter))]
public sealed class TopicTrendGrain(
    [PersistentState("topic")] IPersistentState<TopicTrendState> state,
    SentimentScorer scorer,
    StreamProducer producer,
    IOptions<TrendsOptions> options) : Grain, ITopicTrendGrain, IStreamSubscriber<Post>, IStreamCheckpointAware
{
    /// <summary>Minutes of per-minute sentiment kept for the timeline (as many as the 1-minute buckets).</summary>
    public const int TimelineMinutes = TimeBucketCounter.DefaultMinuteBuckets;

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "has", "have", "i", "in", "is", "it", "its", "me",
        "my", "no", "not", "of", "on", "or", "so", "that", "the", "this", "to", "was", "we", "were", "with", "you", "your", "just",
    };

    private readonly TokenList _tokens = new();
    private readonly List<BurstEvent> _decided = [];
    private TopicTrendTracker _tracker = null!;
    private SpaceSavingTopK<string> _terms = null!;
    private (int Partition, long Offset)? _appliedInMemory;

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _tracker = state.State.Tracker is { } tracker ? TopicTrendTracker.FromState(tracker) : new TopicTrendTracker();
        _terms = state.State.Terms is { } terms ? SpaceSavingTopK<string>.FromState(terms, StringComparer.Ordinal) : new SpaceSavingTopK<string>(options.Value.TermsPerTopic, StringComparer.Ordinal);
        var interval = options.Value.AdvanceInterval;
        RegisterGrainTimer(AdvanceAsync, interval, interval);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task OnNextAsync(Post item, StreamEventContext context)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(context);

        // A retry after a failed publish must not count the post twice.
        if (_appliedInMemory != (context.Partition, context.Offset))
        {
            _decided.Clear();
            Apply(item);
            _appliedInMemory = (context.Partition, context.Offset);
        }

        await PublishAsync();
    }

    /// <inheritdoc />
    public Task<TopicSummary> GetSummaryAsync(TimeSpan window)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, TimeSpan.FromMinutes(1));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(window, TimeSpan.FromMinutes(TimelineMinutes));
        var now = TimeProvider.GetUtcNow();
        var minutes = (int)Math.Ceiling(window.TotalMinutes);
        var timeline = Timeline(now, minutes);
        var volume = timeline.Sum(p => p.Count);
        var sentimentSum = timeline.Sum(p => p.Sentiment is { } s ? s * p.Count : 0);
        return Task.FromResult(new TopicSummary(
            GetPrimaryKeyString(), Finite(_tracker.TrendScore(now)), volume, volume > 0 ? sentimentSum / volume : null, _tracker.IsBursting, _tracker.Buckets.Total));
    }

    /// <inheritdoc />
    public Task<TopicDetails> GetDetailsAsync(int minutes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minutes, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minutes, TimelineMinutes);
        var now = TimeProvider.GetUtcNow();
        var s = state.State;
        var total = s.Positive + s.Neutral + s.Negative;
        return Task.FromResult(new TopicDetails(
            GetPrimaryKeyString(),
            Finite(_tracker.TrendScore(now)),
            _tracker.IsBursting,
            _tracker.BurstStartedAt,
            _tracker.Buckets.Total,
            Timeline(now, minutes),
            new SentimentDistribution(total > 0 ? s.SentimentSum / total : 0, s.Positive, s.Neutral, s.Negative),
            [.. _terms.Top(20).Select(t => new TermCount(t.Key, (long)Math.Round(t.Count)))],
            new VolumeForecast(Finite(_tracker.ForecastNextWindow), Finite(_tracker.ForecastMeanAbsoluteError))));
    }

    private void Apply(Post item)
    {
        SocialTokenizer.Tokenize(item.Text, _tokens);
        var sentiment = scorer.Score(item.Text, _tokens).Combined;
        var s = state.State;
        switch (SentimentScorer.Label(sentiment))
        {
            case "positive": s.Positive++; break;
            case "negative": s.Negative++; break;
            default: s.Neutral++; break;
        }

        s.SentimentSum += sentiment;
        var minute = item.Timestamp.UtcTicks / TimeSpan.TicksPerMinute;
        s.MinuteSentiment[minute] = s.MinuteSentiment.GetValueOrDefault(minute) + sentiment;
        if (s.MinuteSentiment.Count > TimelineMinutes)
        {
            var oldest = minute - TimelineMinutes;
            foreach (var key in s.MinuteSentiment.Keys.Where(k => k <= oldest).ToList())
            {
                s.MinuteSentiment.Remove(key);
            }
        }

        _tracker.Record(item.Timestamp, _decided);
        AddTerms();
        TrendsTelemetry.TopicPosts.Add(1);
    }

    /// <inheritdoc />
    public void OnBeforeCheckpoint()
    {
        state.State.Tracker = _tracker.ExportState();
        state.State.Terms = _terms.ExportState();
    }

    private void AddTerms()
    {
        var topic = GetPrimaryKeyString();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < _tokens.Count; i++)
        {
            var token = _tokens[i];
            if (token.Kind is not (TokenKind.Word or TokenKind.Hashtag))
            {
                continue;
            }

            var term = _tokens.GetNormalizedString(i).ToLowerInvariant();
            if (token.Kind == TokenKind.Hashtag)
            {
                term = "#" + term.TrimStart('#');
            }

            if (term.Length > 2 && term != topic && !StopWords.Contains(term) && seen.Add(term))
            {
                _terms.Add(term);
            }
        }
    }

    private async Task AdvanceAsync(CancellationToken cancellationToken)
    {
        _decided.Clear();
        if (_tracker.AdvanceTo(TimeProvider.GetUtcNow(), _decided) > 0)
        {
            OnBeforeCheckpoint();
            await state.WriteStateAsync();
            await PublishAsync();
        }
    }

    private async Task PublishAsync()
    {
        var topic = GetPrimaryKeyString();
        foreach (var e in _decided)
        {
            var kind = e.Kind == BurstEventKind.Start ? "started" : "stopped";
            await producer.PublishAsync(TrendAlert.OutputTopic, topic, new TrendAlert(topic, kind, e.At, e.ZScore, e.Count, e.BaselineMean));
            TrendsTelemetry.Alerts.Add(1, new KeyValuePair<string, object?>("kind", kind));
        }

        _decided.Clear();
    }

    // Before a topic has history some estimates are undefined (no windows closed yet); report 0 rather than NaN/Infinity.
    private static double Finite(double value) => double.IsFinite(value) ? value : 0;

    private List<TimelinePoint> Timeline(DateTimeOffset now, int minutes)
    {
        var to = now.AddTicks(TimeSpan.TicksPerMinute - (now.UtcTicks % TimeSpan.TicksPerMinute));
        var from = to.AddMinutes(-minutes);
        return [.. _tracker.Buckets.Minute.Timeline(from, to).Select(b => new TimelinePoint(
            b.Start, b.Count, b.Count > 0 && state.State.MinuteSentiment.TryGetValue(b.Start.UtcTicks / TimeSpan.TicksPerMinute, out var sum) ? sum / b.Count : null))];
    }
}
