using StreamOrleans.Grains.Cameras.Imaging;

namespace StreamOrleans.Tests.Grains.Cameras;

/// <summary>One of each kind of image the camera pipeline must refuse, with a fragment of the expected reason.</summary>
internal static class BadImages
{
    /// <summary>Pixel limit used by the tests (the demo photos are at most 1920x1537 = 2,951,040 pixels).</summary>
    public const long MaxPixels = 3_000_000;

    public static IReadOnlyList<(string Kind, byte[] Bytes, string Reason)> All() =>
    [
        ("corrupt", Corrupt(), "Corrupt or truncated JPEG"),
        ("truncated", Truncated(), "Corrupt or truncated JPEG"),
        ("cut-before-frame-header", CutBeforeFrameHeader(), "The JPEG ends before its frame header (SOF marker): 4000 bytes are not a complete JPEG"),
        ("non-jpeg", "GIF89a this is not a JPEG"u8.ToArray(), "Not a JPEG"),
        ("empty", [], "empty"),
        ("oversized", Oversized(), "over the limit of 3000000 pixels"),
    ];

    /// <summary>sample2.jpg with 4 KiB of its entropy-coded data overwritten by noise.</summary>
    public static byte[] Corrupt()
    {
        var jpeg = FaceAssets.DemoPhoto("sample2.jpg");
        var noise = new byte[4096];
        new Random(11).NextBytes(noise);
        noise.CopyTo(jpeg, jpeg.Length / 2);
        return jpeg;
    }

    /// <summary>The first 60% of sample2.jpg.</summary>
    public static byte[] Truncated()
    {
        var jpeg = FaceAssets.DemoPhoto("sample2.jpg");
        return jpeg[..(jpeg.Length * 6 / 10)];
    }

    /// <summary>The first 4000 bytes of sample2.jpg: its APP and first quantisation segments, but not its SOF0 (at byte 4332).</summary>
    public static byte[] CutBeforeFrameHeader() => FaceAssets.DemoPhoto("sample2.jpg")[..4000];

    /// <summary>A valid 2000x1600 JPEG: 3,200,000 pixels, over <see cref="MaxPixels"/>.</summary>
    public static byte[] Oversized() => JpegCodec.Encode(new RgbImage(2000, 1600, new byte[2000 * 1600 * 3]), 50);

    /// <summary>A valid small JPEG with no face (flat grey).</summary>
    public static byte[] NoFace()
    {
        var pixels = new byte[320 * 240 * 3];
        Array.Fill(pixels, (byte)128);
        return JpegCodec.Encode(new RgbImage(320, 240, pixels));
    }
}
