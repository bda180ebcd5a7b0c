using Microsoft.Extensions.DependencyInjection;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using Orleans.Streams;
using Orleans.Streams.Core;
using StreamOrleans.Grains.Cameras.Drawing;
using StreamOrleans.Grains.Cameras.Identification;
using StreamOrleans.Grains.Cameras.Imaging;
using StreamOrleans.Grains.Interfaces.Cameras;
using StreamOrleans.Streaming.DeadLetters;
using StreamOrleans.Streaming.ExactlyOnce;
using StreamOrleans.Streaming.Provider;
using StreamOrleans.Streaming.Routing;

namespace StreamOrleans.Grains.Cameras;

/// <summary>
/// One camera: each JPEG frame of topic "frames" is decoded, its faces detected, aligned, embedded and named against
/// the gallery (a versioned identifier held by the silo, refreshed from the gallery grain, not a call per frame),
/// drawn on the frame and published to "frames-annotated". Bad images are dead-lettered with the reason and counted;
/// they never fail the queue. Counts are applied exactly once; the annotated output and dead letters are at least
/// once (published before the counts are stored: a frame replayed after a crash is published again).
/// </summary>
[ImplicitStreamSubscription(CameraTopics.Frames)]
public sealed class CameraGrain(
    [PersistentState("camera", GrainProviders.Storage)] IPersistentState<CameraState> state,
    FaceAnalyzerProvider analyzer,
    InferencePool inference,
    GalleryIdentifierCache identifiers,
    IStreamDeadLetters deadLetters,
    [FromKeyedServices(GrainProviders.Clock)] TimeProvider timeProvider,
    IOptions<CamerasOptions> options) : Grain, ICameraGrain, IStreamSubscriptionObserver, IAsyncBatchObserver<RawRecord>
{
    private const int FpsWindow = 30;
    private const double Smoothing = 0.2;

    private readonly Queue<long> _recentFrames = new();
    private byte[]? _latestJpeg;
    private bool _registered;

    /// <inheritdoc />
    public Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory)
    {
        ArgumentNullException.ThrowIfNull(handleFactory);
        return handleFactory.Create<RawRecord>().ResumeAsync(this);
    }

    /// <inheritdoc />
    public async Task OnNextAsync(IList<SequentialItem<RawRecord>> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var cameraId = this.GetPrimaryKeyString();
        if (!_registered)
        {
            await GrainFactory.GetGrain<ICameraDirectoryGrain>(ICameraDirectoryGrain.Key).RegisterAsync(cameraId);
            _registered = true;
        }

        // Frames are analysed and published before their counts are stored (one write per delivery). Each outcome is
        // found by its frame's position, not by order: the helper may skip an event (applied already, dead-lettered)
        // or run the applies again after reading the state back.
        var outcomes = new Dictionary<StreamSequenceToken, FrameOutcome>();
        var analysed = 0;
        await this.ReadBackIfStaleAsync(state);
        foreach (var item in items)
        {
            if (!state.State.Applied.IsApplied(item.Token) && !outcomes.ContainsKey(item.Token))
            {
                var outcome = await ProcessAsync(cameraId, item.Item, item.Token, state.State.Frames + analysed + 1);
                analysed += outcome.Analysed ? 1 : 0;
                outcomes.Add(item.Token, outcome);
            }
        }

        // What the applies change in memory (fps window, latest JPEG, metrics) happens once, after the counts are stored.
        var applied = new List<FrameOutcome>(outcomes.Count);
        await this.ApplyOnceAsync(
            state,
            items,
            (s, _, token) =>
            {
                var outcome = outcomes[token];
                outcome.Apply(s);
                applied.Add(outcome);
            },
            new ExactlyOnceHooks<CameraState>(AfterReload: _ => applied.Clear()));
        foreach (var outcome in applied)
        {
            outcome.Stored?.Invoke();
        }
    }

    /// <inheritdoc />
    public Task OnCompletedAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;

    // Analyses one frame, publishes what it must, and returns how the frame changes the camera's counts.
    // nextFrameNumber numbers a frame whose producer sent none (frames analysed before it, plus one).
    private async Task<FrameOutcome> ProcessAsync(string cameraId, RawRecord item, StreamSequenceToken token, long nextFrameNumber)
    {
        // Load shedding: a frame that waited longer than MaxFrameLag (a backlog, a replay after a crash) is counted and
        // skipped, so a camera catches up with the present instead of analysing the past, and queries are not stuck
        // behind a queue of frames.
        var lag = options.Value.MaxFrameLag;
        if (lag > TimeSpan.Zero && timeProvider.GetUtcNow() - item.Timestamp > lag)
        {
            return new FrameOutcome(static s => s.Skipped++);
        }

        var offset = (token as LogSequenceToken)?.Offset;
        using var frameSpan = CamerasTelemetry.ActivitySource.StartActivity("camera.frame");
        frameSpan?.SetTag("camera.id", cameraId);
        frameSpan?.SetTag("stream.offset", offset);
        var tags = new TagList { { "camera", cameraId } };

        FrameAnalysis frame;
        using (var analyzeSpan = CamerasTelemetry.ActivitySource.StartActivity("camera.analyze"))
        {
            try
            {
                // On an inference thread: the turn awaits without holding a thread-pool thread.
                var jpegBytes = item.Value;
                frame = await inference.RunAsync(() => analyzer.Analyzer.Analyze(jpegBytes));
            }
            catch (InvalidImageException e)
            {
                analyzeSpan?.SetStatus(ActivityStatusCode.Error, e.Message);
                CamerasTelemetry.RejectedFrames.Add(1, tags);
                await deadLetters.PublishInvalidAsync(token, item, this.GetGrainId(), $"bad image: {e.Message}");
                return new FrameOutcome(static s => s.Rejected++);
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
            var identifier = identifiers.Fresh()
                ?? identifiers.Publish(await GrainFactory.GetGrain<IFaceGalleryGrain>(IFaceGalleryGrain.Key).GetSnapshotAsync());
            faces = [.. frame.Faces.Select(face =>
            {
                var who = identifier.Identify(face.Descriptor);
                var box = face.Detection.Box;
                return new CameraDetection(new FaceRectangle(box.X, box.Y, box.Width, box.Height), face.Detection.Score, who.Name, who.Confidence, who.Distance);
            })];
        }

        var identifyMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        var (width, height) = (frame.Image.Width, frame.Image.Height);
        start = Stopwatch.GetTimestamp();
        byte[] jpeg;
        using (CamerasTelemetry.ActivitySource.StartActivity("camera.annotate"))
        {
            using var image = frame.Image;
            FrameAnnotator.Annotate(image, faces, LabelTypeface.Get(options.Value.LabelFontFile));
            jpeg = JpegCodec.Encode(image, options.Value.AnnotatedQuality);
        }

        var annotateMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        var frameNumber = ReadFrameNumber(item) ?? nextFrameNumber;
        var capturedAt = ReadCaptureTime(item) ?? item.Timestamp;
        using (CamerasTelemetry.ActivitySource.StartActivity("camera.publish"))
        {
            var headers = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [CameraTopics.FrameNumberHeader] = frameNumber.ToString(CultureInfo.InvariantCulture),
                [CameraTopics.CaptureTimeHeader] = capturedAt.ToString("O", CultureInfo.InvariantCulture),
            };
            if (offset is { } sourceOffset)
            {
                headers[CameraTopics.SourceOffsetHeader] = sourceOffset.ToString(CultureInfo.InvariantCulture);
            }

            await this.PublishAsync(CameraTopics.AnnotatedFrames, cameraId, new RawRecord(jpeg, headers));
        }

        var latest = new CameraFrameResult(cameraId, frameNumber, capturedAt, width, height, faces);
        return new FrameOutcome(
            s =>
            {
                Record(s, frame, faces, identifyMs, annotateMs);
                s.Latest = latest;
            },
            () =>
            {
                _latestJpeg = jpeg;
                Observe(cameraId, frame.Timings, faces, identifyMs, annotateMs, tags);
            },
            Analysed: true);
    }

    /// <inheritdoc />
    public Task<CameraStats> GetStatsAsync()
    {
        var s = state.State;
        return Task.FromResult(new CameraStats(this.GetPrimaryKeyString(), s.Frames, s.Rejected, Fps(), s.Faces, s.Known, s.Unknown, s.LastFrameAt, s.StageMs, s.Skipped));
    }

    /// <inheritdoc />
    public Task<CameraFrameResult?> GetLatestAsync() => Task.FromResult(state.State.Latest);

    /// <inheritdoc />
    public Task<byte[]?> GetLatestJpegAsync() => Task.FromResult(_latestJpeg);

    // The counts of one analysed frame.
    private void Record(CameraState s, FrameAnalysis frame, List<CameraDetection> faces, double identifyMs, double annotateMs)
    {
        var known = faces.Count(f => f.Name != CameraDetection.Unknown);
        s.Frames++;
        s.Faces += faces.Count;
        s.Known += known;
        s.Unknown += faces.Count - known;
        s.LastFrameAt = timeProvider.GetUtcNow();
        var t = frame.Timings;
        var sample = new StageMilliseconds(t.DecodeMs, t.DetectMs, t.LandmarksMs, t.DescriptorsMs, identifyMs, annotateMs, t.TotalMs + identifyMs + annotateMs);
        s.StageMs = s.Frames == 1 ? sample : Blend(s.StageMs, sample);
    }

    // The fps window and metrics of one analysed frame whose counts are stored.
    private void Observe(string cameraId, StageTimings t, List<CameraDetection> faces, double identifyMs, double annotateMs, TagList tags)
    {
        var known = faces.Count(f => f.Name != CameraDetection.Unknown);
        _recentFrames.Enqueue(timeProvider.GetTimestamp());
        while (_recentFrames.Count > FpsWindow)
        {
            _recentFrames.Dequeue();
        }

        CamerasTelemetry.ReportFps(cameraId, Fps());
        CamerasTelemetry.Frames.Add(1, tags);
        CamerasTelemetry.Faces.Add(known, new TagList { { "camera", cameraId }, { "known", true } });
        CamerasTelemetry.Faces.Add(faces.Count - known, new TagList { { "camera", cameraId }, { "known", false } });
        foreach (var (stage, ms) in new[] { ("decode", t.DecodeMs), ("detect", t.DetectMs), ("landmarks", t.LandmarksMs), ("descriptors", t.DescriptorsMs), ("identify", identifyMs), ("annotate", annotateMs), ("total", t.TotalMs + identifyMs + annotateMs) })
        {
            CamerasTelemetry.StageDuration.Record(ms / 1000, new TagList { { "stage", stage } });
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

        var seconds = timeProvider.GetElapsedTime(_recentFrames.Peek(), _recentFrames.Last()).TotalSeconds;
        return seconds <= 0 ? 0 : (_recentFrames.Count - 1) / seconds;
    }

    private static StageMilliseconds Blend(StageMilliseconds a, StageMilliseconds b) => new(
        Mix(a.Decode, b.Decode), Mix(a.Detect, b.Detect), Mix(a.Landmarks, b.Landmarks), Mix(a.Descriptors, b.Descriptors),
        Mix(a.Identify, b.Identify), Mix(a.Annotate, b.Annotate), Mix(a.Total, b.Total));

    private static double Mix(double previous, double sample) => previous + (Smoothing * (sample - previous));

    private static long? ReadFrameNumber(RawRecord item) =>
        item.Headers.TryGetValue(CameraTopics.FrameNumberHeader, out var text)
        && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;

    private static DateTimeOffset? ReadCaptureTime(RawRecord item) =>
        item.Headers.TryGetValue(CameraTopics.CaptureTimeHeader, out var text)
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) ? at : null;
}
