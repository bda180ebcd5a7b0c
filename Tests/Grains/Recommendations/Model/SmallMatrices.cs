using StreamOrleans.Grains.Recommendations.Model;

namespace StreamOrleans.Tests.Grains.Recommendations.Model;

/// <summary>Small, fast inputs shared by the model tests.</summary>
internal static class SmallMatrices
{
    /// <summary>A random 40 users x 25 items rating matrix with about 20% density and ratings in 1..7.</summary>
    public static InteractionMatrix Random(int seed = 3, int users = 40, int items = 25, double density = 0.2)
    {
        var random = new Random(seed);
        var builder = new InteractionMatrixBuilder(FeedbackWeights.Default);
        for (var u = 0; u < users; u++)
        {
            for (var i = 0; i < items; i++)
            {
                if (random.NextDouble() < density || i == u % items)
                {
                    builder.Add($"u{u}", $"i{i}", random.Next(1, 8));
                }
            }
        }

        return builder.Build();
    }

    public static PlantedDataset Planted(int users = 1_000, int items = 500, int seed = 7) =>
        PlantedDataGenerator.Generate(new PlantedDataOptions { Users = users, Items = items, Seed = seed });
}
