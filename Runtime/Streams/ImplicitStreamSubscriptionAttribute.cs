namespace StreamOrleans.Runtime.Streams;

/// <summary>
/// Declares that a grain class consumes a topic (Orleans' implicit subscription): every record of the topic is
/// decoded as the grain's event type and delivered to the grain(s) its router names, activating them as needed.
/// The grain class implements <see cref="IStreamSubscriber{TEvent}"/>.
/// </summary>
/// <param name="topic">The topic to consume.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class ImplicitStreamSubscriptionAttribute(string topic) : Attribute
{
    /// <summary>The topic to consume.</summary>
    public string Topic { get; } = topic;

    /// <summary>
    /// The event type records decode to; optional when the grain implements exactly one <see cref="IStreamSubscriber{TEvent}"/>.
    /// </summary>
    public Type? EventType { get; set; }

    /// <summary>
    /// An <see cref="IStreamRouter{TEvent}"/> that maps an event to grain keys (fan-out); by default the grain key is the
    /// record key. Created once through dependency injection.
    /// </summary>
    public Type? Router { get; set; }
}
