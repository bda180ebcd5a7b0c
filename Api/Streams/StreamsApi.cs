using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using StreamOrleans.Api.Configuration;
using StreamOrleans.Api.Http;
using StreamOrleans.Api.Security;
using StreamOrleans.Api.Serialization;
using StreamOrleans.Api.Streams.Contracts;
using StreamOrleans.Streaming.Log;
using StreamOrleans.Streaming.DeadLetters;
using StreamOrleans.Streaming.Rewind;

namespace StreamOrleans.Api.Streams;

/// <summary>Stream endpoints: ingest, topic progress, consumer-group rewind, dead letters.</summary>
public static class StreamsApi
{
    /// <summary>Maps the routes under /api/streams. Ingest and admin routes require the API key when one is set.</summary>
    public static IEndpointRouteBuilder MapStreams(this IEndpointRouteBuilder routes)
    {
        var streams = routes.MapGroup("/api/streams").WithTags("Streams");

        // Literal segments win over {topic}, so "dead-letters" is matched before a topic of that name.
        var admin = streams.MapGroup("").RequireApiKey();
        admin.MapPost("/{topic}/events", AppendEventsAsync)
            .WithName("AppendEvents")
            .WithSummary("Append a batch of JSON events to a topic")
            .WithDescription("All or nothing: every event is validated (and, when the topic has subscribers, decoded as their event type) before one durable append. Returns each event's partition and offset in input order.")
            .Accepts<IngestRequest>("application/json")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        admin.MapPost("/{topic}/consumers/{group}/seek", SeekAsync)
            .WithName("SeekConsumerGroup")
            .WithSummary("Rewind or fast-forward a consumer group")
            .WithDescription("Moves the group's committed offsets to the earliest or latest record, an offset or a time; with resetState the grains consuming the topic are rebuilt from the log.")
            .Accepts<SeekRequest>("application/json")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        admin.MapGet("/dead-letters", GetDeadLettersAsync)
            .WithName("GetDeadLetters")
            .WithSummary("List recent dead letters, newest first, with reasons")
            .WithDescription("Query 'limit': how many (1..Api:MaxDeadLetters, default 50).");

        streams.MapGet("/{topic}", GetTopicAsync)
            .WithName("GetTopic")
            .WithSummary("Describe a topic: partitions, end offsets, and each consumer group's lag")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    internal static async Task<Results<Ok<IngestResponse>, ValidationProblem, ProblemHttpResult>> AppendEventsAsync(
        string topic, HttpRequest request, IStreamLog log, EventBatchParser parser, LogDeadLetters deadLetters, IOptions<ApiOptions> options, CancellationToken cancellationToken)
    {
        if (TopicName.Validate(topic) is { } badTopic)
        {
            return ApiResults.Invalid("topic", badTopic);
        }

        // Only the stream provider writes dead letters; anything else there would be listed as one.
        if (topic == deadLetters.Topic)
        {
            return ApiResults.Invalid("topic", $"'{topic}' is the dead-letter topic, written by the stream provider only; list it with GET /api/streams/dead-letters.");
        }

        var maxBytes = options.Value.MaxRequestBodyBytes;
        if (JsonRequestBody.CheckHeaders(request, maxBytes) is { } headerProblem)
        {
            return headerProblem;
        }

        if (await log.GetTopicAsync(topic, cancellationToken) is null)
        {
            return ApiResults.UnknownTopic(topic);
        }

        var (body, bodyProblem) = await JsonRequestBody.ReadAsync(request, maxBytes, cancellationToken);
        if (bodyProblem is not null)
        {
            return bodyProblem;
        }

        var errors = new RequestErrors();
        if (parser.Parse(topic, body.Span, errors) is not { } records)
        {
            return ApiResults.Invalid(errors);
        }

        try
        {
            var results = await log.AppendAsync(topic, Streaming.Diagnostics.TraceContextPropagation.Inject(Telemetry.IngestTrace.Current, records), cancellationToken);
            Streaming.Diagnostics.StreamInstruments.RecordEventsIn(topic, results.Count);
            return TypedResults.Ok(new IngestResponse([.. results.Select(r => new AppendedEvent(r.Partition, r.Offset))]));
        }
        catch (UnknownTopicException)
        {
            return ApiResults.UnknownTopic(topic);
        }
    }

    internal static async Task<Results<Ok<TopicResponse>, ValidationProblem, ProblemHttpResult>> GetTopicAsync(string topic, IStreamLog log, CancellationToken cancellationToken)
    {
        if (TopicName.Validate(topic) is { } badTopic)
        {
            return ApiResults.Invalid("topic", badTopic);
        }

        if (await log.GetTopicAsync(topic, cancellationToken) is not { } info)
        {
            return ApiResults.UnknownTopic(topic);
        }

        var offsets = (await log.GetOffsetsAsync(topic, cancellationToken)).OrderBy(o => o.Partition).ToList();
        var groups = new List<ConsumerGroupLag>();
        foreach (var group in await log.ListConsumerGroupsAsync(topic, cancellationToken))
        {
            var committed = await log.GetCommittedOffsetsAsync(group, topic, cancellationToken);
            var partitions = offsets.Select(o => Lag(o, committed.TryGetValue(o.Partition, out var c) ? c : null)).ToList();
            groups.Add(new ConsumerGroupLag(group, partitions.Sum(p => p.Lag), partitions));
        }

        return TypedResults.Ok(new TopicResponse(
            info.Name,
            info.CreatedAt,
            [.. offsets.Select(o => new PartitionRange(o.Partition, o.StartOffset, o.EndOffset))],
            groups));
    }

    internal static async Task<Results<Ok<SeekResponse>, ValidationProblem, ProblemHttpResult>> SeekAsync(
        string topic, string group, HttpRequest request, IStreamLog log, LogStreamRewinder rewinder, IOptions<ApiOptions> options, CancellationToken cancellationToken)
    {
        var errors = new RequestErrors();
        if (TopicName.Validate(topic) is { } badTopic)
        {
            errors.Add("topic", badTopic);
        }

        if (ConsumerGroupName.Validate(group) is { } badGroup)
        {
            errors.Add("group", badGroup);
        }

        if (!errors.IsEmpty)
        {
            return ApiResults.Invalid(errors);
        }

        var maxBytes = options.Value.MaxRequestBodyBytes;
        if (JsonRequestBody.CheckHeaders(request, maxBytes) is { } headerProblem)
        {
            return headerProblem;
        }

        if (await log.GetTopicAsync(topic, cancellationToken) is not { } info)
        {
            return ApiResults.UnknownTopic(topic);
        }

        var (body, bodyProblem) = await JsonRequestBody.ReadAsync(request, maxBytes, cancellationToken);
        if (bodyProblem is not null)
        {
            return bodyProblem;
        }

        if (body.IsEmpty)
        {
            return ApiResults.Invalid(JsonErrors.BodyField, "the request body is empty; expected e.g. {\"to\":\"earliest\"}, {\"offset\":42} or {\"timestamp\":\"2026-01-31T12:00:00Z\"}");
        }

        var seek = JsonErrors.TryDeserialize(body.Span, ApiJsonContext.Default.SeekRequest, errors);
        if (seek is null)
        {
            if (errors.IsEmpty)
            {
                errors.Add(JsonErrors.BodyField, "must be a JSON object, not null");
            }

            return ApiResults.Invalid(errors);
        }

        if (SeekRequestValidator.Validate(seek, info, group, rewinder.ConsumerGroup, errors) is not { } position)
        {
            return ApiResults.Invalid(errors);
        }

        try
        {
            var resetState = seek.ResetState == true;
            var result = await rewinder.RewindGroupAsync(topic, group, position, seek.Partition, resetState, cancellationToken);
            return TypedResults.Ok(new SeekResponse(topic, group, resetState, [.. result.Offsets.OrderBy(o => o.Key).Select(o => new PartitionOffset(o.Key, o.Value))]));
        }
        catch (UnknownTopicException)
        {
            return ApiResults.UnknownTopic(topic);
        }
        catch (ArgumentException e)
        {
            // A topic the silos do not consume, with their group.
            return ApiResults.Invalid("topic", e.Message);
        }
    }

    internal static async Task<Results<Ok<DeadLettersResponse>, ValidationProblem>> GetDeadLettersAsync(
        string? limit, LogDeadLetters deadLetters, IOptions<ApiOptions> options, CancellationToken cancellationToken)
    {
        var max = options.Value.MaxDeadLetters;
        var errors = new RequestErrors();
        var count = QueryValues.ParseInt(limit, "limit", 50, 1, max, errors);
        if (!errors.IsEmpty)
        {
            return ApiResults.Invalid(errors);
        }

        var letters = await deadLetters.ReadRecentAsync(Math.Min(count, max), cancellationToken);
        return TypedResults.Ok(new DeadLettersResponse([.. letters.Select(l => new DeadLetterEntry(
            l.SourceTopic, l.Partition, l.Offset, l.Key, l.Kind.ToString(), l.Reason, l.GrainType, l.GrainKey, l.Attempts, l.FailedAt, l.Value, l.ValueEncoding))]));
    }

    private static PartitionLag Lag(PartitionOffsets range, long? committed)
    {
        // A group that never committed a partition reads it from the start; records already removed by retention are not lag.
        var next = Math.Max(committed ?? range.StartOffset, range.StartOffset);
        return new PartitionLag(range.Partition, committed, Math.Max(0, range.EndOffset - next));
    }
}
