using System.Text.Json.Serialization;

namespace StreamOrleans.Api.Streams.Contracts;

/// <summary>Body of POST /api/streams/{topic}/consumers/{group}/seek: exactly one of To, Offset or Timestamp.</summary>
/// <param name="To">"earliest" or "latest".</param>
/// <param name="Offset">An absolute offset (clamped to the retained range); needs no reset.</param>
/// <param name="Timestamp">An ISO-8601 time: the first record appended at or after it.</param>
/// <param name="Partition">Only this partition (default: all).</param>
/// <param name="ResetState">
/// For the silo's own consumer group: delete the state of the grains consuming the topic and rebuild it from the
/// log (needs "to" or "timestamp" and all partitions).
/// </param>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record SeekRequest(string? To, long? Offset, DateTimeOffset? Timestamp, int? Partition, bool? ResetState);
