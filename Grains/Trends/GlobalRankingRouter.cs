using StreamOrleans.Grains.Interfaces.Trends;
using StreamOrleans.Runtime.Streams;

namespace StreamOrleans.Grains.Trends;

/// <summary>Sends every post to the one <see cref="TrendingTopicsGrain"/>.</summary>
public sealed class GlobalRankingRouter : IStreamRouter<Post>
{
    /// <inheritdoc />
    public void Route(Post item, string recordKey, ICollection<string> grainKeys)
    {
        ArgumentNullException.ThrowIfNull(grainKeys);
        grainKeys.Add(ITrendingTopicsGrain.DefaultKey);
    }
}
