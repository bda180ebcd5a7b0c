using System.Diagnostics;
using StreamOrleans.Grains.Cameras.FaceDetection;
using StreamOrleans.Grains.Cameras.Imaging;
using StreamOrleans.Grains.Cameras.Landmarks;
using StreamOrleans.Grains.Cameras.Recognition;

namespace StreamOrleans.Grains.Cameras.Inference.Previous;

/// <summary>
/// The camera model pipeline, as face-api composes it (detectAllFaces(KernelTinyFaceDetector).withFaceLandmarks(true)
/// .withFaceDescriptors()): decode JPEG -> detect -> tiny 68-point landmarks -> dlib-style aligned box -> 128-d
/// descriptor. Holds the three loaded models; thread-safe, so one instance can serve every camera in a process.
/// </summary>
public sealed class KernelFaceAnalyzer
{
    private readonly KernelTinyFaceDetector _detector;
    private readonly KernelFaceLandmark68TinyNet _landmarks;
    private readonly KernelFaceRecognitionNet _recognition;
    private readonly JpegCodec _codec;
    private readonly FaceAnalysisOptions _options;

    public KernelFaceAnalyzer(KernelTinyFaceDetector detector, KernelFaceLandmark68TinyNet landmarks, KernelFaceRecognitionNet recognition, FaceAnalysisOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(detector);
        ArgumentNullException.ThrowIfNull(landmarks);
        ArgumentNullException.ThrowIfNull(recognition);
        _detector = detector;
        _landmarks = landmarks;
        _recognition = recognition;
        _options = options ?? new FaceAnalysisOptions();
        _codec = new JpegCodec(_options.MaxPixels);
    }

    /// <summary>Loads all three models from face-api's model folder (…/@vladmandic/face-api/model).</summary>
    public static KernelFaceAnalyzer Load(string modelDirectory, FaceAnalysisOptions? options = null) =>
        new(KernelTinyFaceDetector.Load(modelDirectory), KernelFaceLandmark68TinyNet.Load(modelDirectory), KernelFaceRecognitionNet.Load(modelDirectory), options);

    public FaceAnalysisOptions Options => _options;

    /// <exception cref="InvalidImageException">The frame is not a decodable JPEG within the pixel limit.</exception>
    public FrameAnalysis Analyze(ReadOnlySpan<byte> jpeg)
    {
        var start = Stopwatch.GetTimestamp();
        var image = _codec.Decode(jpeg);
        var decodeMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        var (faces, timings) = Analyze(image);
        return new FrameAnalysis(image, faces, timings with { DecodeMs = decodeMs });
    }

    /// <summary>Runs detection, landmarks and descriptors on an already decoded image.</summary>
    public (IReadOnlyList<AnalyzedFace> Faces, StageTimings Timings) Analyze(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var start = Stopwatch.GetTimestamp();
        var detections = _detector.Detect(image, _options.Detector);
        var detectMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        double landmarksMs = 0, descriptorsMs = 0;
        var faces = new List<AnalyzedFace>(detections.Count);
        foreach (var detection in detections)
        {
            start = Stopwatch.GetTimestamp();
            var landmarks = _options.AlignWithLandmarks ? _landmarks.Detect(image, detection.Box) : null;
            landmarksMs += Stopwatch.GetElapsedTime(start).TotalMilliseconds;

            start = Stopwatch.GetTimestamp();
            var box = landmarks?.AlignedBox() ?? detection.Box;
            var descriptor = _recognition.ComputeDescriptor(image, box);
            descriptorsMs += Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (descriptor is not null)
            {
                faces.Add(new AnalyzedFace(detection, landmarks, box, descriptor));
            }
        }

        return (faces, new StageTimings(0, detectMs, landmarksMs, descriptorsMs));
    }
}
