namespace StreamOrleans.Grains.Trends.Detection;

/// <summary>Persistable state of <see cref="TrendingTopicRanking"/>.</summary>
/// <param name="HalfLifeTicks">Half-life of a post's weight, in ticks.</param>
/// <param name="LandmarkUtcTicks">Forward-decay landmark (UTC ticks), or null before the first post.</param>
/// <param name="Recent">Space-Saving summary of forward-decayed weights relative to the landmark.</param>
/// <param name="Totals">Count-Min sketch of all-time counts.</param>
public sealed record TrendingTopicRankingState(
    long HalfLifeTicks, long? LandmarkUtcTicks, SpaceSavingState<string> Recent, CountMinSketchState Totals);
