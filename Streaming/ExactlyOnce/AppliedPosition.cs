namespace StreamOrleans.Streaming.ExactlyOnce;

/// <summary>The last applied position of one stream: a record's partition and offset (and event index, 0 for the log).</summary>
/// <param name="Offset">The sequence number (the log offset) of the last applied event.</param>
/// <param name="Index">Its event index within that record (always 0 for the log provider).</param>
/// <param name="Partition">The partition the stream lives in (-1 for other providers' tokens): a partial rewind resets only its states.</param>
[GenerateSerializer, Immutable]
public sealed record AppliedPosition([property: Id(0)] long Offset, [property: Id(1)] int Index = 0, [property: Id(2)] int Partition = -1);
