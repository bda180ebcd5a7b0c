using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace StreamOrleans.Grains.Cameras;

/// <summary>Traces and metrics of the camera pipeline ("StreamOrleans.Cameras").</summary>
public static class CamerasTelemetry
{
    /// <summary>The ActivitySource and Meter name.</summary>
    public const string Name = "StreamOrleans.Cameras";

    /// <summary>Spans: camera.frame (one per frame) with children camera.analyze, camera.identify, camera.annotate, camera.publish.</summary>
    public static readonly ActivitySource ActivitySource = new(Name);

    /// <summary>Instruments.</summary>
    public static readonly Meter Meter = new(Name);

    /// <summary>Frames analysed, by camera.</summary>
    public static readonly Counter<long> Frames = Meter.CreateCounter<long>("streamorleans.cameras.frames", "{frame}", "Frames analysed");

    /// <summary>Frames refused as bad images (dead-lettered).</summary>
    public static readonly Counter<long> RejectedFrames = Meter.CreateCounter<long>("streamorleans.cameras.frames.rejected", "{frame}", "Frames dead-lettered as bad images");

    /// <summary>Faces found, by camera and whether they were named ("known").</summary>
    public static readonly Counter<long> Faces = Meter.CreateCounter<long>("streamorleans.cameras.faces", "{face}", "Faces found");

    /// <summary>Seconds per pipeline stage, by stage (decode, detect, landmarks, descriptors, identify, annotate, and "total": the whole analysis of one frame; Prometheus: streamorleans_cameras_stage_duration_seconds).</summary>
    public static readonly Histogram<double> StageDuration = Meter.CreateHistogram<double>("streamorleans.cameras.stage.duration", "s", "Duration of one pipeline stage of a frame",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1] });

    /// <summary>Seconds a frame analysis waited for an inference thread (Cameras:InferenceConcurrency).</summary>
    public static readonly Histogram<double> InferenceWait = Meter.CreateHistogram<double>("streamorleans.cameras.inference.wait", "s", "Seconds a frame waited for an inference thread");

    private static readonly Dictionary<string, double> FpsByCamera = new(StringComparer.Ordinal);

    /// <summary>Frames per second, by camera (the value each camera last reported).</summary>
    public static readonly ObservableGauge<double> Fps = Meter.CreateObservableGauge("streamorleans.cameras.fps", ObserveFps, "{frame}/s", "Frames per second per camera");

    /// <summary>Records a camera's current fps for the gauge.</summary>
    public static void ReportFps(string cameraId, double fps)
    {
        lock (FpsByCamera)
        {
            FpsByCamera[cameraId] = fps;
        }
    }

    private static IEnumerable<Measurement<double>> ObserveFps()
    {
        lock (FpsByCamera)
        {
            return [.. FpsByCamera.Select(c => new Measurement<double>(c.Value, new KeyValuePair<string, object?>("camera", c.Key)))];
        }
    }
}
