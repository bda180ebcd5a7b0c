using System.Globalization;
using StreamOrleans.Grains.Cameras.Imaging;
using StreamOrleans.Grains.Interfaces.Cameras;
using Microsoft.Extensions.DependencyInjection;
using StreamOrleans.Streaming.Log;
using StreamOrleans.Streaming.Rewind;
using StreamOrleans.Tests.Support;

namespace StreamOrleans.Tests.Grains.Cameras.Pipeline;

/// <summary>
/// The camera pipeline through a real Orleans silo on the production wiring: JPEG frames in raw topic "frames", names from the persistent
/// gallery, annotated JPEGs in "frames-annotated", bad images dead-lettered while the partition moves on.
/// Expected names follow face-api's own decisions on its reference descriptors (distance at most 0.6).
/// </summary>
public sealed class CameraPipelineTests
{
    private static readonly DateTimeOffset CapturedAt = new(2026, 1, 31, 12, 0, 0, TimeSpan.Zero);

    private static StreamRecord Frame(string camera, byte[] jpeg, long frameNumber) => new(camera, jpeg, new Dictionary<string, string>
    {
        [CameraTopics.FrameNumberHeader] = frameNumber.ToString(CultureInfo.InvariantCulture),
        [CameraTopics.CaptureTimeHeader] = CapturedAt.ToString("O", CultureInfo.InvariantCulture),
    });

    [Fact]
    public async Task Frames_are_analysed_named_annotated_and_counted()
    {
        await using var silo = await CameraSilo.StartAsync();
        var gallery = silo.GrainFactory.GetGrain<IFaceGalleryGrain>(IFaceGalleryGrain.Key);
        var enrolled = await gallery.EnrolAsync("alice", [FaceAssets.DemoPhoto("sample2.jpg")]);
        Assert.True(enrolled.Succeeded, enrolled.Failure);
        Assert.Equal(1, enrolled.Samples);

        await silo.AppendRawAsync(CameraTopics.Frames, [Frame("cam-1", FaceAssets.DemoPhoto("sample1.jpg"), 7)]);
        await silo.WaitUntilCommittedAsync(CameraTopics.Frames);

        var camera = silo.GrainFactory.GetGrain<ICameraGrain>("cam-1");
        var latest = await camera.GetLatestAsync();
        Assert.NotNull(latest);
        Assert.Equal(7, latest.FrameNumber);
        Assert.Equal(CapturedAt, latest.CapturedAt);
        Assert.Equal((1920, 1280), (latest.Width, latest.Height));

        var reference = FaceAssets.Reference("sample1.jpg");
        var alice = FaceAssets.Reference("sample2.jpg").AlignedFaces[0].Descriptor;
        Assert.Equal(reference.AlignedFaces.Count, latest.Faces.Count);
        foreach (var expected in reference.AlignedFaces)
        {
            var face = Assert.Single(latest.Faces, f => new StreamOrleans.Grains.Cameras.FaceDetection.FaceBox(f.Box.X, f.Box.Y, f.Box.Width, f.Box.Height).IntersectionOverUnion(expected.FaceBox) >= 0.9);
            var faceApiSaysAlice = System.Numerics.Tensors.TensorPrimitives.Distance(expected.Descriptor, alice) <= 0.6f;
            Assert.Equal(faceApiSaysAlice ? "alice" : CameraDetection.Unknown, face.Name);
        }

        Assert.Equal(1, latest.Faces.Count(f => f.Name == "alice"));
        var stats = await camera.GetStatsAsync();
        Assert.Equal((1L, 0L, 3L, 1L, 2L), (stats.Frames, stats.Rejected, stats.Faces, stats.Known, stats.Unknown));
        Assert.True(stats.StageMs.Detect > 0 && stats.StageMs.Descriptors > 0 && stats.StageMs.Total >= stats.StageMs.Detect);

        var record = Assert.Single(await silo.ReadAllAsync(CameraTopics.AnnotatedFrames));
        Assert.Equal("cam-1", record.Key);
        Assert.Equal("7", record.Headers[CameraTopics.FrameNumberHeader]);
        Assert.Equal(CapturedAt, DateTimeOffset.Parse(record.Headers[CameraTopics.CaptureTimeHeader], CultureInfo.InvariantCulture));
        Assert.Equal("0", record.Headers[CameraTopics.SourceOffsetHeader]);
        var image = new JpegCodec().Decode(record.Value.Span);
        Assert.Equal((1920, 1280), (image.Width, image.Height));
        Assert.Equal(record.Value.ToArray(), await camera.GetLatestJpegAsync());
        Assert.Equal(["cam-1"], await silo.GrainFactory.GetGrain<ICameraDirectoryGrain>(ICameraDirectoryGrain.Key).ListAsync());
    }

