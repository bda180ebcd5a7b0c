using System.Diagnostics;
using System.Runtime.InteropServices;

namespace StreamOrleans.Tests.Integration.Chaos;

/// <summary>
/// One replica of the chaos cluster: the Api (silo co-hosted) started inside its network namespace with
/// <c>ip netns exec</c> (which execs, so the process id is the Api's), PostgreSQL clustering, log and state. It can be
/// SIGKILLed, SIGSTOPped and SIGCONTed; <see cref="Exited"/> tells the supervisor when it ended on its own (Orleans
/// stops a silo that finds itself declared dead). Every line it prints goes to its log file, stamped.
/// </summary>
internal sealed class ChaosReplica : IDisposable
{
    private const int SigKill = 9;
    private const int SigCont = 18;
    private const int SigStop = 19;
    private const int HttpPort = 8080;
    private readonly Func<string[]> _arguments;
    private readonly string _namespace;
    private readonly TextWriter _log;
    private Process? _process;
    private int _epoch;
    private bool _listening;

    public ChaosReplica(int index, string @namespace, string address, Func<string[]> arguments, TextWriter log)
    {
        Index = index;
        _namespace = @namespace;
        _arguments = arguments;
        _log = log;
        BaseAddress = new Uri($"http://{address}:{HttpPort}/");
    }

    public int Index { get; }

    public Uri BaseAddress { get; }

    /// <summary>Completes when the current process exits (replaced at each start).</summary>
    public Task Exited { get; private set; } = Task.CompletedTask;

    public bool Running => _process is { HasExited: false };

    /// <summary>Listening and not hung: what a load balancer's readiness probe would route to.</summary>
    public bool Ready => Running && !Stopped && Volatile.Read(ref _listening);

    /// <summary>Changes whenever the replica is started, killed or paused (a request spanning a change was cut by a fault).</summary>
    public int Epoch => Volatile.Read(ref _epoch);

    /// <summary>Whether the process is SIGSTOPped now.</summary>
    public bool Stopped { get; private set; }

    /// <summary>Starts the Api and waits until Kestrel listens (or the process ends: then it throws).</summary>
    public async Task StartAsync(TimeSpan timeout)
    {
        var info = new ProcessStartInfo("ip")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Support.RepositoryPaths.Root,
        };
        foreach (var argument in (string[])["netns", "exec", _namespace, "dotnet", Support.RepositoryPaths.ProjectAssembly("Api", "StreamOrleans.Api"),
            $"--urls=http://0.0.0.0:{HttpPort}", .. _arguments()])
        {
            info.ArgumentList.Add(argument);
        }

        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = Process.Start(info) ?? throw new InvalidOperationException("ip netns exec did not start");
        process.EnableRaisingEvents = true;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            Write(e.Data);
            if (e.Data.Contains("Now listening on:", StringComparison.Ordinal))
            {
                Volatile.Write(ref _listening, true);
                listening.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, e) => Write(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Volatile.Write(ref _listening, false);
        _process = process;
        Interlocked.Increment(ref _epoch);
        Stopped = false;
        Exited = process.WaitForExitAsync();
        Note($"started pid {process.Id}");

        var ended = await Task.WhenAny(listening.Task, Exited, Task.Delay(timeout));
        if (ended != listening.Task)
        {
            Kill();
            throw new InvalidOperationException(ended == Exited
                ? $"replica {Index} exited with {process.ExitCode} before listening (see its log)"
                : $"replica {Index} did not listen within {timeout.TotalSeconds:0} s");
        }
    }

    /// <summary>SIGKILL: no clean-up runs.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false } process)
        {
            Note("SIGKILL");
            Interlocked.Increment(ref _epoch);
            _ = Signal(process.Id, SigKill);
            process.WaitForExit();
            Stopped = false;
        }
    }

    /// <summary>SIGSTOP: the process hangs (no thread runs) until <see cref="Continue"/>.</summary>
    public void Pause()
    {
        if (_process is { HasExited: false } process)
        {
            Note("SIGSTOP");
            Interlocked.Increment(ref _epoch);
            _ = Signal(process.Id, SigStop);
            Stopped = true;
        }
    }

    /// <summary>SIGCONT after <see cref="Pause"/>.</summary>
    public void Continue()
    {
        if (_process is { HasExited: false } process && Stopped)
        {
            Note("SIGCONT");
            _ = Signal(process.Id, SigCont);
        }

        Stopped = false;
    }

    /// <summary>Writes a harness event into this replica's log.</summary>
    public void Note(string text) => Write($"[chaos] {text}");

    public void Dispose()
    {
        Continue();
        Kill();
        _process?.Dispose();
    }

    private void Write(string? line)
    {
        if (line is not null)
        {
            _log.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {line}");
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Signal(int pid, int signal);
}
