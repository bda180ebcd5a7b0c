namespace StreamOrleans.Grains.Trends.Detection;

/// <summary>One monitored item of a <see cref="SpaceSavingTopK{TKey}"/>: its true weight lies in [Count - Error, Count].</summary>
/// <param name="Key">The item.</param>
/// <param name="Count">Estimated weight (an over-estimate by at most <paramref name="Error"/>).</param>
/// <param name="Error">Maximum over-estimation.</param>
public readonly record struct TopKEntry<TKey>(TKey Key, double Count, double Error)
{
    /// <summary>Guaranteed lower bound of the true weight.</summary>
    public double GuaranteedCount => Count - Error;
}
