namespace StreamOrleans.Persistence.Stores;

/// <summary>The key of a stored grain state row: the grain's type name and its key (Orleans' grain id, as strings).</summary>
/// <param name="Type">Stable grain type name, e.g. "user"; part of every row's key, so never rename lightly.</param>
/// <param name="Key">The grain's key.</param>
public readonly record struct GrainStateKey(string Type, string Key)
{
    /// <inheritdoc />
    public override string ToString() => $"{Type}/{Key}";
}
