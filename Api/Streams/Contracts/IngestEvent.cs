using System.Text.Json;
using System.Text.Json.Serialization;

namespace StreamOrleans.Api.Streams.Contracts;

/// <summary>One event to append.</summary>
/// <param name="Key">Partitioning key and default grain key (a valid grain key: 1-512 characters, no control characters).</param>
/// <param name="Value">Any JSON value but null; when the topic has subscribers it must be a valid event of their type.</param>
/// <param name="Headers">Optional string metadata.</param>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record IngestEvent(string? Key, JsonElement? Value, IReadOnlyDictionary<string, string?>? Headers);
