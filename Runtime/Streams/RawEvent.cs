namespace StreamOrleans.Runtime.Streams;

/// <summary>
/// The event type of a subscription that takes record values as they are (images, audio, any non-JSON payload):
/// the bytes are passed through untouched; headers arrive in <see cref="StreamEventContext.Headers"/>.
/// </summary>
/// <param name="Value">The record's value, copied out of the log's buffer.</param>
public sealed record RawEvent(ReadOnlyMemory<byte> Value);
