namespace StreamOrleans.Grains.Interfaces.Recommendations;

/// <summary>
/// The serving model version's factors, as replicas that do not host the model grain load it (they serve the same
/// model without training their own).
/// </summary>
/// <param name="Info">Version, training figures and evaluation.</param>
/// <param name="ProductIds">Product ids in factor-row order.</param>
/// <param name="ItemFactors">Item factors, products x rank float32 little-endian.</param>
[Orleans.GenerateSerializer, Orleans.Immutable]
public sealed record ServingModelData([property: Orleans.Id(0)] ModelVersionInfo Info, [property: Orleans.Id(1)] IReadOnlyList<string> ProductIds, [property: Orleans.Id(2)] byte[] ItemFactors);
