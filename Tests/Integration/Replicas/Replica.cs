using System.Diagnostics;
using System.Globalization;
using StreamOrleans.Tests.Support;

namespace StreamOrleans.Tests.Integration.Replicas;

/// <summary>
/// One replica: a real Api process (silo co-hosted) whose "owned ..." and "checkpoint ..." lines (Silo:ReportCheckpoints)
/// are followed as they are printed, so tests await hand-overs and progress instead of polling.
/// </summary>
internal sealed class Replica : IAsyncDisposable
{
    private readonly ReplicaEvents _events;
    private readonly Task _follower;

    private Replica(string name, ChildProcess process, Uri address, ReplicaEvents events)
    {
        Name = name;
        Process = process;
        Address = address;
        _events = events;
        _follower = Task.Run(FollowAsync);
    }

    public string Name { get; }

    public ChildProcess Process { get; }

    public Uri Address { get; }

    /// <summary>The partitions this replica said it owns last (empty until its first assignment, and after it stopped).</summary>
    public IReadOnlySet<string> Owned { get; private set; } = new HashSet<string>();

    public bool Stopped { get; private set; }

    /// <summary>Everything the replica printed (for failure messages).</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> Output { get; } = new();

    public static async Task<Replica> StartAsync(string name, IEnumerable<string> arguments, ReplicaEvents events)
    {
        var (process, address) = await ApiProcess.StartAsync(RepositoryPaths.ProjectAssembly("Api", "StreamOrleans.Api"), arguments);
        return new Replica(name, process, address, events);
    }

    /// <summary>SIGKILL: no clean-up runs; returns the moment of the kill.</summary>
    public async Task<long> KillAsync()
    {
        var at = Stopwatch.GetTimestamp();
        await Process.KillAsync();
        Stopped = true;
        Owned = new HashSet<string>();
        _events.Notify();
        return at;
    }

    /// <summary>SIGTERM: the replica hands its partitions over after checkpointing and exits.</summary>
    public async Task StopGracefullyAsync(TimeSpan timeout)
    {
        PosixSignals.Terminate(Process.Id);
        await Process.WaitForExitAsync(timeout);
        await _follower;
        Stopped = true;
        Owned = new HashSet<string>();
        _events.Notify();
    }

    public async ValueTask DisposeAsync()
    {
        await Process.DisposeAsync();
        await _follower;
    }

    private async Task FollowAsync()
    {
        await foreach (var line in Process.Lines.ReadAllAsync())
        {
            Output.Enqueue(line);
            if (line.StartsWith("owned", StringComparison.Ordinal))
            {
                Owned = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToHashSet(StringComparer.Ordinal);
                _events.Notify();
            }
            else if (line.Split(' ') is ["checkpoint", var topic, var partition, var offset])
            {
                _events.RecordCheckpoint(Name, topic, int.Parse(partition, CultureInfo.InvariantCulture), long.Parse(offset, CultureInfo.InvariantCulture));
            }
        }
    }
}
