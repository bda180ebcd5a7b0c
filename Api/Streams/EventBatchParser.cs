using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Options;
using StreamOrleans.Api.Configuration;
using StreamOrleans.Api.Http;
using StreamOrleans.Api.Serialization;
using StreamOrleans.Grains;
using StreamOrleans.Grains.Interfaces;
using StreamOrleans.Streaming.Log;
using StreamOrleans.Streaming.Configuration;
using StreamOrleans.Streaming.Provider;
using StreamOrleans.Streaming.Routing;

namespace StreamOrleans.Api.Streams;

/// <summary>
/// Turns an ingest body into stream records, or into every problem found, all or nothing. When the silo's stream
/// provider consumes the topic as JSON events (<see cref="LogStreamOptions.Topics"/>), each value must decode with the
/// provider's own <see cref="LogTopicCodec"/> metadata (so what the API accepts the queue receivers accept), pass the
/// event's <see cref="IValidatableEvent"/> checks and, for a routed topic, route only to streams whose keys are valid
/// grain keys. Raw topics, output topics and topics only named in configuration take any JSON value.
/// </summary>
public sealed class EventBatchParser
{
    private readonly Dictionary<string, LogTopic> _consumed;
    private readonly ConcurrentDictionary<string, Contract> _contracts = new(StringComparer.Ordinal);
    private readonly IServiceProvider _services;
    private readonly IOptions<ApiOptions> _options;

    /// <summary>Reads the topics of the silo's stream provider (<see cref="GrainProviders.Streams"/>).</summary>
    public EventBatchParser(IOptionsMonitor<LogStreamOptions> streams, IServiceProvider services, IOptions<ApiOptions> options)
    {
        ArgumentNullException.ThrowIfNull(streams);
        _consumed = streams.Get(GrainProviders.Streams).Topics
            .Where(t => t.Consumed && !t.IsRaw)
            .ToDictionary(t => t.Name, StringComparer.Ordinal);
        _services = services;
        _options = options;
    }

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

        var max = _options.Value.MaxEventsPerBatch;
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

        var contract = ContractOf(topic);
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
            if (contract is not null)
            {
                Validate(contract, bytes, item.Key, $"{field}.value", errors);
            }

            if (item.Key is not null && errors.IsEmpty)
            {
                records.Add(new StreamRecord(item.Key, bytes, headers));
            }
        }

        return errors.IsEmpty ? records : null;
    }

    private Contract? ContractOf(string topic)
    {
        if (!_consumed.TryGetValue(topic, out var declared))
        {
            return null;
        }

        // Built on first use: a router may need services (options) that are only valid once the host runs.
        return _contracts.GetOrAdd(topic, static (_, state) => new Contract(
            new LogTopicCodec(state.Declared).TypeInfo!,
            state.Declared.Router?.Invoke(state.Services)), (Declared: declared, Services: _services));
    }

    // Decodes and validates the value as the queue receiver will, and checks the stream keys it routes to, so that
    // what the API accepts is not dead-lettered later for a reason known now.
    private static void Validate(Contract contract, byte[] value, string? key, string field, RequestErrors errors)
    {
        var decoded = JsonErrors.TryDeserialize(value, contract.TypeInfo, errors, field);
        if (decoded is null)
        {
            return;
        }

        if (decoded is IValidatableEvent validatable)
        {
            var problems = new EventValidationErrors();
            validatable.Validate(problems);
            foreach (var (name, reasons) in problems.ToDictionary($"{field}."))
            {
                foreach (var reason in reasons)
                {
                    errors.Add(name, reason);
                }
            }

            if (!problems.IsEmpty)
            {
                return;
            }
        }

        if (contract.Router is { } router && key is not null && GrainKeys.Validate(key) is null)
        {
            CheckRoutes(router, decoded, key, field, errors);
        }
    }

    private static void CheckRoutes(ILogTopicRouter router, object decoded, string key, string field, RequestErrors errors)
    {
        var streams = new List<StreamId>();
        try
        {
            router.Route(decoded, key, streams);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            errors.Add(field, $"cannot be routed to its consumers' streams: {e.Message}");
            return;
        }

        foreach (var stream in streams.Distinct())
        {
            var streamKey = stream.GetKeyAsString();
            if (GrainKeys.Validate(streamKey) is { } reason)
            {
                errors.Add(field, $"routes to stream '{stream.GetNamespace()}' key '{streamKey}', which is not a valid grain key: {reason}");
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

    private sealed record Contract(System.Text.Json.Serialization.Metadata.JsonTypeInfo TypeInfo, ILogTopicRouter? Router);
}
