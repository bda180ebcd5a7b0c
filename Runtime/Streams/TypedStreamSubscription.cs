using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using StreamOrleans.Runtime.Hosting;

namespace StreamOrleans.Runtime.Streams;

/// <summary>A subscription whose records decode to <typeparamref name="TEvent"/>.</summary>
internal sealed class TypedStreamSubscription<TEvent>(string topic, GrainClassInfo grain, JsonTypeInfo<TEvent> typeInfo, IStreamRouter<TEvent>? router)
    : StreamSubscription(topic, grain, typeof(TEvent))
{
    public override object? Decode(ReadOnlySpan<byte> value, out DeadLetterKind failureKind, out string? failure)
    {
        failureKind = DeadLetterKind.Undecodable;
        TEvent? item;
        try
        {
            item = JsonSerializer.Deserialize(value, typeInfo);
        }
        catch (JsonException e)
        {
            failure = $"not a valid {typeof(TEvent).Name}: {e.Message}";
            return null;
        }

        if (item is null)
        {
            failure = $"not a valid {typeof(TEvent).Name}: the value is null";
            return null;
        }

        var errors = Validate(item);
        if (!errors.IsEmpty)
        {
            failureKind = DeadLetterKind.Invalid;
            failure = $"invalid {typeof(TEvent).Name}: {errors}";
            return null;
        }

        failure = null;
        return item;
    }

    public override EventValidationErrors Validate(object item)
    {
        var errors = new EventValidationErrors();
        if (item is IValidatableEvent validatable)
        {
            validatable.Validate(errors);
        }

        return errors;
    }

    public override bool RoutesByRecordKey => router is null;

    public override void Route(object item, string recordKey, ICollection<string> grainKeys)
    {
        if (router is null)
        {
            grainKeys.Add(recordKey);
        }
        else
        {
            router.Route((TEvent)item, recordKey, grainKeys);
        }
    }

    public override Task DeliverAsync(Grain grain, object item, StreamEventContext context) =>
        ((IStreamSubscriber<TEvent>)grain).OnNextAsync((TEvent)item, context);
}
