namespace StreamOrleans.Runtime.Hosting;

/// <summary>A persistent state a grain class asks for in its constructor.</summary>
/// <param name="StateType">The TState of IPersistentState{TState}.</param>
/// <param name="StateName">Name within the grain (from [PersistentState] or the parameter name).</param>
/// <param name="StorageName">Storage provider name, or null for the default provider.</param>
public sealed record PersistentStateInfo(Type StateType, string StateName, string? StorageName);
