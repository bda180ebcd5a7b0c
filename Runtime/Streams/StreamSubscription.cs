using StreamOrleans.Runtime.Hosting;

namespace StreamOrleans.Runtime.Streams;

/// <summary>One grain class's implicit subscription to one topic: how records decode, validate, route and deliver.</summary>
public abstract class StreamSubscription
{
    private protected StreamSubscription(string topic, GrainClassInfo grain, Type eventType)
    {
        Topic = topic;
        Grain = grain;
        EventType = eventType;
    }

    /// <summary>The consumed topic.</summary>
    public string Topic { get; }

    /// <summary>The subscribing grain class.</summary>
    public GrainClassInfo Grain { get; }

    /// <summary>The event type records decode to.</summary>
    public Type EventType { get; }

    /// <summary>
    /// True when every record goes to the grain keyed by the record's key (no router). Then a grain's events all come
    /// from the partition of its key, so replicas can split the topic by partition; a routed (fan-out) topic is
    /// consumed whole by one replica.
    /// </summary>
    public abstract bool RoutesByRecordKey { get; }

    /// <summary>Decodes and validates a record value. On failure returns null and the reason.</summary>
    public abstract object? Decode(ReadOnlySpan<byte> value, out DeadLetterKind failureKind, out string? failure);

    /// <summary>Validates a decoded event; the errors are empty when it is valid.</summary>
    public abstract EventValidationErrors Validate(object item);

    /// <summary>Adds the grain keys the event goes to.</summary>
    public abstract void Route(object item, string recordKey, ICollection<string> grainKeys);

    /// <summary>Hands the event to the grain object (inside its turn).</summary>
    public abstract Task DeliverAsync(Grain grain, object item, StreamEventContext context);
}
