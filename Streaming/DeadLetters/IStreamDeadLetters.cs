using Orleans.Streams;

namespace StreamOrleans.Streaming.DeadLetters;

/// <summary>Where a consumer sends an event it cannot apply: the dead-letter topic, with the reason and the original record.</summary>
public interface IStreamDeadLetters
{
    /// <summary>
    /// Durably writes a dead letter for the event at <paramref name="token"/> (the original record is read back from the
    /// log when the token is a log position; otherwise <paramref name="item"/> is stored as JSON).
    /// </summary>
    Task PublishAsync(StreamSequenceToken? token, object? item, GrainId consumer, string reason, int attempts, CancellationToken cancellationToken = default);

    /// <summary>
    /// Durably writes a dead letter of kind Invalid for the event at <paramref name="token"/>: its content is bad (a
    /// consumer of a raw topic checks the content itself, as the provider does for JSON topics), the consumer did not fail.
    /// </summary>
    Task PublishInvalidAsync(StreamSequenceToken? token, object? item, GrainId consumer, string reason, CancellationToken cancellationToken = default);
}
