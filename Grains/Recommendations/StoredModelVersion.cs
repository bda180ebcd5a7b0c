using StreamOrleans.Grains.Interfaces.Recommendations;

namespace StreamOrleans.Grains.Recommendations;

/// <summary>A kept model version: its description and item factors (part of <see cref="RecommenderModelState"/>).</summary>
public sealed class StoredModelVersion
{
    /// <summary>Version, training figures and evaluation.</summary>
    public required ModelVersionInfo Info { get; set; }

    /// <summary>Product ids in factor-row order.</summary>
    public required string[] ProductIds { get; set; }

    /// <summary>Item factors, products x rank float32 little-endian (stored as bytes: compact and exact).</summary>
    public required byte[] ItemFactors { get; set; }
}
