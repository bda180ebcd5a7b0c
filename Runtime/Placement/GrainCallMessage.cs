using System.Text.Json;

namespace StreamOrleans.Runtime.Placement;

/// <summary>A grain call sent to the replica that hosts the grain (POST /internal/grain-calls).</summary>
/// <param name="GrainType">Grain class name.</param>
/// <param name="Key">Grain key.</param>
/// <param name="Interface">Full name of the grain interface that declares the method.</param>
/// <param name="Method">Method name (grain interfaces do not overload by type; the argument count picks the method).</param>
/// <param name="Arguments">The arguments serialized with the grain serializer.</param>
public sealed record GrainCallMessage(string GrainType, string Key, string Interface, string Method, IReadOnlyList<JsonElement> Arguments);
