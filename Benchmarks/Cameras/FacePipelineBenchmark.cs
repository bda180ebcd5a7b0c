using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using StreamOrleans.Grains.Cameras;
using StreamOrleans.Grains.Cameras.Imaging;

namespace StreamOrleans.Benchmarks.Cameras;

/// <summary>
/// Faces benchmark (issue 5, item 9): our pipeline against face-api on tfjs-wasm, on the same demo photos and models,
/// both measured in the same run (the Node reference script in --timing-only mode first, then ours), plus end-to-end
/// frames per second on a 640x480 JPEG with one face. Writes a JSON result (docs/benchmarks/faces.json by convention).
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
        var analyzer = FaceAnalyzer.Load(Path.Combine(package, "model"));
        var photos = new JsonArray();
        double oursTotal = 0, tfjsTotal = 0;
        foreach (var photo in Photos)
        {
            var jpeg = File.ReadAllBytes(Path.Combine(package, "demo", photo));
            var timings = Measure(analyzer, jpeg, runs);
            var tfjs = reference[photo];
            var tfjsPipeline = tfjs["detectLandmarksDescriptors"]!.GetValue<double>();
            var ours = timings.DetectMs + timings.LandmarksMs + timings.DescriptorsMs;
            oursTotal += ours;
            tfjsTotal += tfjsPipeline;
            photos.Add(new JsonObject
            {
                ["photo"] = photo,
                ["faces"] = tfjs["faces"]!.GetValue<int>(),
                ["ours_ms"] = Stages(timings),
                ["tfjs_wasm_ms"] = new JsonObject { ["detect"] = Round(tfjs["detect"]!.GetValue<double>()), ["detect_landmarks_descriptors"] = Round(tfjsPipeline) },
                ["speedup"] = Round(tfjsPipeline / ours),
            });
        }

        var frame = OneFaceFrame(package);
        var frameTimings = Measure(analyzer, frame, Math.Max(runs * 4, 20));
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
            ["speedup_vs_tfjs_wasm"] = Round(tfjsTotal / oursTotal),
            ["speedup_basis"] = "sum over the demo photos of the median of detection, landmarks and aligned descriptors; JPEG decode excluded on both sides",
            ["fps_640x480_one_face"] = Round(1000 / frameTimings.TotalMs),
            ["per_stage_ms_640x480"] = Stages(frameTimings),
            ["targets"] = new JsonObject { ["speedup_vs_tfjs_wasm"] = 2, ["fps_640x480_one_face"] = 15 },
            ["photos"] = photos,
        };

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outputPath))!);
        File.WriteAllText(outputPath, result.ToJsonString(Indented) + Environment.NewLine);
        return result;
    }

    /// <summary>Median per stage over <paramref name="runs"/> timed runs after one warm-up.</summary>
    private static StageTimings Measure(FaceAnalyzer analyzer, byte[] jpeg, int runs)
    {
        var samples = new List<StageTimings>();
        for (var run = 0; run <= runs; run++)
        {
            var timings = analyzer.Analyze(jpeg).Timings;
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
