using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Options;
using StreamOrleans.Grains.Cameras.Drawing;
using StreamOrleans.Grains.Cameras.Identification;
using StreamOrleans.Grains.Cameras.Imaging;
using StreamOrleans.Grains.Interfaces.Cameras;
using StreamOrleans.Runtime;
using StreamOrleans.Runtime.Streams;

namespace StreamOrleans.Grains.Cameras;

/// <summary>
/// One camera: each JPEG frame of topic "frames" is decoded, its faces detected, aligned, embedded and named against
/// the gallery (a versioned identifier held by the process, not a call per frame), drawn on the frame and published
/// to "frames-annotated". Bad images are dead-lettered with the reason and counted; they never fail the partition.
/// The annotated output is at least once: a frame replayed after a crash is published again.
/// </summary>
[ImplicitStreamSubscription(CameraTopics.Frames)]
public sealed class CameraGrain(
    [PersistentState("camera")] IPersistentState<CameraState> state,
    FaceAnalyzerProvider analyzer,
    GalleryIdentifierCache identifiers,
    StreamProducer producer,
    DeadLetterPublisher deadLetters,
    IOptions<CamerasOptions> options) : Grain, ICameraGrain, IStreamSubscriber<RawEvent>
{
    private const int FpsWindow = 30;
    private const double Smoothing = 0.2;

    private readonly Queue<long> _recentFrames = new();
    private byte[]? _latestJpeg;
    private bool _registered;

    public async Task OnNextAsync(RawEvent item, StreamEventContext context)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(context);
        var cameraId = GetPrimaryKeyString();
        if (!_registered)
        {
            await GrainFactory.GetGrain<ICameraDirectoryGrain>(ICameraDirectoryGrain.Key).RegisterAsync(cameraId);
            _registered = true;
        }

        // Load shedding: a frame that waited longer than MaxFrameLag (a backlog, a replay after a crash) is counted and
        // skipped, so a camera catches up with the present instead of analysing the past, and queries are not stuck
        // behind a queue of frames.
        var lag = options.Value.MaxFrameLag;
        if (lag > TimeSpan.Zero && TimeProvider.GetUtcNow() - context.Timestamp > lag)
        {
            state.State.Skipped++;
            return;
        }

        using var frameSpan = CamerasTelemetry.ActivitySource.StartActivity("camera.frame");
        frameSpan?.SetTag("camera.id", cameraId);
        frameSpan?.SetTag("stream.offset", context.Offset);
        var tags = new TagList { { "camera", cameraId } };

        FrameAnalysis frame;
        using (var analyzeSpan = CamerasTelemetry.ActivitySource.StartActivity("camera.analyze"))
        {
            try
            {
                frame = analyzer.Analyzer.Analyze(item.Value.Span);
            }
            catch (InvalidImageException e)
            {
                analyzeSpan?.SetStatus(ActivityStatusCode.Error, e.Message);
                state.State.Rejected++;
                CamerasTelemetry.RejectedFrames.Add(1, tags);
                var record = new LogRecord(context.Topic, context.Partition, context.Offset, context.Timestamp, context.RecordKey, item.Value, context.Headers);
                await deadLetters.PublishAsync(record, DeadLetterKind.Invalid, $"bad image: {e.Message}", nameof(CameraGrain), cameraId, 1);
                return;
            }

            analyzeSpan?.SetTag("faces", frame.Faces.Count);
            if (analyzeSpan is not null)
            {
                RecordStageSpans(analyzeSpan.StartTimeUtc, frame.Timings);
            }
        }

        var start = Stopwatch.GetTimestamp();
        List<CameraDetection> faces;
        using (CamerasTelemetry.ActivitySource.StartActivity("camera.identify"))
        {
            var identifier = identifiers.Current ?? identifiers.Publish(await GrainFactory.GetGrain<IFaceGalleryGrain>(IFaceGalleryGrain.Key).GetSnapshotAsync());
            faces = [.. frame.Faces.Select(face =>
            {
                var who = identifier.Identify(face.Descriptor);
                var box = face.Detection.Box;
                return new CameraDetection(new FaceRectangle(box.X, box.Y, box.Width, box.Height), face.Detection.Score, who.Name, who.Confidence, who.Distance);
            })];
        }

        var identifyMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        start = Stopwatch.GetTimestamp();
        byte[] jpeg;
        using (CamerasTelemetry.ActivitySource.StartActivity("camera.annotate"))
        {
            FrameAnnotator.Annotate(frame.Image, faces);
            jpeg = JpegCodec.Encode(frame.Image, options.Value.AnnotatedQuality);
        }

        var annotateMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        var frameNumber = ReadFrameNumber(context) ?? state.State.Frames + 1;
        var capturedAt = ReadCaptureTime(context) ?? context.Timestamp;
        using (CamerasTelemetry.ActivitySource.StartActivity("camera.publish"))
        {
            var headers = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [CameraTopics.FrameNumberHeader] = frameNumber.ToString(CultureInfo.InvariantCulture),
                [CameraTopics.CaptureTimeHeader] = capturedAt.ToString("O", CultureInfo.InvariantCulture),
                [CameraTopics.SourceOffsetHeader] = context.Offset.ToString(CultureInfo.InvariantCulture),
            };
            await producer.PublishRawAsync(CameraTopics.AnnotatedFrames, cameraId, jpeg, headers);
        }

        Record(cameraId, frame, faces, identifyMs, annotateMs, tags);
        _latestJpeg = jpeg;
        state.State.Latest = new CameraFrameResult(cameraId, frameNumber, capturedAt, frame.Image.Width, frame.Image.Height, faces);
    }

    public Task<CameraStats> GetStatsAsync()
    {
        var s = state.State;
        return Task.FromResult(new CameraStats(GetPrimaryKeyString(), s.Frames, s.Rejected, Fps(), s.Faces, s.Known, s.Unknown, s.LastFrameAt, s.StageMs, s.Skipped));
    }

    public Task<CameraFrameResult?> GetLatestAsync() => Task.FromResult(state.State.Latest);

    public Task<byte[]?> GetLatestJpegAsync() => Task.FromResult(_latestJpeg);

    private void Record(string cameraId, FrameAnalysis frame, List<CameraDetection> faces, double identifyMs, double annotateMs, TagList tags)
    {
        var s = state.State;
        var known = faces.Count(f => f.Name != CameraDetection.Unknown);
        s.Frames++;
        s.Faces += faces.Count;
        s.Known += known;
        s.Unknown += faces.Count - known;
        s.LastFrameAt = TimeProvider.GetUtcNow();
        var t = frame.Timings;
        var sample = new StageMilliseconds(t.DecodeMs, t.DetectMs, t.LandmarksMs, t.DescriptorsMs, identifyMs, annotateMs, t.TotalMs + identifyMs + annotateMs);
        s.StageMs = s.Frames == 1 ? sample : Blend(s.StageMs, sample);

        _recentFrames.Enqueue(TimeProvider.GetTimestamp());
        while (_recentFrames.Count > FpsWindow)
        {
            _recentFrames.Dequeue();
        }

        CamerasTelemetry.ReportFps(cameraId, Fps());
        CamerasTelemetry.Frames.Add(1, tags);
        CamerasTelemetry.Faces.Add(known, new TagList { { "camera", cameraId }, { "known", true } });
        CamerasTelemetry.Faces.Add(faces.Count - known, new TagList { { "camera", cameraId }, { "known", false } });
        foreach (var (stage, ms) in new[] { ("decode", t.DecodeMs), ("detect", t.DetectMs), ("landmarks", t.LandmarksMs), ("descriptors", t.DescriptorsMs), ("identify", identifyMs), ("annotate", annotateMs) })
        {
            CamerasTelemetry.StageDuration.Record(ms, new TagList { { "stage", stage } });
        }
    }

    /// <summary>
    /// Child spans per model stage, reconstructed from the analyzer's timings laid end to end from the analyze span's
    /// start (landmarks and descriptors alternate per face inside the analyzer; their spans show the per-frame sums).
    /// </summary>
    private static void RecordStageSpans(DateTime start, StageTimings timings)
    {
        foreach (var (name, ms) in new[] { ("camera.decode", timings.DecodeMs), ("camera.detect", timings.DetectMs), ("camera.landmarks", timings.LandmarksMs), ("camera.descriptors", timings.DescriptorsMs) })
        {
            using var span = CamerasTelemetry.ActivitySource.StartActivity(name, ActivityKind.Internal, default(ActivityContext), startTime: start);
            start = start.AddTicks((long)(ms * TimeSpan.TicksPerMillisecond));
            span?.SetEndTime(start);
        }
    }

    private double Fps()
    {
        if (_recentFrames.Count < 2)
        {
            return 0;
        }

        var seconds = TimeProvider.GetElapsedTime(_recentFrames.Peek(), _recentFrames.Last()).TotalSeconds;
        return seconds <= 0 ? 0 : (_recentFrames.Count - 1) / seconds;
    }

    private static StageMilliseconds Blend(StageMilliseconds a, StageMilliseconds b) => new(
        Mix(a.Decode, b.Decode), Mix(a.Detect, b.Detect), Mix(a.Landmarks, b.Landmarks), Mix(a.Descriptors, b.Descriptors),
        Mix(a.Identify, b.Identify), Mix(a.Annotate, b.Annotate), Mix(a.Total, b.Total));

    private static double Mix(double previous, double sample) => previous + (Smoothing * (sample - previous));

    private static long? ReadFrameNumber(StreamEventContext context) =>
        context.Headers.TryGetValue(CameraTopics.FrameNumberHeader, out var text)
        && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;

    private static DateTimeOffset? ReadCaptureTime(StreamEventContext context) =>
        context.Headers.TryGetValue(CameraTopics.CaptureTimeHeader, out var text)
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) ? at : null;
}
