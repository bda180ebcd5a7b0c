using System.Diagnostics;
using Microsoft.Extensions.Logging;
using StreamOrleans.Grains.Cameras.FaceDetection;
using StreamOrleans.Grains.Cameras.Imaging;
using StreamOrleans.Grains.Cameras.Landmarks;
using StreamOrleans.Grains.Cameras.Onnx;
using StreamOrleans.Grains.Cameras.Recognition;

namespace StreamOrleans.Grains.Cameras;

/// <summary>
/// The camera model pipeline, as face-api composes it (detectAllFaces(TinyFaceDetector).withFaceLandmarks(true)
/// .withFaceDescriptors()): decode JPEG -> detect -> tiny 68-point landmarks -> dlib-style aligned box -> 128-d
/// descriptor, the three models on ONNX Runtime (landmarks and descriptors batched over a frame's faces). Thread-safe,
/// so one instance serves every camera in a process; disposing it releases the ONNX Runtime sessions.
/// </summary>
public sealed class FaceAnalyzer : IDisposable
{
    private readonly OnnxModel[] _models;
    private readonly TinyFaceDetector _detector;
    private readonly FaceLandmark68TinyNet _landmarks;
    private readonly FaceRecognitionNet _recognition;
    private readonly JpegCodec _codec;
    private readonly FaceAnalysisOptions _options;

    private FaceAnalyzer(FaceAnalyzer shared, FaceAnalysisOptions options)
    {
        _options = options;
        _models = [];
        _detector = shared._detector;
        _landmarks = shared._landmarks;
        _recognition = shared._recognition;
        _codec = new JpegCodec(options.MaxPixels);
    }

    private FaceAnalyzer(FaceOnnxModelFiles files, FaceAnalysisOptions options)
    {
        _options = options;
        _models = [new OnnxModel(files.Detector, options.Inference), new OnnxModel(files.Landmarks, options.Inference), new OnnxModel(files.Recognition, options.Inference)];
        _detector = new TinyFaceDetector(_models[0]);
        _landmarks = new FaceLandmark68TinyNet(_models[1]);
        _recognition = new FaceRecognitionNet(_models[2]);
        _codec = new JpegCodec(_options.MaxPixels);
    }

    /// <summary>
    /// Loads the three models from face-api's model folder (…/@vladmandic/face-api/model), converting them to ONNX
    /// into <paramref name="onnxDirectory"/> (default: <see cref="FaceOnnxModelStore.DefaultDirectory"/>) on first use.
    /// </summary>
    public static FaceAnalyzer Load(string modelDirectory, FaceAnalysisOptions? options = null, string? onnxDirectory = null, ILogger? logger = null)
    {
        options ??= new FaceAnalysisOptions();
        var files = FaceOnnxModelStore.Ensure(modelDirectory, onnxDirectory, logger);
        var analyzer = new FaceAnalyzer(files, options);
        if (logger is not null)
        {
            FaceOnnxLog.Loaded(logger, options.Inference.IntraOpThreads, Path.GetDirectoryName(files.Detector)!);
        }

        return analyzer;
    }

    public FaceAnalysisOptions Options => _options;

    /// <summary>
    /// An analyzer with other detector / alignment / pixel-limit settings over this one's loaded models (their
    /// inference settings stay); disposing it leaves the models to this one.
    /// </summary>
    public FaceAnalyzer WithOptions(FaceAnalysisOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new FaceAnalyzer(this, options);
    }

    public TinyFaceDetector Detector => _detector;

    public FaceLandmark68TinyNet Landmarks => _landmarks;

    public FaceRecognitionNet Recognition => _recognition;

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
        if (detections.Count == 0)
        {
            return ([], new StageTimings(0, detectMs, 0, 0));
        }

        start = Stopwatch.GetTimestamp();
        var landmarks = _options.AlignWithLandmarks
            ? _landmarks.Detect(image, [.. detections.Select(d => d.Box)])
            : new FaceLandmarks68?[detections.Count];
        var landmarksMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;

        start = Stopwatch.GetTimestamp();
        var boxes = detections.Select((d, i) => landmarks[i]?.AlignedBox() ?? d.Box).ToArray();
        var descriptors = _recognition.ComputeDescriptors(image, boxes);
        var descriptorsMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        var faces = new List<AnalyzedFace>(detections.Count);
        for (var i = 0; i < detections.Count; i++)
        {
            if (descriptors[i] is { } descriptor)
            {
                faces.Add(new AnalyzedFace(detections[i], landmarks[i], boxes[i], descriptor));
            }
        }

        return (faces, new StageTimings(0, detectMs, landmarksMs, descriptorsMs));
    }

    public void Dispose()
    {
        foreach (var model in _models)
        {
            model.Dispose();
        }
    }
}
