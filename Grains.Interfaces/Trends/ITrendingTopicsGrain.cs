using Orleans;

namespace StreamOrleans.Grains.Interfaces.Trends;

/// <summary>The global ranking of topics (one grain, key <see cref="DefaultKey"/>): sees every post's topics.</summary>
public interface ITrendingTopicsGrain : IGrainWithStringKey
{
    /// <summary>The key of the one ranking grain.</summary>
    const string DefaultKey = "global";

    /// <summary>Up to <paramref name="limit"/> topics with the most recent (time-decayed) posts, best first.</summary>
    [Orleans.ResponseTimeout(QueryTimeout.Value)]
    Task<IReadOnlyList<string>> GetCandidatesAsync(int limit);

    /// <summary>All posts seen, and the number of distinct topics the top-K monitors.</summary>
    [Orleans.ResponseTimeout(QueryTimeout.Value)]
    Task<TrendingTotals> GetTotalsAsync();
}
