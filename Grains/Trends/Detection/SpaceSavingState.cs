namespace StreamOrleans.Grains.Trends.Detection;

/// <summary>Persistable state of <see cref="SpaceSavingTopK{TKey}"/>.</summary>
/// <param name="Capacity">Number of counters.</param>
/// <param name="TotalWeight">Sum of all weights added.</param>
/// <param name="Entries">The monitored items.</param>
public sealed record SpaceSavingState<TKey>(int Capacity, double TotalWeight, TopKEntry<TKey>[] Entries);
