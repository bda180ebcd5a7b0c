namespace StreamOrleans.Grains.Recommendations.Model;

/// <summary>Synthetic events and the truth they were drawn from.</summary>
/// <param name="Interactions">Events in timestamp order.</param>
/// <param name="UserClusters">Each user's taste clusters.</param>
/// <param name="ItemClusters">Each product's cluster.</param>
public sealed record PlantedDataset(
    IReadOnlyList<Interaction> Interactions,
    IReadOnlyDictionary<string, IReadOnlyList<int>> UserClusters,
    IReadOnlyDictionary<string, int> ItemClusters);
