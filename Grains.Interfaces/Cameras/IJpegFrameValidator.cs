namespace StreamOrleans.Grains.Interfaces.Cameras;

/// <summary>Checks that bytes are a JPEG the camera pipeline can decode (used by the HTTP ingest before appending).</summary>
public interface IJpegFrameValidator
{
    /// <summary>Null when <paramref name="jpeg"/> decodes within the pixel limit, else the reason.</summary>
    string? Validate(ReadOnlySpan<byte> jpeg);
}
