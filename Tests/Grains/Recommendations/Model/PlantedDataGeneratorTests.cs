using StreamOrleans.Grains.Recommendations.Model;

namespace StreamOrleans.Tests.Grains.Recommendations.Model;

public class PlantedDataGeneratorTests
{
    [Fact]
    public void The_same_seed_gives_the_same_events_and_another_seed_different_ones()
    {
        var options = new PlantedDataOptions { Users = 100, Items = 50 };
        var first = PlantedDataGenerator.Generate(options).Interactions;
        Assert.Equal(first, PlantedDataGenerator.Generate(options).Interactions);
        Assert.NotEqual(first, PlantedDataGenerator.Generate(options with { Seed = 8 }).Interactions);
    }

    [Fact]
    public void Events_follow_the_planted_structure()
    {
        var options = new PlantedDataOptions { Users = 500, Items = 400 };
        var data = PlantedDataGenerator.Generate(options);
        var events = data.Interactions;

        Assert.InRange(events.Count, 500 * 15, 500 * 46);
        Assert.True(events.Zip(events.Skip(1)).All(p => p.First.Timestamp <= p.Second.Timestamp), "timestamp order");
        Assert.All(events, e => Assert.InRange(e.Timestamp, options.Start, options.Start + options.Span));

        // Zipf popularity: the top 10% of products draw far more than 10% of events.
        var top = events.GroupBy(e => e.ItemId).Select(g => g.Count()).OrderDescending().Take(40).Sum();
        Assert.True(top > 0.3 * events.Count, $"top 10% of products had only {top} of {events.Count} events");

        // Cluster affinity 0.8 plus popularity's share of in-cluster products: most events hit the user's clusters.
        var inCluster = events.Count(e => data.UserClusters[e.UserId].Contains(data.ItemClusters[e.ItemId]));
        Assert.InRange(inCluster / (double)events.Count, 0.8, 0.95);

        // Kind mix: 10% purchases, 60% clicks, 30% views.
        Assert.InRange(events.Count(e => e.Kind == InteractionKind.Purchase) / (double)events.Count, 0.08, 0.12);
        Assert.InRange(events.Count(e => e.Kind == InteractionKind.Click) / (double)events.Count, 0.57, 0.63);
    }

    [Fact]
    public void Impossible_shares_are_rejected() =>
        Assert.Throws<ArgumentException>(() => PlantedDataGenerator.Generate(new PlantedDataOptions { PurchaseShare = 0.5, ClickShare = 0.6 }));
}
