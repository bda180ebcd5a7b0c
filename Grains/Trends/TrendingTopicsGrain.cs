using Microsoft.Extensions.Options;
using StreamOrleans.Grains.Interfaces.Trends;
using StreamOrleans.Grains.Trends.Detection;
using StreamOrleans.Grains.Trends.Text;
using StreamOrleans.Runtime;
using StreamOrleans.Runtime.Streams;

namespace StreamOrleans.Grains.Trends;

/// <summary>
/// The global ranking: every post's topics go into a time-decayed Space-Saving top-K with a Count-Min sketch for the
/// long tail (<see cref="TrendingTopicRanking"/>). Its candidates are ranked by trend score with the topic grains'
/// summaries (see the trends API).
/// </summary>
[ImplicitStreamSubscription(Post.Topic, Router = typeof(GlobalRankingRouter))]
public sealed class TrendingTopicsGrain(
    [PersistentState("ranking")] IPersistentState<TrendingTopicsState> state,
    IOptions<TrendsOptions> options) : Grain, ITrendingTopicsGrain, IStreamSubscriber<Post>, IStreamCheckpointAware
{
    private readonly TopicExtractor _extractor = new(options.Value);
    private readonly TokenList _tokens = new();
    private readonly List<string> _topics = [];
    private TrendingTopicRanking _ranking = null!;

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Count-Min error 1e-3 of all posts keeps the persisted sketch small (2,719 x 5 counters).
        _ranking = state.State.Ranking is { } ranking
            ? TrendingTopicRanking.FromState(ranking)
            : new TrendingTopicRanking(options.Value.RankedTopics, epsilon: 1e-3);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task OnNextAsync(Post item, StreamEventContext context)
    {
        ArgumentNullException.ThrowIfNull(item);
        SocialTokenizer.Tokenize(item.Text, _tokens);
        _topics.Clear();
        _extractor.Extract(_tokens, _topics);
        foreach (var topic in _topics)
        {
            _ranking.Record(topic, item.Timestamp);
        }

        state.State.Posts++;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> GetCandidatesAsync(int limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return Task.FromResult<IReadOnlyList<string>>([.. _ranking.Top(limit, TimeProvider.GetUtcNow()).Select(t => t.Topic)]);
    }

    /// <inheritdoc />
    public Task<TrendingTotals> GetTotalsAsync() =>
        Task.FromResult(new TrendingTotals(state.State.Posts, _ranking.Top(int.MaxValue, TimeProvider.GetUtcNow()).Count));

    /// <inheritdoc />
    public void OnBeforeCheckpoint() => state.State.Ranking = _ranking.ExportState();
}
