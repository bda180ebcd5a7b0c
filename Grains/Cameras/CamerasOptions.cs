using System.ComponentModel.DataAnnotations;

namespace StreamOrleans.Grains.Cameras;

/// <summary>Settings of the camera pipeline (section "Cameras").</summary>
public sealed class CamerasOptions : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Cameras";

    /// <summary>face-api's model folder; default $STREAMORLEANS_CACHE/npm/@vladmandic+face-api-1.7.15/package/model, else the first .cache holding it above the working or binaries' folder.</summary>
    public string? ModelDirectory { get; set; }

    /// <summary>Where the face models converted to ONNX are cached; default <c>onnx</c> beside face-api's unpacked package.</summary>
    public string? OnnxDirectory { get; set; }

    /// <summary>ONNX Runtime intra-op threads per model run; 0 lets ONNX Runtime pick (one per core). Default 1.</summary>
    [Range(0, 64, ErrorMessage = "Cameras:InferenceThreads must be between 0 (ONNX Runtime's choice) and 64.")]
    public int InferenceThreads { get; set; } = 1;

    /// <summary>
    /// Frames analysed at once, each on a dedicated inference thread (not the thread pool Orleans runs grains on);
    /// 0 = half the cores, at least 1 (default), so the other streams keep the rest of the machine.
    /// </summary>
    [Range(0, 64, ErrorMessage = "Cameras:InferenceConcurrency must be between 0 (half the cores) and 64.")]
    public int InferenceConcurrency { get; set; }

    /// <summary>Tiny Face Detector input size (multiple of 32). Default 416.</summary>
    [Range(128, 1024, ErrorMessage = "Cameras:InputSize must be between 128 and 1024.")]
    public int InputSize { get; set; } = 416;

    /// <summary>Minimum detector score. Default 0.5.</summary>
    [Range(0.01, 0.99, ErrorMessage = "Cameras:ScoreThreshold must be between 0.01 and 0.99.")]
    public double ScoreThreshold { get; set; } = 0.5;

    /// <summary>
    /// Frames older than this (log-append time) when their turn comes are skipped unanalysed and counted as skipped, so
    /// a camera that falls behind catches up with the present. Default 5 s; 0 analyses every frame however old.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00", ErrorMessage = "Cameras:MaxFrameLag must be between 0 and 1 day.")]
    public TimeSpan MaxFrameLag { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Frames whose JPEG header declares more pixels are refused. Default 8,000,000.</summary>
    [Range(1, 100_000_000, ErrorMessage = "Cameras:MaxPixels must be between 1 and 100000000.")]
    public long MaxPixels { get; set; } = 8_000_000;

    /// <summary>Largest JPEG body accepted by the HTTP ingest and face enrolment, in bytes. Default 8 MiB.</summary>
    [Range(1024, 64 * 1024 * 1024, ErrorMessage = "Cameras:MaxFrameBytes must be between 1024 and 67108864.")]
    public int MaxFrameBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>Nearest / Classifier. Default Nearest.</summary>
    public IdentificationMethod Identification { get; set; } = IdentificationMethod.Nearest;

    /// <summary>Largest Euclidean descriptor distance that still names a person. Default 0.6 (face-api's).</summary>
    [Range(0.05, 2.0, ErrorMessage = "Cameras:MatchThreshold must be between 0.05 and 2.")]
    public double MatchThreshold { get; set; } = 0.6;

    /// <summary>Smallest classifier probability that still names a person. Default 0.8.</summary>
    [Range(0.0, 1.0, ErrorMessage = "Cameras:ClassifierThreshold must be between 0 and 1.")]
    public double ClassifierThreshold { get; set; } = 0.8;

    /// <summary>TrueType/OpenType font of the labels on annotated frames; default the first of DejaVu Sans / Liberation Sans found.</summary>
    public string? LabelFontFile { get; set; }

    /// <summary>JPEG quality of annotated frames. Default 80.</summary>
    [Range(1, 100, ErrorMessage = "Cameras:AnnotatedQuality must be between 1 and 100.")]
    public int AnnotatedQuality { get; set; } = 80;

    /// <summary>Resolves <see cref="InferenceConcurrency"/>: the configured value, or half the cores (at least 1).</summary>
    public int ResolveInferenceConcurrency() => InferenceConcurrency > 0 ? InferenceConcurrency : Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>Resolves <see cref="ModelDirectory"/>.</summary>
    public string ResolveModelDirectory()
    {
        if (!string.IsNullOrEmpty(ModelDirectory))
        {
            return ModelDirectory;
        }

        const string package = "npm/@vladmandic+face-api-1.7.15/package/model";
        return SetupCache.Find(package) ?? Path.GetFullPath(Path.Combine(".cache", package));
    }

    /// <inheritdoc/>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (InputSize % 32 != 0)
        {
            yield return new ValidationResult($"Cameras:InputSize must be a multiple of 32 (e.g. 320, 416); got {InputSize}.", [nameof(InputSize)]);
        }
    }
}