    [Fact]
    public async Task Every_kind_of_bad_image_is_dead_lettered_and_the_camera_goes_on()
    {
        await using var silo = await CameraSilo.StartAsync();
        var bad = BadImages.All();
        var records = bad.Select((b, i) => Frame("cam-2", b.Bytes, i)).Append(Frame("cam-2", FaceAssets.DemoPhoto("sample2.jpg"), 99)).ToList();

        await silo.AppendRawAsync(CameraTopics.Frames, records);
        await silo.WaitUntilCommittedAsync(CameraTopics.Frames);

        var letters = await silo.DeadLetters().ReadRecentAsync(50);
        Assert.Equal(bad.Count, letters.Count);
        for (var i = 0; i < bad.Count; i++)
        {
            // One key, one partition: the records' offsets are their positions in the batch.
            var letter = Assert.Single(letters, l => l.Offset == i);
            Assert.Equal(DeadLetterKind.Invalid, letter.Kind);
            Assert.Equal(CameraTopics.Frames, letter.SourceTopic);
            Assert.Equal("cam-2", letter.GrainKey);
            Assert.StartsWith("bad image: ", letter.Reason, StringComparison.Ordinal);
            Assert.True(letter.Reason.Contains(bad[i].Reason, StringComparison.Ordinal), $"{bad[i].Kind}: {letter.Reason}");
        }

        var stats = await silo.GrainFactory.GetGrain<ICameraGrain>("cam-2").GetStatsAsync();
        Assert.Equal((1L, (long)bad.Count, 1L), (stats.Frames, stats.Rejected, stats.Faces));
        Assert.Equal(99, (await silo.GrainFactory.GetGrain<ICameraGrain>("cam-2").GetLatestAsync())!.FrameNumber);
    }

    [Fact]
    public async Task Gallery_enrols_all_or_nothing_lists_and_removes()
    {
        await using var silo = await CameraSilo.StartAsync();
        var gallery = silo.GrainFactory.GetGrain<IFaceGalleryGrain>(IFaceGalleryGrain.Key);

        var crowd = await gallery.EnrolAsync("bob", [FaceAssets.DemoPhoto("sample2.jpg"), FaceAssets.DemoPhoto("sample1.jpg")]);
        var empty = await gallery.EnrolAsync("bob", [BadImages.NoFace()]);
        var corrupt = await gallery.EnrolAsync("bob", [BadImages.Truncated()]);
        var badName = await gallery.EnrolAsync("Unknown", [FaceAssets.DemoPhoto("sample2.jpg")]);

        Assert.Equal((1, "3 faces were found in the image; enrol a photo with exactly one face."), (crowd.FailedImage, crowd.Failure));
        Assert.Equal((0, "No face was found in the image; enrol a photo with exactly one face."), (empty.FailedImage, empty.Failure));
        Assert.Equal(0, corrupt.FailedImage);
        Assert.StartsWith("Corrupt or truncated JPEG", corrupt.Failure, StringComparison.Ordinal);
        Assert.Null(badName.FailedImage);
        Assert.Contains("reserved", badName.Failure, StringComparison.Ordinal);
        Assert.Empty(await gallery.ListAsync());
        Assert.Equal(0, (await gallery.GetSnapshotAsync()).Version);

        Assert.True((await gallery.EnrolAsync("bob", [FaceAssets.DemoPhoto("sample2.jpg")])).Succeeded);
        Assert.Equal(2, (await gallery.EnrolAsync("bob", [FaceAssets.DemoPhoto("sample2.jpg")])).Samples);
        Assert.Equal([new EnrolledPerson("bob", 2)], await gallery.ListAsync());
        Assert.True(await gallery.RemoveAsync("bob"));
        Assert.False(await gallery.RemoveAsync("bob"));
        Assert.Empty(await gallery.ListAsync());
        Assert.Equal(3, (await gallery.GetSnapshotAsync()).Version);
    }

