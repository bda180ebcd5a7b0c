namespace StreamOrleans.Streaming.Log;

/// <summary>
/// A record that could not be applied, as written to the dead-letter topic: where it came from, why it failed,
/// and the original bytes, so an operator can inspect it and re-ingest it after a fix.
/// </summary>
/// <param name="SourceTopic">Topic the record was read from.</param>
/// <param name="Partition">Its partition.</param>
/// <param name="Offset">Its offset.</param>
/// <param name="Key">Its key.</param>
/// <param name="Reason">Why it was dead-lettered (decode error with the JSON path, validation errors, or the last exception).</param>
/// <param name="Kind">Undecodable, Invalid or Failed.</param>
/// <param name="GrainType">The subscribing grain type.</param>
/// <param name="GrainKey">The grain key that failed, for processing failures.</param>
/// <param name="Attempts">How many times processing was tried.</param>
/// <param name="FailedAt">When it was dead-lettered.</param>
/// <param name="Value">The original value, as UTF-8 text when it is valid UTF-8, else base64.</param>
/// <param name="ValueEncoding">"utf8" or "base64".</param>
public sealed record DeadLetter(
    string SourceTopic,
    int Partition,
    long Offset,
    string Key,
    string Reason,
    DeadLetterKind Kind,
    string GrainType,
    string? GrainKey,
    int Attempts,
    DateTimeOffset FailedAt,
    string Value,
    string ValueEncoding);
