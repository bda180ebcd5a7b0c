namespace StreamOrleans.Grains.Interfaces.Cameras;

/// <summary>The camera pipeline's topics and record headers.</summary>
public static class CameraTopics
{
    /// <summary>Input: key = camera id, value = JPEG bytes.</summary>
    public const string Frames = "frames";

    /// <summary>Output: key = camera id, value = the annotated frame as JPEG bytes.</summary>
    public const string AnnotatedFrames = "frames-annotated";

    /// <summary>Header: capture time, ISO 8601 (round-trip format). Defaults to the log-append time when missing.</summary>
    public const string CaptureTimeHeader = "capture-time";

    /// <summary>Header: the camera's frame number (non-negative integer). Defaults to the camera's own count when missing.</summary>
    public const string FrameNumberHeader = "frame-number";

    /// <summary>Header of annotated frames: the source frame's offset in <see cref="Frames"/>.</summary>
    public const string SourceOffsetHeader = "source-offset";
}
