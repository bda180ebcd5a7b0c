using StreamOrleans.Grains.Cameras.FaceDetection;
using StreamOrleans.Grains.Cameras.Imaging;
using StreamOrleans.Grains.Cameras.Onnx;

namespace StreamOrleans.Grains.Cameras;

/// <summary>Settings of <see cref="FaceAnalyzer"/>; every default is face-api's.</summary>
public sealed record FaceAnalysisOptions
{
    /// <summary>Detector input size and thresholds.</summary>
    public TinyFaceDetectorOptions Detector { get; init; } = new();

    /// <summary>True (default): landmarks, then the descriptor of the dlib-style aligned box; false: of the detection box.</summary>
    public bool AlignWithLandmarks { get; init; } = true;

    /// <summary>JPEG frames whose header declares more pixels than this are refused before decoding.</summary>
    public long MaxPixels { get; init; } = JpegCodec.DefaultMaxPixels;

    /// <summary>ONNX Runtime settings (intra-op threads, spinning).</summary>
    public OnnxInferenceOptions Inference { get; init; } = new();
}
