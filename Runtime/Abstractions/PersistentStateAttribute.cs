namespace StreamOrleans.Runtime;

/// <summary>Names a constructor-injected <see cref="IPersistentState{TState}"/> and, optionally, its storage provider.</summary>
/// <param name="stateName">Name of the state within the grain (a grain may have several).</param>
/// <param name="storageName">Storage provider name; null for the default provider.</param>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class PersistentStateAttribute(string stateName, string? storageName = null) : Attribute
{
    /// <summary>Name of the state within the grain.</summary>
    public string StateName { get; } = stateName;

    /// <summary>Storage provider name; null for the default.</summary>
    public string? StorageName { get; } = storageName;
}
