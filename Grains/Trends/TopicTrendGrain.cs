using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StreamOrleans.Grains.Interfaces.Trends;
using StreamOrleans.Grains.Trends.Detection;
using StreamOrleans.Grains.Trends.Text;
using Orleans.Runtime;
using Orleans.Streams;
using Orleans.Streams.Core;
using StreamOrleans.Streaming.ExactlyOnce;

namespace StreamOrleans.Grains.Trends;

/// <summary>
/// One topic's posts: combined sentiment (lexicon + learned), time buckets, decayed rate, burst detection with
/// hysteresis, a Holt forecast and co-occurring terms. Burst starts and stops go to topic <c>trend-alerts</c> (at least
/// once: a replay after a crash may repeat one). A timer closes ended windows so bursts also stop during silence.
/// Posts reach it through <see cref="PostRouter"/>: stream ("posts", topic). The tracker and the term sketch are
/// working copies of what the state holds, exported into it before each write. Time is event time
/// (<see cref="EventClock"/>): windows, the rate and the forecast are read as of the newest post seen, so an import or
/// replay of posts dated years ago answers like the live stream did; the timer closes windows only on a live stream.
/// </summary>
[ImplicitStreamSubscription(Post.Topic)]
public sealed class TopicTrendGrain(
    [PersistentState("topic", GrainProviders.Storage)] IPersistentState<TopicTrendState> state,
    SentimentScorer scorer,
    [FromKeyedServices(GrainProviders.Clock)] TimeProvider timeProvider,
    IOptions<TrendsOptions> options) : Grain, ITopicTrendGrain, IStreamSubscriptionObserver, IAsyncBatchObserver<Post>
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
    private EventClock _clock = null!;

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Import(state.State);
        var interval = options.Value.AdvanceInterval;
        this.RegisterGrainTimer(AdvanceAsync, interval, interval);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory)
    {
        ArgumentNullException.ThrowIfNull(handleFactory);
        return handleFactory.Create<Post>().ResumeAsync(this);
    }

    /// <inheritdoc />
    public async Task OnNextAsync(IList<SequentialItem<Post>> items)
    {
        _decided.Clear();
        await this.ApplyOnceAsync(state, items, (_, item, _) => Apply(item), new ExactlyOnceHooks<TopicTrendState>(Export, reloaded =>
        {
            // The half-applied posts are applied again: so are their burst decisions.
            _decided.Clear();
            Import(reloaded);
        }));
        await PublishAsync();
    }

    /// <inheritdoc />
    public Task OnCompletedAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;

    /// <inheritdoc />
    public Task<TopicSummary> GetSummaryAsync(TimeSpan window, DateTimeOffset? asOf = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, TimeSpan.FromMinutes(1));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(window, TimeSpan.FromMinutes(TimelineMinutes));
        var now = asOf ?? Now();
        var minutes = (int)Math.Ceiling(window.TotalMinutes);
        var timeline = Timeline(now, minutes);
        var volume = timeline.Sum(p => p.Count);
        var sentimentSum = timeline.Sum(p => p.Sentiment is { } s ? s * p.Count : 0);
        return Task.FromResult(new TopicSummary(
            this.GetPrimaryKeyString(), Finite(_tracker.TrendScore(now)), volume, volume > 0 ? sentimentSum / volume : null, _tracker.IsBursting, _tracker.Buckets.Total));
    }

    /// <inheritdoc />
    public Task<TopicDetails> GetDetailsAsync(int minutes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minutes, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minutes, TimelineMinutes);
        var now = Now();
        var s = state.State;
        var total = s.Positive + s.Neutral + s.Negative;
        return Task.FromResult(new TopicDetails(
            this.GetPrimaryKeyString(),
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

        _clock.Observe(item.Timestamp, timeProvider.GetUtcNow());
        _tracker.Record(item.Timestamp, _decided);
        AddTerms();
        TrendsTelemetry.TopicPosts.Add(1);
    }

    private void Import(TopicTrendState s)
    {
        _tracker = s.Tracker is { } tracker ? TopicTrendTracker.FromState(tracker) : new TopicTrendTracker();
        _terms = s.Terms is { } terms ? SpaceSavingTopK<string>.FromState(terms, StringComparer.Ordinal) : new SpaceSavingTopK<string>(options.Value.TermsPerTopic, StringComparer.Ordinal);
        _clock = EventClock.FromState(s.Clock, options.Value.LiveLag);
    }

    private void Export(TopicTrendState s)
    {
        s.Tracker = _tracker.ExportState();
        s.Terms = _terms.ExportState();
        s.Clock = _clock.ExportState();
    }

    // Event time: the newest post's time (running on with the wall clock while the stream is live); the wall clock only
    // before the first post, when every figure is zero anyway.
    private DateTimeOffset Now() => _clock.Now(timeProvider.GetUtcNow()) ?? timeProvider.GetUtcNow();

    private void AddTerms()
    {
        var topic = this.GetPrimaryKeyString();
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

        // Silence is measured only on a live stream: on a replay or an import of old posts, the next post closes windows.
        if (_clock.IsLive && _tracker.AdvanceTo(Now(), _decided) > 0)
        {
            Export(state.State);
            await state.WriteStateAsync();
            await PublishAsync();
        }
    }

    private async Task PublishAsync()
    {
        var topic = this.GetPrimaryKeyString();
        foreach (var e in _decided)
        {
            var kind = e.Kind == BurstEventKind.Start ? "started" : "stopped";
            await this.PublishAsync(TrendAlert.OutputTopic, topic, new TrendAlert(topic, kind, e.At, e.ZScore, e.Count, e.BaselineMean));
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
