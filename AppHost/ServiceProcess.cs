using System.Diagnostics;
using System.Runtime.InteropServices;

namespace StreamOrleans.AppHost;

/// <summary>A service of the local system run as a child process; stopped gracefully with SIGTERM.</summary>
internal sealed partial class ServiceProcess : IAsyncDisposable
{
    private const int SigTerm = 15;
    private readonly Process _process;

    private ServiceProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    public string Name { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>The exit code, once <see cref="HasExited"/>.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>Starts <c>dotnet ASSEMBLY ARGS</c> (with extra <paramref name="environment"/> variables), sending its output to <paramref name="logFile"/>.</summary>
    public static ServiceProcess Start(string name, string assembly, IEnumerable<string> arguments, string logFile, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        info.ArgumentList.Add(assembly);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"{name} did not start");
        var log = new StreamWriter(logFile, append: false) { AutoFlush = true };

        // The file closes when both pipes reached their end, not when the process exited: Exited can come before the
        // last lines were read, and those are the lines saying how the service stopped.
        var openPipes = 2;
        void OnLine(DataReceivedEventArgs e)
        {
            if (e.Data is not null)
            {
                Write(log, e.Data);
            }
            else if (Interlocked.Decrement(ref openPipes) == 0)
            {
                lock (log)
                {
                    log.Dispose();
                }
            }
        }

        process.OutputDataReceived += (_, e) => OnLine(e);
        process.ErrorDataReceived += (_, e) => OnLine(e);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ServiceProcess(name, process);
    }

    /// <summary>Asks the process to stop (SIGTERM: the host finishes in-flight work and checkpoints) and waits for it.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        if (_process.HasExited)
        {
            return;
        }

        _ = Kill(_process.Id, SigTerm);
        using var wait = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(30));
        _process.Dispose();
    }

    private static void Write(StreamWriter log, string line)
    {
        lock (log)
        {
            log.WriteLine(line);
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
