using Google.Protobuf;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StreamOrleans.Grains.Cameras.Onnx.Tfjs;
using StreamOrleans.Grains.Cameras.Onnx.Proto;

namespace StreamOrleans.Grains.Cameras.Onnx;

/// <summary>
/// The converted face models on disk: <c>{onnxDirectory}/v{converter version}/*.onnx</c>. Missing files are converted
/// from face-api's TF.js weights on first use (a log line says so; about a second) and written atomically (temporary
/// file, then rename), so processes that start together never read a half-written model.
/// </summary>
public static class FaceOnnxModelStore
{
    /// <summary>The default ONNX folder for a face-api model folder: <c>onnx</c> beside the unpacked npm package.</summary>
    public static string DefaultDirectory(string modelDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelDirectory);
        return Path.GetFullPath(Path.Combine(modelDirectory, "..", "..", "onnx"));
    }

    /// <summary>Paths of the three ONNX models, converting the ones that are missing.</summary>
    /// <exception cref="FileNotFoundException">face-api's weights are missing from <paramref name="modelDirectory"/>.</exception>
    public static FaceOnnxModelFiles Ensure(string modelDirectory, string? onnxDirectory = null, ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelDirectory);
        logger ??= NullLogger.Instance;
        var folder = Path.Combine(onnxDirectory ?? DefaultDirectory(modelDirectory), $"v{FaceApiOnnxConverter.Version}");
        var files = new FaceOnnxModelFiles(
            Path.Combine(folder, FaceApiOnnxConverter.DetectorFile),
            Path.Combine(folder, FaceApiOnnxConverter.LandmarksFile),
            Path.Combine(folder, FaceApiOnnxConverter.RecognitionFile));
        Convert(modelDirectory, FaceApiOnnxConverter.DetectorManifest, files.Detector, FaceApiOnnxConverter.TinyFaceDetector, logger);
        Convert(modelDirectory, FaceApiOnnxConverter.LandmarksManifest, files.Landmarks, FaceApiOnnxConverter.FaceLandmark68Tiny, logger);
        Convert(modelDirectory, FaceApiOnnxConverter.RecognitionManifest, files.Recognition, FaceApiOnnxConverter.FaceRecognition, logger);
        return files;
    }

    private static void Convert(string modelDirectory, string manifest, string target, Func<WeightMap, ModelProto> build, ILogger logger)
    {
        if (File.Exists(target))
        {
            return;
        }

        var source = Path.Combine(modelDirectory, manifest);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var model = build(TfjsWeightsLoader.Load(source));
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temporary = $"{target}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        File.WriteAllBytes(temporary, model.ToByteArray());
        File.Move(temporary, target, overwrite: true);
        FaceOnnxLog.Converted(logger, source, target, model.Graph.Node.Count, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }
}
