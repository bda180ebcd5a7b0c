using System.Diagnostics;
using System.Globalization;

namespace StreamOrleans.Benchmarks.ScaleOut;

/// <summary>
/// One replica for the failover driver: the Api process (silo co-hosted) with Silo:ReportCheckpoints, whose
/// "checkpoint ..." lines (one per committed queue offset) are followed as they are printed. <see cref="Changes"/> wakes
/// whoever waits for them. With a <c>logPath</c>, every line the replica prints goes there too, stamped with the time it was
/// read (to see what a failover spends its seconds on).
/// </summary>
internal sealed class ReplicaProcess : IDisposable
{
    private readonly Process _process;
    private readonly Lock _gate = new();
    private readonly List<(int Partition, long Offset, long At)> _checkpoints = [];
    private readonly StreamWriter? _logFile;

    public ReplicaProcess(string apiAssembly, IEnumerable<string> arguments, ReplicaChanges changes, string? logPath = null)
    {
        _logFile = logPath is null ? null : new StreamWriter(logPath, append: true) { AutoFlush = true };
        Changes = changes;
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(apiAssembly);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        _process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        _process.ErrorDataReceived += (_, e) => Write(e.Data);
        _process.BeginErrorReadLine();
        _process.OutputDataReceived += (_, e) => OnLine(e.Data);
        _process.BeginOutputReadLine();
    }

    public ReplicaChanges Changes { get; }

    public bool Alive => !_process.HasExited;

    /// <summary>When this replica last committed <paramref name="partition"/>, or null if it never did.</summary>
    public long? LastCommitAt(int partition)
    {
        lock (_gate)
        {
            return _checkpoints.Where(c => c.Partition == partition).Select(c => (long?)c.At).LastOrDefault();
        }
    }

    /// <summary>When this replica first committed <paramref name="partition"/> at or past <paramref name="offset"/>, or null.</summary>
    public long? CommittedAt(int partition, long offset)
    {
        lock (_gate)
        {
            return _checkpoints.Where(c => c.Partition == partition && c.Offset >= offset).Select(c => (long?)c.At).FirstOrDefault();
        }
    }

    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
        lock (_gate)
        {
            _logFile?.Dispose();
        }
    }

    /// <summary>Notes an event of the driver (a kill, say) in this replica's log file.</summary>
    public void Note(string text) => Write($"[driver] {text}");

    private void Write(string? line)
    {
        if (line is null || _logFile is null)
        {
            return;
        }

        lock (_gate)
        {
            _logFile.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {line}");
        }
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        Write(line);
        if (line.Split(' ') is ["checkpoint", "counter-events", var partition, var offset])
        {
            lock (_gate)
            {
                _checkpoints.Add((int.Parse(partition, CultureInfo.InvariantCulture), long.Parse(offset, CultureInfo.InvariantCulture), Stopwatch.GetTimestamp()));
            }
        }
        else
        {
            return;
        }

        Changes.Notify();
    }
}
