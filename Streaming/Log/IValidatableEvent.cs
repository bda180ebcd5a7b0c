namespace StreamOrleans.Streaming.Log;

/// <summary>
/// An event type that checks its own values beyond what JSON decoding checks (ranges, allowed values, lengths).
/// The API rejects invalid events with a ProblemDetails; the stream sends them to the dead-letter topic.
/// </summary>
public interface IValidatableEvent
{
    /// <summary>Adds one entry per problem, naming the field (camelCase JSON name) and the reason.</summary>
    void Validate(EventValidationErrors errors);
}
