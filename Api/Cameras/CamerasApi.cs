using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using StreamOrleans.Api.Cameras.Contracts;
using StreamOrleans.Api.Http;
using StreamOrleans.Api.Security;
using StreamOrleans.Grains.Cameras;
using StreamOrleans.Grains.Interfaces.Cameras;

using StreamOrleans.Streaming.Diagnostics;
using StreamOrleans.Streaming.Log;

using StreamOrleans.Grains.Interfaces;

namespace StreamOrleans.Api.Cameras;

/// <summary>Camera frames in (JPEG), latest detections and annotated frames out, per-camera stats.</summary>
public static class CamerasApi
{
    /// <summary>Optional request header: the frame's capture time (ISO 8601).</summary>
    public const string CaptureTimeHeader = "X-Capture-Time";

    /// <summary>Optional request header: the frame's number (non-negative integer).</summary>
    public const string FrameNumberHeader = "X-Frame-Number";

    /// <summary>Maps the routes under /api/cameras; frame ingest requires the API key when one is set.</summary>
    public static IEndpointRouteBuilder MapCameras(this IEndpointRouteBuilder routes)
    {
        var cameras = routes.MapGroup("/api/cameras").WithTags("Cameras");
        cameras.MapGroup("").RequireApiKey()
            .MapPost("/{id}/frames", PostFrameAsync)
            .WithName("PostCameraFrame")
            .WithSummary("Send one camera frame (body image/jpeg) to topic 'frames'")
            .WithDescription("The JPEG is decoded before it is appended: corrupt, truncated, non-JPEG or over Cameras:MaxPixels images get 400, bodies over Cameras:MaxFrameBytes 413. Optional headers X-Capture-Time (ISO 8601) and X-Frame-Number.")
            .Accepts<byte[]>(ImageRequestBody.JpegContentType)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        cameras.MapGet("", ListCamerasAsync)
            .WithName("ListCameras")
            .WithSummary("List cameras with frames, fps, face counts and per-stage milliseconds");
        cameras.MapGet("/{id}/latest", GetLatestAsync)
            .WithName("GetCameraLatest")
            .WithSummary("The latest analysed frame's faces (boxes, names, confidence) and the camera's stats")
            .ProducesProblem(StatusCodes.Status404NotFound);
        cameras.MapGet("/{id}/latest.jpg", GetLatestJpegAsync)
            .WithName("GetCameraLatestJpeg")
            .WithSummary("The latest annotated frame as image/jpeg")
            .Produces(StatusCodes.Status200OK, contentType: ImageRequestBody.JpegContentType)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    internal static async Task<Results<Accepted<FrameAcceptedResponse>, ValidationProblem, ProblemHttpResult>> PostFrameAsync(
        string id, HttpRequest request, IJpegFrameValidator validator, IStreamLog log, TimeProvider time, IOptions<CamerasOptions> options, CancellationToken cancellationToken)
    {
        if (GrainKeys.Validate(id) is { } badId)
        {
            return ApiResults.Invalid("id", badId);
        }

        var errors = new RequestErrors();
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        if (request.Headers.TryGetValue(FrameNumberHeader, out var number))
        {
            if (long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var frameNumber))
            {
                headers[CameraTopics.FrameNumberHeader] = frameNumber.ToString(CultureInfo.InvariantCulture);
            }
            else
            {
                errors.Add(FrameNumberHeader, $"'{number}' is not a non-negative integer.");
            }
        }

        var capturedAt = time.GetUtcNow();
        if (request.Headers.TryGetValue(CaptureTimeHeader, out var captured)
            && !DateTimeOffset.TryParse(captured, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out capturedAt))
        {
            errors.Add(CaptureTimeHeader, $"'{captured}' is not an ISO 8601 time such as 2026-01-31T12:00:00Z.");
        }

        if (!errors.IsEmpty)
        {
            return ApiResults.Invalid(errors);
        }

        headers[CameraTopics.CaptureTimeHeader] = capturedAt.ToString("O", CultureInfo.InvariantCulture);
        var (body, problem) = await ImageRequestBody.ReadAsync(request, options.Value.MaxFrameBytes, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (validator.Validate(body) is { } badImage)
        {
            return ApiResults.Invalid("body", badImage);
        }

        var appended = await log.AppendAsync(CameraTopics.Frames, TraceContextPropagation.Inject(Telemetry.IngestTrace.Current, [new StreamRecord(id, body, headers)]), cancellationToken);
        var result = appended[0];
        return TypedResults.Accepted($"/api/cameras/{Uri.EscapeDataString(id)}/latest", new FrameAcceptedResponse(id, result.Partition, result.Offset));
    }

    internal static async Task<Ok<CamerasResponse>> ListCamerasAsync(IGrainFactory grains)
    {
        var ids = await grains.GetGrain<ICameraDirectoryGrain>(ICameraDirectoryGrain.Key).ListAsync();
        var stats = await Task.WhenAll(ids.Select(id => grains.GetGrain<ICameraGrain>(id).GetStatsAsync()));
        return TypedResults.Ok(new CamerasResponse([.. stats.Select(s => new CameraSummaryResponse(
            s.CameraId, s.Frames, s.Fps, s.Faces, s.Known, s.Unknown, s.LastFrameAt, s.Rejected, Map(s.StageMs), s.Skipped))]));
    }

    internal static async Task<Results<Ok<LatestFrameResponse>, ValidationProblem, ProblemHttpResult>> GetLatestAsync(string id, IGrainFactory grains)
    {
        if (GrainKeys.Validate(id) is { } badId)
        {
            return ApiResults.Invalid("id", badId);
        }

        var camera = grains.GetGrain<ICameraGrain>(id);
        if (await camera.GetLatestAsync() is not { } latest)
        {
            return NoFrameYet(id);
        }

        var stats = await camera.GetStatsAsync();
        return TypedResults.Ok(new LatestFrameResponse(
            latest.CameraId,
            latest.FrameNumber,
            latest.CapturedAt,
            latest.Width,
            latest.Height,
            [.. latest.Faces.Select(f => new FaceResponse(new BoxResponse(f.Box.X, f.Box.Y, f.Box.Width, f.Box.Height), f.Name, f.Confidence, f.Score, f.Distance))],
            new CameraStatsResponse(stats.Frames, stats.Rejected, stats.Fps, stats.Faces, stats.Known, stats.Unknown, stats.LastFrameAt, Map(stats.StageMs), stats.Skipped)));
    }

    internal static async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> GetLatestJpegAsync(string id, IGrainFactory grains)
    {
        if (GrainKeys.Validate(id) is { } badId)
        {
            return ApiResults.Invalid("id", badId);
        }

        return await grains.GetGrain<ICameraGrain>(id).GetLatestJpegAsync() is { } jpeg
            ? TypedResults.File(jpeg, ImageRequestBody.JpegContentType)
            : NoFrameYet(id);
    }

    private static ProblemHttpResult NoFrameYet(string id) => TypedResults.Problem(
        title: "No frame yet",
        detail: $"Camera '{id}' has not analysed a frame yet (since this process started, for the annotated JPEG).",
        statusCode: StatusCodes.Status404NotFound,
        extensions: new Dictionary<string, object?> { ["cameraId"] = id });

    private static StageMsResponse Map(StageMilliseconds s) => new(s.Decode, s.Detect, s.Landmarks, s.Descriptors, s.Identify, s.Annotate, s.Total);
}