    [Fact]
    public async Task The_gallery_survives_a_restart_and_cameras_of_the_new_process_use_it()
    {
        using var directory = new TempDirectory();
        await using (var first = await CameraSilo.StartAsync(directory: directory.Path))
        {
            Assert.True((await first.GrainFactory.GetGrain<IFaceGalleryGrain>(IFaceGalleryGrain.Key).EnrolAsync("alice", [FaceAssets.DemoPhoto("sample2.jpg")])).Succeeded);
        }

        await using var second = await CameraSilo.StartAsync(directory: directory.Path);
        await second.AppendRawAsync(CameraTopics.Frames, [Frame("cam-3", FaceAssets.DemoPhoto("sample2.jpg"), 1)]);
        await second.WaitUntilCommittedAsync(CameraTopics.Frames);

        var face = Assert.Single((await second.GrainFactory.GetGrain<ICameraGrain>("cam-3").GetLatestAsync())!.Faces);
        Assert.Equal("alice", face.Name);
        Assert.True(face.Distance < 0.05, $"the enrolled photo itself: distance {face.Distance}");
        Assert.Equal([new EnrolledPerson("alice", 1)], await second.GrainFactory.GetGrain<IFaceGalleryGrain>(IFaceGalleryGrain.Key).ListAsync());
    }

    [Fact]
    public async Task Frames_without_a_frame_number_are_numbered_in_order_in_the_output_and_the_state()
    {
        await using var silo = await CameraSilo.StartAsync();
        var photo = FaceAssets.DemoPhoto("sample2.jpg");

        // One batch, one key: the camera may get all three in one delivery, and each needs its own number.
        await silo.AppendRawAsync(CameraTopics.Frames, [new StreamRecord("cam-6", photo), new StreamRecord("cam-6", photo), new StreamRecord("cam-6", photo)]);
        await silo.WaitUntilCommittedAsync(CameraTopics.Frames);

        var annotated = await silo.ReadAllAsync(CameraTopics.AnnotatedFrames);
        Assert.Equal(["1", "2", "3"], annotated.Select(r => r.Headers[CameraTopics.FrameNumberHeader]));
        Assert.Equal(["0", "1", "2"], annotated.Select(r => r.Headers[CameraTopics.SourceOffsetHeader]));
        Assert.Equal(3, (await silo.GrainFactory.GetGrain<ICameraGrain>("cam-6").GetLatestAsync())!.FrameNumber);
    }

    [Fact]
    public async Task Fps_and_last_frame_time_follow_the_clock()
    {
        var clock = new ManualTimeProvider(CapturedAt);
        await using var silo = await CameraSilo.StartAsync(new Dictionary<string, string?> { ["Streams:CheckpointEvents"] = "1" }, time: clock);
        var camera = silo.GrainFactory.GetGrain<ICameraGrain>("cam-4");
        var photo = FaceAssets.DemoPhoto("sample2.jpg");

        for (var frame = 0; frame < 3; frame++)
        {
            await silo.AppendRawAsync(CameraTopics.Frames, [Frame("cam-4", photo, frame)]);
            await silo.WaitUntilCommittedAsync(CameraTopics.Frames);
            Assert.Equal(frame + 1, (await camera.GetStatsAsync()).Frames);
            clock.Advance(TimeSpan.FromMilliseconds(500));
        }

        var stats = await camera.GetStatsAsync();
        // Three frames processed at t = 0, 0.5 s and 1 s: two intervals in one second.
        Assert.Equal(2.0, stats.Fps, 9);
        Assert.Equal(CapturedAt.AddSeconds(1), stats.LastFrameAt);
    }

