using System.Runtime.InteropServices;
using Microsoft.Extensions.Options;
using StreamOrleans.Api.Configuration;
using StreamOrleans.Api.Http;
using StreamOrleans.Api.Serialization;

using StreamOrleans.Runtime.Streams;

using StreamOrleans.Grains.Interfaces;

namespace StreamOrleans.Api.Streams;

/// <summary>
/// Turns an ingest body into stream records, or into every problem found, all or nothing: keys must be valid grain
/// keys, values any JSON value but null.
/// </summary>
/// <remarks>
/// The engine's subscription registry, which let this parser decode and validate values per consuming grain, is
/// retired with the engine; checking values against the stream provider's topics (LogStreamOptions.Topics) replaces it.
/// </remarks>
public sealed class EventBatchParser(IOptions<ApiOptions> options)
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

            if (item.Key is not null && errors.IsEmpty)
            {
                records.Add(new StreamRecord(item.Key, bytes, headers));
            }
        }

        return errors.IsEmpty ? records : null;
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
