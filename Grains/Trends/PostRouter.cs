using Microsoft.Extensions.Options;
using Orleans.Runtime;
using StreamOrleans.Grains.Interfaces.Trends;
using StreamOrleans.Grains.Trends.Text;
using StreamOrleans.Streaming.Routing;

namespace StreamOrleans.Grains.Trends;

/// <summary>
/// Routes each post (keyed by its id in topic <c>posts</c>) to its consumers: stream ("posts", topic) of every topic it
/// names (hashtags and configured keywords; <see cref="TopicExtractor"/>), read by <see cref="TopicTrendGrain"/>, and
/// stream ("posts-ranking", "global"), read by <see cref="TrendingTopicsGrain"/>.
/// </summary>
public sealed class PostRouter(IOptions<TrendsOptions> options) : ILogTopicRouter
{
    private readonly TopicExtractor _extractor = new(options.Value);

    /// <inheritdoc />
    public IReadOnlyCollection<string> Namespaces { get; } = [Post.Topic, TrendingTopicsGrain.RankingNamespace];

    /// <inheritdoc />
    public void Route(object item, string key, ICollection<StreamId> streams)
    {
        ArgumentNullException.ThrowIfNull(streams);
        var post = (Post)item;
        // Queues are read concurrently and share this router: no shared buffers.
        var topics = new List<string>();
        _extractor.Extract(SocialTokenizer.Tokenize(post.Text), topics);
        foreach (var topic in topics)
        {
            streams.Add(StreamId.Create(Post.Topic, topic));
        }

        streams.Add(StreamId.Create(TrendingTopicsGrain.RankingNamespace, ITrendingTopicsGrain.DefaultKey));
    }
}
