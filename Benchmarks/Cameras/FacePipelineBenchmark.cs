using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using StreamOrleans.Grains.Cameras;
using System.Numerics.Tensors;
using StreamOrleans.Grains.Cameras.FaceDetection;
using StreamOrleans.Grains.Cameras.Imaging;
using StreamOrleans.Grains.Cameras.Onnx;

namespace StreamOrleans.Benchmarks.Cameras;

/// <summary>
/// Faces benchmark (issues 5 and 15): the pipeline on ONNX Runtime against face-api on tfjs-wasm, on the same demo
/// photos and models, measured in the same run (the Node reference script in --timing-only mode first, then ours),
/// plus end-to-end frames per second on a 640x480 JPEG with one face and the parity of the ONNX path with face-api's
/// reference fixtures (min IoU of boxes, min cosine of descriptors). The previous engine (our hand-written CNN
/// kernels) was measured against ONNX in one run before it was deleted (commit "Benchmarks: faces.json measured in
/// one run"); its figures are carried over from the existing JSON, marked as such. Writes a JSON result (docs/benchmarks/faces.json by convention).
/// Needs scripts/setup.sh (face-api package, TF.js reference install, node on PATH).
/// Ratios are meaningful within one run; absolute milliseconds depend on the machine's load.
/// </summary>
public static class FacePipelineBenchmark
{
    private static readonly string[] Photos = ["sample1.jpg", "sample2.jpg", "sample3.jpg", "sample4.jpg", "sample5.jpg", "sample6.jpg"];

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <param name="repositoryRoot">The folder holding StreamOrleans.sln.</param>
    /// <param name="outputPath">Where to write the JSON result.</param>
    /// <param name="runs">Timed runs per photo (after one warm-up); medians are reported.</param>
    public static JsonObject Run(string repositoryRoot, string outputPath, int runs = 5)
    {
        ArgumentException.ThrowIfNullOrEmpty(repositoryRoot);
        ArgumentException.ThrowIfNullOrEmpty(outputPath);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(runs);
        var cache = Environment.GetEnvironmentVariable("STREAMORLEANS_CACHE") is { Length: > 0 } c ? c : Path.Combine(repositoryRoot, ".cache");
        var package = Path.Combine(cache, "npm", "@vladmandic+face-api-1.7.15", "package");
        if (!Directory.Exists(Path.Combine(package, "model")))
        {
            throw new InvalidOperationException($"face-api is missing from {package}: run scripts/setup.sh.");
        }

        var reference = RunReference(repositoryRoot);
        var modelDirectory = Path.Combine(package, "model");

        // Both engines use every core for one frame (the kernels through Parallel.For, ONNX Runtime through its
        // intra-op pool), so the ratio compares engines, not thread counts.
        using var analyzer = FaceAnalyzer.Load(modelDirectory, new FaceAnalysisOptions { Inference = new OnnxInferenceOptions { IntraOpThreads = 0 } });
        using var singleThreaded = FaceAnalyzer.Load(modelDirectory, new FaceAnalysisOptions { Inference = new OnnxInferenceOptions { IntraOpThreads = 1 } });
        var carried = CarriedPreviousEngine(outputPath);
        var photos = new JsonArray();
        double oursTotal = 0, tfjsTotal = 0;
        double minCosine = 1, minIou = 1;
        foreach (var photo in Photos)
        {
            var jpeg = File.ReadAllBytes(Path.Combine(package, "demo", photo));
            var timings = Measure(j => analyzer.Analyze(j), jpeg, runs);
            var tfjs = reference[photo];
            var tfjsPipeline = tfjs["detectLandmarksDescriptors"]!.GetValue<double>();
            var ours = timings.DetectMs + timings.LandmarksMs + timings.DescriptorsMs;
            oursTotal += ours;
            tfjsTotal += tfjsPipeline;
            var (cosine, iou) = Parity(repositoryRoot, photo, analyzer.Analyze(jpeg).Faces);
            minCosine = Math.Min(minCosine, cosine);
            minIou = Math.Min(minIou, iou);
            photos.Add(new JsonObject
            {
                ["photo"] = photo,
                ["faces"] = tfjs["faces"]!.GetValue<int>(),
                ["onnx_ms"] = Stages(timings),
                ["tfjs_wasm_ms"] = new JsonObject { ["detect"] = Round(tfjs["detect"]!.GetValue<double>()), ["detect_landmarks_descriptors"] = Round(tfjsPipeline) },
                ["speedup_vs_tfjs_wasm"] = Round(tfjsPipeline / ours),
                ["min_cosine_vs_reference"] = Math.Round(cosine, 5),
                ["min_iou_vs_reference"] = Math.Round(iou, 4),
            });
        }

        var frame = OneFaceFrame(package);
        var frameRuns = Math.Max(runs * 4, 20);
        var frameTimings = Measure(j => analyzer.Analyze(j), frame, frameRuns);
        var singleThreadFrame = Measure(j => singleThreaded.Analyze(j), frame, frameRuns);
        var result = new JsonObject
        {
            ["benchmark"] = "faces",
            ["generated_by"] = "Benchmarks/Cameras/FacePipelineBenchmark.cs",
            ["machine"] = new JsonObject
            {
                ["cores"] = Environment.ProcessorCount,
                ["os"] = Environment.OSVersion.ToString(),
                ["dotnet"] = Environment.Version.ToString(),
                ["load_average"] = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : null,
            },
            ["runs_per_photo"] = runs,
            ["models"] = "@vladmandic/face-api 1.7.15: tiny_face_detector (416, 0.5), face_landmark_68_tiny, face_recognition",
            ["engine"] = "ONNX Runtime 1.32.0 (CPU) on our converted models (Grains/Cameras/Onnx), intra-op threads = cores",
            ["previous_engine"] = "our hand-written NHWC CNN kernels (Grains/Cameras/Inference), deleted after one side-by-side run; its figures below are carried over from that run",
            ["speedup_vs_tfjs_wasm"] = Round(tfjsTotal / oursTotal),
            ["speedup_vs_previous_engine"] = carried?["speedup_vs_previous_engine"]?.DeepClone(),
            ["speedup_basis"] = "sum over the demo photos of the median of detection, landmarks and aligned descriptors; JPEG decode excluded on every side",
            ["fps_640x480_one_face"] = Round(1000 / frameTimings.TotalMs),
            ["fps_640x480_one_face_1_thread"] = Round(1000 / singleThreadFrame.TotalMs),
            ["fps_640x480_one_face_previous_engine"] = carried?["fps_640x480_one_face_previous_engine"]?.DeepClone(),
            ["per_stage_ms_640x480"] = Stages(frameTimings),
            ["per_stage_ms_640x480_1_thread"] = Stages(singleThreadFrame),
            ["per_stage_ms_640x480_previous_engine"] = carried?["per_stage_ms_640x480_previous_engine"]?.DeepClone(),
            ["previous_engine_run"] = carried?["previous_engine_run"]?.DeepClone() ?? carried?["machine"]?.DeepClone(),
            ["min_cosine_vs_reference"] = Math.Round(minCosine, 5),
            ["min_iou_vs_reference"] = Math.Round(minIou, 4),
            ["parity_basis"] = "ONNX aligned pipeline vs face-api's fixtures (Tests/Fixtures/Faces), each reference face against its best-IoU detection",
            ["targets"] = new JsonObject { ["speedup_vs_tfjs_wasm"] = 10, ["fps_640x480_one_face"] = 60, ["min_cosine_vs_reference"] = 0.995, ["min_iou_vs_reference"] = 0.9 },
            ["photos"] = photos,
        };

        // The live demo's figures (live-demo, live_* keys) are measured by another command: keep them.
        foreach (var (key, value) in carried ?? [])
        {
            if (key.StartsWith("live_", StringComparison.Ordinal))
            {
                result[key] = value?.DeepClone();
            }
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outputPath))!);
        File.WriteAllText(outputPath, result.ToJsonString(Indented) + Environment.NewLine);
        return result;
    }

    /// <summary>Median per stage over <paramref name="runs"/> timed runs after one warm-up.</summary>
    private static StageTimings Measure(Func<byte[], FrameAnalysis> analyze, byte[] jpeg, int runs)
    {
        var samples = new List<StageTimings>();
        for (var run = 0; run <= runs; run++)
        {
            var timings = analyze(jpeg).Timings;
            if (run > 0)
            {
                samples.Add(timings);
            }
        }

        return new StageTimings(
            Median(samples.Select(s => s.DecodeMs)),
            Median(samples.Select(s => s.DetectMs)),
            Median(samples.Select(s => s.LandmarksMs)),
            Median(samples.Select(s => s.DescriptorsMs)));
    }

    /// <summary>The JSON written by the run that still measured the previous engine, if any.</summary>
    private static JsonObject? CarriedPreviousEngine(string outputPath) =>
        File.Exists(outputPath) && JsonNode.Parse(File.ReadAllText(outputPath)) is JsonObject old && old["speedup_vs_previous_engine"] is not null ? old : null;

    /// <summary>Min cosine and min IoU of the photo's reference aligned faces against their best-IoU detections.</summary>
    private static (double Cosine, double Iou) Parity(string repositoryRoot, string photo, IReadOnlyList<AnalyzedFace> faces)
    {
        var fixture = JsonNode.Parse(File.ReadAllText(Path.Combine(repositoryRoot, "Tests", "Fixtures", "Faces", Path.ChangeExtension(photo, ".json"))))!;
        double cosine = 1, iou = 1;
        foreach (var expected in fixture["alignedFaces"]!.AsArray())
        {
            var b = expected!["box"]!;
            var box = new FaceBox(b["x"]!.GetValue<double>(), b["y"]!.GetValue<double>(), b["width"]!.GetValue<double>(), b["height"]!.GetValue<double>());
            var descriptor = expected["descriptor"]!.AsArray().Select(v => v!.GetValue<float>()).ToArray();
            var match = faces.MaxBy(f => f.Detection.Box.IntersectionOverUnion(box));
            iou = Math.Min(iou, match?.Detection.Box.IntersectionOverUnion(box) ?? 0);
            cosine = Math.Min(cosine, match is null ? 0 : TensorPrimitives.CosineSimilarity(match.Descriptor, descriptor));
        }

        return (cosine, iou);
    }

    private static Dictionary<string, JsonObject> RunReference(string repositoryRoot)
    {
        var start = new ProcessStartInfo("node", ["Tests/Fixtures/Faces/generate-reference.js", "--timing-only"])
        {
            WorkingDirectory = repositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node.");
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"The tfjs-wasm reference failed ({process.ExitCode}): {error}");
        }

        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonNode.Parse(line)!.AsObject())
            .ToDictionary(o => o["photo"]!.GetValue<string>(), o => o);
    }

    /// <summary>A 640x480 JPEG cut from sample2 around its single face.</summary>
    private static byte[] OneFaceFrame(string package)
    {
        var image = new JpegCodec().Decode(File.ReadAllBytes(Path.Combine(package, "demo", "sample2.jpg")));
        return JpegCodec.Encode(image.Crop(1220, 40, 640, 480), quality: 85);
    }

    private static JsonObject Stages(StageTimings t) => new()
    {
        ["decode"] = Round(t.DecodeMs),
        ["detect"] = Round(t.DetectMs),
        ["landmarks"] = Round(t.LandmarksMs),
        ["descriptors"] = Round(t.DescriptorsMs),
        ["total"] = Round(t.TotalMs),
    };

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }

    private static double Round(double value) => Math.Round(value, 2);
}
