using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StreamOrleans.Grains.Cameras.FaceDetection;
using StreamOrleans.Grains.Cameras.Onnx;

namespace StreamOrleans.Grains.Cameras;

/// <summary>
/// The process's one <see cref="FaceAnalyzer"/>, loaded on first use from Cameras:ModelDirectory with the configured
/// detector settings, pixel limit and ONNX Runtime threads (the models are read-only and shared by every camera). The
/// first load converts face-api's weights to ONNX into Cameras:OnnxDirectory when they are not there yet.
/// </summary>
public sealed class FaceAnalyzerProvider : IDisposable
{
    private readonly Lazy<FaceAnalyzer> _analyzer;
    private readonly bool _owned;

    public FaceAnalyzerProvider(IOptions<CamerasOptions> options, ILogger<FaceAnalyzerProvider>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var value = options.Value;
        _analyzer = new Lazy<FaceAnalyzer>(() => Load(value, logger ?? (ILogger)NullLogger.Instance));
        _owned = true;
    }

    private FaceAnalyzerProvider(FaceAnalyzer analyzer) => _analyzer = new Lazy<FaceAnalyzer>(analyzer);

    /// <summary>The shared analyzer.</summary>
    /// <exception cref="InvalidOperationException">The model folder is missing.</exception>
    public FaceAnalyzer Analyzer => _analyzer.Value;

    /// <summary>A provider over an analyzer that is already loaded (tests, benchmarks).</summary>
    public static FaceAnalyzerProvider FromAnalyzer(FaceAnalyzer analyzer)
    {
        ArgumentNullException.ThrowIfNull(analyzer);
        return new FaceAnalyzerProvider(analyzer);
    }

    /// <summary>The analyzer settings that <paramref name="options"/> describe.</summary>
    public static FaceAnalysisOptions AnalysisOptions(CamerasOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new FaceAnalysisOptions
        {
            Detector = new TinyFaceDetectorOptions { InputSize = options.InputSize, ScoreThreshold = options.ScoreThreshold },
            MaxPixels = options.MaxPixels,
            Inference = new OnnxInferenceOptions { IntraOpThreads = options.InferenceThreads },
        };
    }

    /// <summary>Releases the ONNX Runtime sessions of an analyzer this provider loaded.</summary>
    public void Dispose()
    {
        if (_owned && _analyzer.IsValueCreated)
        {
            _analyzer.Value.Dispose();
        }
    }

    private static FaceAnalyzer Load(CamerasOptions options, ILogger logger)
    {
        var directory = options.ResolveModelDirectory();
        if (!File.Exists(Path.Combine(directory, "tiny_face_detector_model-weights_manifest.json")))
        {
            throw new InvalidOperationException(
                $"face-api's models are missing from '{directory}' (Cameras:ModelDirectory): run scripts/setup.sh, which fetches @vladmandic/face-api 1.7.15.");
        }

        return FaceAnalyzer.Load(directory, AnalysisOptions(options), options.OnnxDirectory, logger);
    }
}
