using System.Runtime.InteropServices;

namespace StreamOrleans.Grains.Cameras.Imaging;

/// <summary>
/// The subset of libjpeg-turbo's TurboJPEG C API (turbojpeg.h, API 2.x) that we call. Debian's package
/// <c>libturbojpeg0</c> ships it as <c>libturbojpeg.so.0</c>.
/// </summary>
internal static partial class TurboJpegNative
{
    public const string Library = "libturbojpeg.so.0";

    /// <summary>TJPF_RGBA: R, G, B, A bytes (A = 255 when decoding), Skia's Rgba8888.</summary>
    public const int PixelFormatRgba = 7;

    /// <summary>TJSAMP_420: 2x2 chroma subsampling.</summary>
    public const int Subsampling420 = 2;

    /// <summary>No flags: accurate DCT, fancy upsampling; tjCompress2 allocates its output buffer (freed with tjFree).</summary>
    public const int NoFlags = 0;

    /// <summary>TJFLAG_STOPONWARNING: treat libjpeg warnings (e.g. "Premature end of JPEG file") as errors.</summary>
    public const int FlagStopOnWarning = 8192;

    /// <summary>TJFLAG_LIMITSCANS: refuse progressive images with an absurd number of scans (a known DoS).</summary>
    public const int FlagLimitScans = 32768;

    [LibraryImport(Library, EntryPoint = "tjInitDecompress")]
    public static partial IntPtr InitDecompress();

    [LibraryImport(Library, EntryPoint = "tjInitCompress")]
    public static partial IntPtr InitCompress();

    [LibraryImport(Library, EntryPoint = "tjDestroy")]
    public static partial int Destroy(IntPtr handle);

    [LibraryImport(Library, EntryPoint = "tjDecompressHeader3")]
    public static unsafe partial int DecompressHeader3(
        IntPtr handle, byte* jpegBuf, nuint jpegSize, out int width, out int height, out int subsampling, out int colorspace);

    [LibraryImport(Library, EntryPoint = "tjDecompress2")]
    public static unsafe partial int Decompress2(
        IntPtr handle, byte* jpegBuf, nuint jpegSize, byte* dstBuf, int width, int pitch, int height, int pixelFormat, int flags);

    [LibraryImport(Library, EntryPoint = "tjCompress2")]
    public static unsafe partial int Compress2(
        IntPtr handle, byte* srcBuf, int width, int pitch, int height, int pixelFormat,
        ref IntPtr jpegBuf, ref nuint jpegSize, int jpegSubsamp, int jpegQual, int flags);

    [LibraryImport(Library, EntryPoint = "tjFree")]
    public static partial void Free(IntPtr buffer);

    [LibraryImport(Library, EntryPoint = "tjGetErrorStr2")]
    public static partial IntPtr GetErrorStr2(IntPtr handle);

    /// <summary>The handle's last error message (a static string inside the library, never freed).</summary>
    public static string LastError(IntPtr handle) =>
        Marshal.PtrToStringUTF8(GetErrorStr2(handle)) ?? "unknown libturbojpeg error";
}
