namespace StreamOrleans.Runtime.Streams;

/// <summary>Implemented by grains that consume a topic through <see cref="ImplicitStreamSubscriptionAttribute"/>.</summary>
/// <typeparam name="TEvent">The decoded record type (registered with a source-generated JSON context).</typeparam>
#pragma warning disable CA1711 // "Subscriber" reads right here
public interface IStreamSubscriber<in TEvent>
#pragma warning restore CA1711
{
    /// <summary>
    /// Applies one event, inside the grain's turn, in offset order per source partition. Events this grain already
    /// applied (before a crash or rewind) are not delivered again. Throwing retries the event with backoff, and after
    /// the configured attempts sends it to the dead-letter topic. A retry sees the state as the failed attempt left it:
    /// a handler that changes state and then fails (e.g. publishing an output) must not apply the change twice
    /// (compare <see cref="StreamEventContext.Offset"/> with the last one it applied).
    /// </summary>
    Task OnNextAsync(TEvent item, StreamEventContext context);
}
