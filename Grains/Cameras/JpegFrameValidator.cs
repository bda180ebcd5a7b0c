using Microsoft.Extensions.Options;
using StreamOrleans.Grains.Cameras.Imaging;
using StreamOrleans.Grains.Interfaces.Cameras;

namespace StreamOrleans.Grains.Cameras;

/// <summary>Decodes a frame with libturbojpeg under Cameras:MaxPixels and reports why it cannot be used.</summary>
public sealed class JpegFrameValidator(IOptions<CamerasOptions> options) : IJpegFrameValidator
{
    private readonly JpegCodec _codec = new(options.Value.MaxPixels);

    public string? Validate(ReadOnlySpan<byte> jpeg)
    {
        try
        {
            _codec.Decode(jpeg);
            return null;
        }
        catch (InvalidImageException e)
        {
            return e.Message;
        }
    }
}
