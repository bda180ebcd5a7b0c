using StreamOrleans.Grains.Cameras;
using StreamOrleans.Grains.Cameras.FaceDetection;
using StreamOrleans.Grains.Cameras.Landmarks;
using StreamOrleans.Grains.Cameras.Recognition;

namespace StreamOrleans.Tests.Grains.Cameras;

/// <summary>
/// The models on ONNX Runtime, loaded once for all tests (converted into the set-up cache on first use; read-only and
/// thread-safe). Two intra-op threads, as the benchmark measures.
/// </summary>
internal static class FaceModels
{
    private static readonly Lazy<FaceAnalyzer> Shared = new(() => FaceAnalyzer.Load(
        FaceAssets.ModelDirectory, new FaceAnalysisOptions { Inference = new() { IntraOpThreads = 2 } }));

    public static TinyFaceDetector Detector => Shared.Value.Detector;

    public static FaceLandmark68TinyNet Landmarks => Shared.Value.Landmarks;

    public static FaceRecognitionNet Recognition => Shared.Value.Recognition;

    /// <summary>An analyzer with <paramref name="options"/> over the shared models.</summary>
    public static FaceAnalyzer Analyzer(FaceAnalysisOptions? options = null) => Shared.Value.WithOptions(options ?? new FaceAnalysisOptions());
}
