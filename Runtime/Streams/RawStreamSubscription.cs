using StreamOrleans.Runtime.Hosting;

namespace StreamOrleans.Runtime.Streams;

/// <summary>
/// A subscription whose event type is <see cref="RawEvent"/>: no JSON decoding, every value is accepted as bytes.
/// Content checks belong to the grain, which can dead-letter what it cannot use.
/// </summary>
internal sealed class RawStreamSubscription(string topic, GrainClassInfo grain, IStreamRouter<RawEvent>? router)
    : StreamSubscription(topic, grain, typeof(RawEvent))
{
    public override object? Decode(ReadOnlySpan<byte> value, out DeadLetterKind failureKind, out string? failure)
    {
        failureKind = DeadLetterKind.Undecodable;
        failure = null;
        return new RawEvent(value.ToArray());
    }

    public override EventValidationErrors Validate(object item) => new();

    public override bool RoutesByRecordKey => router is null;

    public override void Route(object item, string recordKey, ICollection<string> grainKeys)
    {
        if (router is null)
        {
            grainKeys.Add(recordKey);
        }
        else
        {
            router.Route((RawEvent)item, recordKey, grainKeys);
        }
    }

    public override Task DeliverAsync(Grain grain, object item, StreamEventContext context) =>
        ((IStreamSubscriber<RawEvent>)grain).OnNextAsync((RawEvent)item, context);
}
