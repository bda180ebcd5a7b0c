namespace StreamOrleans.Api.Streams.Contracts;

/// <summary>Where each appended event landed, in input order.</summary>
/// <param name="Results">One entry per event of the request.</param>
public sealed record IngestResponse(IReadOnlyList<AppendedEvent> Results);
