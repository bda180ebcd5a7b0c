using System.Text.Json.Serialization;

namespace StreamOrleans.Api.Streams.Contracts;

/// <summary>Body of POST /api/streams/{topic}/events: the events to append, in order, as one durable batch.</summary>
/// <param name="Events">The events (at least one, at most Api:MaxEventsPerBatch).</param>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record IngestRequest(IReadOnlyList<IngestEvent?>? Events);
