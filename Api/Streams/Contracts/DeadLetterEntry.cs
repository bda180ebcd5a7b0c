namespace StreamOrleans.Api.Streams.Contracts;

/// <summary>A record that could not be applied, and why.</summary>
/// <param name="SourceTopic">Topic the record was read from.</param>
/// <param name="Partition">Its partition.</param>
/// <param name="Offset">Its offset.</param>
/// <param name="Key">Its key.</param>
/// <param name="Kind">"Undecodable", "Invalid" or "Failed".</param>
/// <param name="Reason">Why it was dead-lettered.</param>
/// <param name="GrainType">Who refused or failed it: the consuming grain type, or the stream provider's name ("log") when its receiver refused the record before any grain (undecodable, invalid).</param>
/// <param name="GrainKey">The grain key that failed (processing failures only).</param>
/// <param name="Attempts">How many times processing was tried.</param>
/// <param name="FailedAt">When it was dead-lettered.</param>
/// <param name="Value">The original value (UTF-8 text, or base64 when not valid UTF-8).</param>
/// <param name="ValueEncoding">"utf8" or "base64".</param>
public sealed record DeadLetterEntry(
    string SourceTopic,
    int Partition,
    long Offset,
    string Key,
    string Kind,
    string Reason,
    string GrainType,
    string? GrainKey,
    int Attempts,
    DateTimeOffset FailedAt,
    string Value,
    string ValueEncoding);
