using System.Runtime.InteropServices;
using Microsoft.Extensions.Options;
using StreamOrleans.Api.Configuration;
using StreamOrleans.Api.Http;
using StreamOrleans.Api.Serialization;

using StreamOrleans.Runtime.Serialization;
using StreamOrleans.Runtime.Streams;

using StreamOrleans.Grains.Interfaces;

namespace StreamOrleans.Api.Streams;

/// <summary>
/// Turns an ingest body into stream records, or into every problem found, all or nothing. When the topic has
/// subscriptions, each value must decode as each subscription's event type (with the silo's own serializer, so
/// what the API accepts the partition pumps accept) and pass its <see cref="IValidatableEvent"/> checks.
/// </summary>
public sealed class EventBatchParser(GrainSerializer serializer, StreamSubscriptionRegistry subscriptions, IOptions<ApiOptions> options)
{
    /// <summary>The records to append, or null with <paramref name="errors"/> filled in.</summary>
    public IReadOnlyList<StreamRecord>? Parse(string topic, ReadOnlySpan<byte> body, RequestErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (body.IsEmpty)
        {
            errors.Add(JsonErrors.BodyField, "the request body is empty; expected {\"events\":[{\"key\":...,\"value\":...}]}");
            return null;
        }

        var request = JsonErrors.TryDeserialize(body, ApiJsonContext.Default.IngestRequest, errors);
        if (request is null)
        {
            if (errors.IsEmpty)
            {
                errors.Add(JsonErrors.BodyField, "must be a JSON object, not null");
            }

            return null;
        }

        var max = options.Value.MaxEventsPerBatch;
        switch (request.Events)
        {
            case null:
                errors.Add("events", "is required: an array of {\"key\",\"value\",\"headers\"} objects");
                return null;
            case { Count: 0 }:
                errors.Add("events", "must contain at least one event");
                return null;
            case { Count: var count } when count > max:
                errors.Add("events", $"at most {max} events are accepted per batch (got {count}); split the batch");
                return null;
        }

        var eventTypes = subscriptions.For(topic).Select(s => s.EventType).Distinct().ToList();
        var records = new List<StreamRecord>(request.Events.Count);
        for (var i = 0; i < request.Events.Count; i++)
        {
            var field = $"events[{i}]";
            if (request.Events[i] is not { } item)
            {
                errors.Add(field, "must be an object with \"key\" and \"value\", not null");
                continue;
            }

            if (item.Key is null)
            {
                errors.Add($"{field}.key", "is required");
            }
            else if (GrainKeys.Validate(item.Key) is { } reason)
            {
                errors.Add($"{field}.key", reason);
            }

            var headers = ParseHeaders(item.Headers, field, errors);
            if (item.Value is not { } value || value.ValueKind == System.Text.Json.JsonValueKind.Null)
            {
                errors.Add($"{field}.value", "is required (any JSON value except null)");
                continue;
            }

            var bytes = JsonMarshal.GetRawUtf8Value(value).ToArray();
            foreach (var eventType in eventTypes)
            {
                Validate(topic, bytes, eventType, item.Key, $"{field}.value", errors);
            }

            if (item.Key is not null && errors.IsEmpty)
            {
                records.Add(new StreamRecord(item.Key, bytes, headers));
            }
        }

        return errors.IsEmpty ? records : null;
    }

    // Decodes and validates the value as the partition pump will, and checks the grain keys it routes to, so that
    // what the API accepts is not dead-lettered later for a reason known now.
    private void Validate(string topic, byte[] value, Type eventType, string? key, string field, RequestErrors errors)
    {
        var decoded = JsonErrors.TryDeserialize(value, serializer.GetTypeInfo(eventType), errors, field);
        if (decoded is null)
        {
            return;
        }

        foreach (var subscription in subscriptions.For(topic).Where(s => s.EventType == eventType))
        {
            var problems = subscription.Validate(decoded);
            foreach (var (name, reasons) in problems.ToDictionary($"{field}."))
            {
                foreach (var reason in reasons)
                {
                    errors.Add(name, reason);
                }
            }

            if (problems.IsEmpty && key is not null && GrainKeys.Validate(key) is null)
            {
                CheckRoutes(subscription, decoded, key, field, errors);
            }
        }
    }

    private static void CheckRoutes(StreamSubscription subscription, object decoded, string key, string field, RequestErrors errors)
    {
        var grainKeys = new List<string>();
        try
        {
            subscription.Route(decoded, key, grainKeys);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            errors.Add(field, $"cannot be routed to {subscription.Grain.TypeName} grains: {e.Message}");
            return;
        }

        foreach (var grainKey in grainKeys.Distinct())
        {
            if (GrainKeys.Validate(grainKey) is { } reason)
            {
                errors.Add(field, $"routes to {subscription.Grain.TypeName} key '{grainKey}', which is not a valid grain key: {reason}");
            }
        }
    }

    private static Dictionary<string, string>? ParseHeaders(IReadOnlyDictionary<string, string?>? headers, string field, RequestErrors errors)
    {
        if (headers is null)
        {
            return null;
        }

        var result = new Dictionary<string, string>(headers.Count, StringComparer.Ordinal);
        foreach (var (name, value) in headers)
        {
            if (value is null)
            {
                errors.Add($"{field}.headers.{name}", "must be a string, not null");
            }
            else
            {
                result[name] = value;
            }
        }

        return result;
    }
}
