using Microsoft.Extensions.Options;
using StreamOrleans.Grains.Interfaces.Trends;
using StreamOrleans.Grains.Trends.Text;
using StreamOrleans.Runtime.Streams;

namespace StreamOrleans.Grains.Trends;

/// <summary>Fans a post out to the <see cref="TopicTrendGrain"/> of each of its topics (none: the post reaches no topic grain).</summary>
public sealed class PostTopicRouter(IOptions<TrendsOptions> options) : IStreamRouter<Post>
{
    private readonly TopicExtractor _extractor = new(options.Value);

    /// <inheritdoc />
    public void Route(Post item, string recordKey, ICollection<string> grainKeys)
    {
        ArgumentNullException.ThrowIfNull(item);
        _extractor.Extract(SocialTokenizer.Tokenize(item.Text), grainKeys);
    }
}
