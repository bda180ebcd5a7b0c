using System.Text.Json;

namespace StreamOrleans.Runtime.Placement;

/// <summary>The result of a remote grain call: the serialized return value (null for Task and for null results).</summary>
public sealed record GrainCallReply(JsonElement? Result);
