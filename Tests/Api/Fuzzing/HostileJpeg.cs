using StreamOrleans.Grains.Cameras.Imaging;

namespace StreamOrleans.Tests.Api.Fuzzing;

/// <summary>
/// Corrupt and adversarial JPEGs from a seeded <see cref="Random"/>, made from one small valid JPEG: huge, zero and
/// lopsided dimensions declared in the SOF header (a decoder that trusts them allocates gigabytes), truncated scans,
/// flipped bytes in the entropy-coded data, segment lengths that run past the end, odd precisions and component
/// counts, progressive and arithmetic-coding markers, an SOI with nothing after it, and random bytes.
/// </summary>
public sealed class HostileJpeg
{
    private const byte Marker = 0xFF;

    /// <summary>A valid 48x32 colour JPEG (libturbojpeg), the starting point of every mutation.</summary>
    public byte[] Valid { get; } = MakeValid();

    /// <summary>One image: the valid one now and then, else a mutation of it or random bytes.</summary>
    public byte[] Next(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var jpeg = (byte[])Valid.Clone();
        switch (random.Next(12))
        {
            case 0:
                return jpeg;
            case 1:
            {
                // Huge or zero declared dimensions.
                ushort[] sizes = [0, 1, 65535, 65500, 30000, 2829, 4096];
                return WithSize(jpeg, sizes[random.Next(sizes.Length)], sizes[random.Next(sizes.Length)]);
            }

            case 2:
                // Dimensions under the pixel limit that the tiny scan cannot fill: a truncated scan of a big image.
                return WithSize(jpeg, 2000, 2000)[..(jpeg.Length - random.Next(1, jpeg.Length / 2))];
            case 3:
                return jpeg[..random.Next(2, jpeg.Length)];                                   // truncated anywhere
            case 4:
            {
                var start = ScanStart(jpeg);
                for (var i = 0; i < 1 + random.Next(16); i++)
                {
                    jpeg[start + random.Next(jpeg.Length - start - 2)] ^= (byte)(1 << random.Next(8));   // bit flips in the scan
                }

                return jpeg;
            }

            case 5:
            {
                // A segment whose length runs past the end of the data.
                var sof = Find(jpeg, 0xC0);
                jpeg[sof + 2] = Marker;
                jpeg[sof + 3] = Marker;
                return jpeg;
            }

            case 6:
            {
                var sof = Find(jpeg, 0xC0);
                byte[] precisions = [0, 1, 12, 16, 255];
                jpeg[sof + 4] = precisions[random.Next(precisions.Length)];
                return jpeg;
            }

            case 7:
            {
                var sof = Find(jpeg, 0xC0);
                byte[] components = [0, 2, 4, 5, 255];
                jpeg[sof + 9] = components[random.Next(components.Length)];
                return jpeg;
            }

            case 8:
            {
                // Progressive, lossless, arithmetic-coded or hierarchical frames with baseline data.
                byte[] markers = [0xC2, 0xC3, 0xC9, 0xCA, 0xCB, 0xC5, 0xCF];
                jpeg[Find(jpeg, 0xC0) + 1] = markers[random.Next(markers.Length)];
                return jpeg;
            }

            case 9:
                return [0xFF, 0xD8, .. (random.Next(2) == 0 ? new byte[] { 0xFF, 0xD9 } : new byte[] { 0xFF })];
            case 10:
            {
                var bytes = new byte[random.Next(1, 4096)];
                random.NextBytes(bytes);
                if (random.Next(2) == 0 && bytes.Length > 3)
                {
                    bytes[0] = 0xFF;
                    bytes[1] = 0xD8;
                    bytes[2] = 0xFF;
                }

                return bytes;
            }

            default:
            {
                // Random bytes anywhere, headers included.
                for (var i = 0; i < 1 + random.Next(8); i++)
                {
                    jpeg[2 + random.Next(jpeg.Length - 2)] = (byte)random.Next(256);
                }

                return jpeg;
            }
        }
    }

    private static byte[] WithSize(byte[] jpeg, ushort height, ushort width)
    {
        var sof = Find(jpeg, 0xC0);
        jpeg[sof + 5] = (byte)(height >> 8);
        jpeg[sof + 6] = (byte)height;
        jpeg[sof + 7] = (byte)(width >> 8);
        jpeg[sof + 8] = (byte)width;
        return jpeg;
    }

    // The index of marker FF <code> (the FF byte), walking the segments from SOI.
    private static int Find(byte[] jpeg, byte code)
    {
        var i = 2;
        while (i + 3 < jpeg.Length && jpeg[i] == Marker)
        {
            if (jpeg[i + 1] == code)
            {
                return i;
            }

            i += 2 + ((jpeg[i + 2] << 8) | jpeg[i + 3]);
        }

        throw new InvalidOperationException($"The base JPEG has no FF {code:X2} segment.");
    }

    // The first byte of entropy-coded data: after the SOS segment's header.
    private static int ScanStart(byte[] jpeg)
    {
        var sos = Find(jpeg, 0xDA);
        return sos + 2 + ((jpeg[sos + 2] << 8) | jpeg[sos + 3]);
    }

    private static byte[] MakeValid()
    {
        const int width = 48, height = 32;
        var rgb = new byte[width * height * 3];
        for (var i = 0; i < width * height; i++)
        {
            rgb[3 * i] = (byte)(i % width * 5);
            rgb[(3 * i) + 1] = (byte)(i / width * 8);
            rgb[(3 * i) + 2] = (byte)(i * 7);
        }

        using var image = new RgbImage(width, height, rgb);
        return JpegCodec.Encode(image);
    }
}
