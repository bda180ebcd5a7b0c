using System.Diagnostics;
using System.Text.Json.Nodes;
using StreamOrleans.Benchmarks.Support;
using StreamOrleans.Grains.Cameras;
using StreamOrleans.Grains.Cameras.Drawing;
using StreamOrleans.Grains.Cameras.Identification;
using StreamOrleans.Grains.Cameras.Imaging;
using StreamOrleans.Grains.Interfaces.Cameras;

namespace StreamOrleans.Benchmarks.Cameras;

/// <summary>
/// What CameraGrain adds per frame on top of the model pipeline, on a 640x480 JPEG with one face (cut from
/// sample2.jpg): the baseline is FaceAnalyzer.Analyze alone; the camera frame adds identification against a gallery
/// of 10 people x 5 descriptors, drawing the labelled boxes and re-encoding the JPEG. Both measured in the same run,
/// alternating, medians. Writes docs/benchmarks/cameras.json.
/// </summary>
internal static class CameraFrameBenchmark
{
    public static JsonObject Run(string repositoryRoot, int frames = 40)
    {
        var cache = Environment.GetEnvironmentVariable("STREAMORLEANS_CACHE") is { Length: > 0 } c ? c : Path.Combine(repositoryRoot, ".cache");
        var package = Path.Combine(cache, "npm", "@vladmandic+face-api-1.7.15", "package");
        if (!Directory.Exists(Path.Combine(package, "model")))
        {
            throw new InvalidOperationException($"face-api is missing from {package}: run scripts/setup.sh.");
        }

        var analyzer = FaceAnalyzer.Load(Path.Combine(package, "model"));
        var photo = new JpegCodec().Decode(File.ReadAllBytes(Path.Combine(package, "demo", "sample2.jpg")));
        var frame = JpegCodec.Encode(photo.Crop(1220, 40, 640, 480), quality: 85);
        var random = new Random(5);
        var people = Enumerable.Range(0, 10).Select(p => new GalleryPerson($"person-{p}", [.. Enumerable.Range(0, 5).Select(_ => Enumerable.Range(0, 128).Select(_ => (float)(random.NextDouble() * 0.2 - 0.1)).ToArray())])).ToList();
        var nearest = new FaceIdentifier(new FaceGallerySnapshot(1, people), IdentificationMethod.Nearest, 0.6, 0.8);
        var classifier = new FaceIdentifier(new FaceGallerySnapshot(1, people), IdentificationMethod.Classifier, 0.6, 0.8);

        var baseline = new List<double>();
        var camera = new List<double>();
        var identify = new List<double>();
        var annotate = new List<double>();
        for (var i = -3; i < frames; i++)
        {
            var start = Stopwatch.GetTimestamp();
            analyzer.Analyze(frame);
            var analyzeOnly = Stopwatch.GetElapsedTime(start).TotalMilliseconds;

            start = Stopwatch.GetTimestamp();
            var analysis = analyzer.Analyze(frame);
            var afterAnalyze = Stopwatch.GetTimestamp();
            var faces = analysis.Faces.Select(f =>
            {
                var who = (i % 2 == 0 ? nearest : classifier).Identify(f.Descriptor);
                var b = f.Detection.Box;
                return new CameraDetection(new FaceRectangle(b.X, b.Y, b.Width, b.Height), f.Detection.Score, who.Name, who.Confidence, who.Distance);
            }).ToList();
            var afterIdentify = Stopwatch.GetTimestamp();
            FrameAnnotator.Annotate(analysis.Image, faces);
            JpegCodec.Encode(analysis.Image, 80);
            var end = Stopwatch.GetTimestamp();
            if (i >= 0)
            {
                baseline.Add(analyzeOnly);
                camera.Add(Stopwatch.GetElapsedTime(start, end).TotalMilliseconds);
                identify.Add(Stopwatch.GetElapsedTime(afterAnalyze, afterIdentify).TotalMilliseconds);
                annotate.Add(Stopwatch.GetElapsedTime(afterIdentify, end).TotalMilliseconds);
            }
        }

        var baselineMs = Stats.Median(baseline);
        var cameraMs = Stats.Median(camera);
        return new JsonObject
        {
            ["benchmark"] = "cameras",
            ["frame"] = "640x480 JPEG, one face (sample2.jpg crop)",
            ["frames"] = frames,
            ["baseline_analyze_ms"] = Math.Round(baselineMs, 2),
            ["camera_frame_ms"] = Math.Round(cameraMs, 2),
            ["identify_ms_10_people_x5"] = Math.Round(Stats.Median(identify), 3),
            ["annotate_and_encode_ms"] = Math.Round(Stats.Median(annotate), 2),
            ["fps_640x480_one_face_camera_frame"] = Math.Round(1000 / cameraMs, 1),
            ["overhead_vs_analyze"] = Math.Round(cameraMs / baselineMs, 3),
            ["machine"] = BenchmarkOutput.Machine(),
        };
    }
}
