using System.Runtime.InteropServices;

namespace StreamOrleans.Tests.Support;

/// <summary>Sends POSIX signals to processes a test started (SIGTERM is what Ctrl+C, docker stop and Kubernetes send).</summary>
public static class PosixSignals
{
    private const int SigTerm = 15;

    /// <summary>Sends SIGTERM to <paramref name="processId"/>.</summary>
    public static void Terminate(int processId)
    {
        if (Kill(processId, SigTerm) != 0)
        {
            throw new InvalidOperationException($"kill({processId}, SIGTERM) failed with errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
