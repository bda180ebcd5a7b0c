using System.Runtime.InteropServices;

namespace StreamOrleans.Benchmarks.Recommendations;

/// <summary>
/// CPU time consumed by the calling thread (Linux <c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c>). On a shared machine a
/// call's wall time includes time the thread sat preempted; its CPU time does not, so percentiles of CPU time show the
/// code's own cost. Returns NaN where the clock is unavailable.
/// </summary>
internal static class ThreadCpuClock
{
    private const int ClockThreadCpuTime = 3;

    /// <summary>The calling thread's CPU time so far, in milliseconds.</summary>
    public static double NowMilliseconds()
    {
        if (!OperatingSystem.IsLinux())
        {
            return double.NaN;
        }

        return ClockGetTime(ClockThreadCpuTime, out var time) == 0
            ? (time.Seconds * 1_000d) + (time.Nanoseconds / 1_000_000d)
            : double.NaN;
    }

    // DllImport rather than LibraryImport: the signature is blittable, and LibraryImport would need unsafe code enabled.
    [DllImport("libc", EntryPoint = "clock_gettime")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int ClockGetTime(int clockId, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
