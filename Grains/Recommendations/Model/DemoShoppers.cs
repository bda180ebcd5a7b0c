namespace StreamOrleans.Grains.Recommendations.Model;

/// <summary>
/// The shoppers the demo streams (the AppHost's recommendation generator) and the benchmark scores: planted tastes
/// (<see cref="PlantedDataGenerator"/>) replayed in a shuffled order, each event stamped when it is sent.
/// </summary>
public static class DemoShoppers
{
    /// <summary>2,000 users, 500 products, about 40 events each.</summary>
    public static PlantedDataOptions Options { get; } = new() { Users = 2_000, Items = 500, MeanInteractionsPerUser = 40, Seed = 2026 };

    /// <summary>One pass of the demo stream: the planted events shuffled by <paramref name="seed"/>, stamped from <paramref name="start"/> at <paramref name="eventsPerSecond"/>.</summary>
    public static Interaction[] Stream(DateTimeOffset start, int eventsPerSecond, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(eventsPerSecond, 1);
        var events = PlantedDataGenerator.Generate(Options).Interactions.ToArray();
        new Random(seed).Shuffle(events);
        for (var i = 0; i < events.Length; i++)
        {
            events[i] = events[i] with { Timestamp = start + TimeSpan.FromTicks(i * TimeSpan.TicksPerSecond / eventsPerSecond) };
        }

        return events;
    }
}
