using StreamOrleans.Grains.Cameras;
using StreamOrleans.Grains.Cameras.FaceDetection;
using StreamOrleans.Grains.Cameras.Landmarks;
using StreamOrleans.Grains.Cameras.Recognition;

namespace StreamOrleans.Tests.Grains.Cameras;

/// <summary>The models, loaded once for all tests (they are read-only and thread-safe).</summary>
internal static class FaceModels
{
    private static readonly Lazy<TinyFaceDetector> LazyDetector = new(() => TinyFaceDetector.Load(FaceAssets.ModelDirectory));
    private static readonly Lazy<FaceRecognitionNet> LazyRecognition = new(() => FaceRecognitionNet.Load(FaceAssets.ModelDirectory));

    private static readonly Lazy<FaceLandmark68TinyNet> LazyLandmarks = new(() => FaceLandmark68TinyNet.Load(FaceAssets.ModelDirectory));

    public static TinyFaceDetector Detector => LazyDetector.Value;

    public static FaceLandmark68TinyNet Landmarks => LazyLandmarks.Value;

    public static FaceAnalyzer Analyzer(FaceAnalysisOptions? options = null) => new(Detector, Landmarks, Recognition, options);

    public static FaceRecognitionNet Recognition => LazyRecognition.Value;
}