    [Fact]
    public async Task Frames_older_than_the_maximum_lag_are_skipped_and_counted()
    {
        // The lag is the grains' clock minus the log's append time (the real clock): start the grains' clock at the present.
        var clock = new ManualTimeProvider(TimeProvider.System.GetUtcNow());
        var settings = new Dictionary<string, string?> { ["Streams:CheckpointEvents"] = "1", ["Cameras:MaxFrameLag"] = "00:00:05" };
        await using var silo = await CameraSilo.StartAsync(settings, time: clock);
        var camera = silo.GrainFactory.GetGrain<ICameraGrain>("cam-5");
        var photo = FaceAssets.DemoPhoto("sample2.jpg");
        await silo.AppendRawAsync(CameraTopics.Frames, [Frame("cam-5", photo, 0), Frame("cam-5", photo, 1)]);
        await silo.WaitUntilCommittedAsync(CameraTopics.Frames);
        Assert.Equal((2L, 0L), ((await camera.GetStatsAsync()).Frames, (await camera.GetStatsAsync()).Skipped));

        // An hour later the same frames are replayed (a rebuild from the log): they are history now, not analysed again.
        clock.Advance(TimeSpan.FromHours(1));
        var replayed = await silo.WatchReplayAsync(CameraTopics.Frames);
        await silo.Services.GetRequiredService<LogStreamRewinder>().RewindAsync(CameraTopics.Frames, SeekPosition.Earliest, resetState: true);
        await replayed;
        var stats = await camera.GetStatsAsync();
        Assert.Equal((0L, 2L, 0L), (stats.Frames, stats.Skipped, stats.Faces));
    }

    [Fact]
    public async Task Each_frame_is_traced_with_a_span_per_stage()
    {
        var spans = new System.Collections.Concurrent.ConcurrentBag<System.Diagnostics.Activity>();
        using var listener = new System.Diagnostics.ActivityListener
        {
            ShouldListenTo = source => source.Name == StreamOrleans.Grains.Cameras.CamerasTelemetry.Name,
            Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) => System.Diagnostics.ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        System.Diagnostics.ActivitySource.AddActivityListener(listener);
        await using var silo = await CameraSilo.StartAsync();

        await silo.AppendRawAsync(CameraTopics.Frames, [Frame("cam-traced", FaceAssets.DemoPhoto("sample2.jpg"), 1)]);
        await silo.WaitUntilCommittedAsync(CameraTopics.Frames);

        var frame = Assert.Single(spans, s => s.OperationName == "camera.frame" && (string?)s.GetTagItem("camera.id") == "cam-traced");
        var children = spans.Where(s => s.ParentSpanId == frame.SpanId).Select(s => s.OperationName).Order(StringComparer.Ordinal);
        Assert.Equal(["camera.analyze", "camera.annotate", "camera.identify", "camera.publish"], children);
        var analyze = spans.Single(s => s.ParentSpanId == frame.SpanId && s.OperationName == "camera.analyze");
        var stages = spans.Where(s => s.ParentSpanId == analyze.SpanId).OrderBy(s => s.StartTimeUtc).ToList();
        Assert.Equal(["camera.decode", "camera.detect", "camera.landmarks", "camera.descriptors"], stages.Select(s => s.OperationName));
        Assert.All(stages, s => Assert.True(s.Duration > TimeSpan.Zero, s.OperationName));
        Assert.Equal(1, analyze.GetTagItem("faces"));
    }
}
