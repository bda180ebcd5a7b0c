using System.Diagnostics;
using System.Globalization;

namespace StreamOrleans.Benchmarks.ScaleOut;

/// <summary>
/// One replica for the failover driver: the Api process (silo co-hosted) with Silo:ReportCheckpoints, whose "owned ..."
/// and "checkpoint ..." lines are followed as they are printed. <see cref="Changes"/> wakes whoever waits for them.
/// </summary>
internal sealed class ReplicaProcess : IDisposable
{
    private readonly Process _process;
    private readonly Lock _gate = new();
    private readonly List<(int Partition, long Offset, long At)> _checkpoints = [];
    private HashSet<string> _owned = [];

    public ReplicaProcess(string apiAssembly, IEnumerable<string> arguments, ReplicaChanges changes)
    {
        Changes = changes;
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(apiAssembly);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        _process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginErrorReadLine();
        _process.OutputDataReceived += (_, e) => OnLine(e.Data);
        _process.BeginOutputReadLine();
    }

    public ReplicaChanges Changes { get; }

    public bool Alive => !_process.HasExited;

    /// <summary>Partitions of <paramref name="topic"/> this replica said it owns last.</summary>
    public int[] Owned(string topic)
    {
        lock (_gate)
        {
            return [.. _owned.Where(p => p.StartsWith(topic + "/", StringComparison.Ordinal)).Select(p => int.Parse(p[(topic.Length + 1)..], CultureInfo.InvariantCulture))];
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
        lock (_gate)
        {
            _owned = [];
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        if (line.StartsWith("owned", StringComparison.Ordinal))
        {
            lock (_gate)
            {
                _owned = [.. line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)];
            }
        }
        else if (line.Split(' ') is ["checkpoint", "counter-events", var partition, var offset])
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
