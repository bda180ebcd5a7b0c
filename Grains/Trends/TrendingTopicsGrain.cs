using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StreamOrleans.Grains.Interfaces.Trends;
using StreamOrleans.Grains.Trends.Detection;
using StreamOrleans.Grains.Trends.Text;
using Orleans.Streams;
using Orleans.Streams.Core;
using StreamOrleans.Streaming.ExactlyOnce;

namespace StreamOrleans.Grains.Trends;

/// <summary>
/// The global ranking: every post's topics go into a time-decayed Space-Saving top-K with a Count-Min sketch for the
/// long tail (<see cref="TrendingTopicRanking"/>). Its candidates are ranked by trend score with the topic grains'
/// summaries (see the trends API). Every post reaches it through <see cref="PostRouter"/>: stream ("posts-ranking",
/// "global"). The ranking is a working copy of what the state holds, exported into it before each write. Decayed counts
/// are read as of the newest post seen (<see cref="EventClock"/>), never as of the wall clock of a replay.
/// </summary>
[ImplicitStreamSubscription(RankingNamespace)]
public sealed class TrendingTopicsGrain(
    [PersistentState("ranking", GrainProviders.Storage)] IPersistentState<TrendingTopicsState> state,
    [FromKeyedServices(GrainProviders.Clock)] TimeProvider timeProvider,
    IOptions<TrendsOptions> options) : Grain, ITrendingTopicsGrain, IStreamSubscriptionObserver, IAsyncBatchObserver<Post>
{
    /// <summary>The stream namespace of every post, for the global ranking (see <see cref="PostRouter"/>).</summary>
    public const string RankingNamespace = "posts-ranking";

    private readonly TopicExtractor _extractor = new(options.Value);
    private readonly TokenList _tokens = new();
    private readonly List<string> _topics = [];
    private TrendingTopicRanking _ranking = null!;
    private EventClock _clock = null!;

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Import(state.State);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory)
    {
        ArgumentNullException.ThrowIfNull(handleFactory);
        return handleFactory.Create<Post>().ResumeAsync(this);
    }

    /// <inheritdoc />
    public Task OnNextAsync(IList<SequentialItem<Post>> items) =>
        this.ApplyOnceAsync(state, items, (s, item, _) => Apply(s, item), new ExactlyOnceHooks<TrendingTopicsState>(
            BeforeWrite: s =>
            {
                s.Ranking = _ranking.ExportState();
                s.Clock = _clock.ExportState();
            },
            AfterReload: Import));

    /// <inheritdoc />
    public Task OnCompletedAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;

    private void Apply(TrendingTopicsState s, Post item)
    {
        SocialTokenizer.Tokenize(item.Text, _tokens);
        _topics.Clear();
        _extractor.Extract(_tokens, _topics);
        foreach (var topic in _topics)
        {
            _ranking.Record(topic, item.Timestamp);
        }

        _clock.Observe(item.Timestamp, timeProvider.GetUtcNow());
        s.Posts++;
    }

    // Count-Min error 1e-3 of all posts keeps the persisted sketch small (2,719 x 5 counters).
    private void Import(TrendingTopicsState s)
    {
        _ranking = s.Ranking is { } ranking ? TrendingTopicRanking.FromState(ranking) : new TrendingTopicRanking(options.Value.RankedTopics, epsilon: 1e-3);
        _clock = EventClock.FromState(s.Clock, options.Value.LiveLag);
    }

    private DateTimeOffset Now() => _clock.Now(timeProvider.GetUtcNow()) ?? timeProvider.GetUtcNow();

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> GetCandidatesAsync(int limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return Task.FromResult<IReadOnlyList<string>>([.. _ranking.Top(limit, Now()).Select(t => t.Topic)]);
    }

    /// <inheritdoc />
    public Task<TrendingTotals> GetTotalsAsync() =>
        Task.FromResult(new TrendingTotals(state.State.Posts, _ranking.Top(int.MaxValue, Now()).Count, _clock.Now(timeProvider.GetUtcNow())));
}
