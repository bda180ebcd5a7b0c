using System.Diagnostics;

namespace StreamOrleans.Tests.Integration.Replicas;

/// <summary>What the replicas of one test reported (checkpoints with their time), and a way to await a condition on it.</summary>
internal sealed class ReplicaEvents
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Topic, int Partition), long> _committed = [];
    private readonly List<(string Replica, string Topic, int Partition, long Offset, long At)> _checkpoints = [];
    private readonly Support.ConditionWaiter _waiter = new();

    /// <summary>The highest offset committed for a partition by any replica.</summary>
    public long Committed(string topic, int partition)
    {
        lock (_gate)
        {
            return _committed.GetValueOrDefault((topic, partition));
        }
    }

    /// <summary>The first checkpoint of <paramref name="topic"/>/<paramref name="partition"/> by another replica than
    /// <paramref name="notBy"/> after the timestamp <paramref name="after"/>, or null.</summary>
    public long? FirstCheckpointAfter(string topic, int partition, long after, string notBy)
    {
        lock (_gate)
        {
            return _checkpoints.Where(c => c.Topic == topic && c.Partition == partition && c.At > after && c.Replica != notBy).Select(c => (long?)c.At).FirstOrDefault();
        }
    }

    public void RecordCheckpoint(string replica, string topic, int partition, long offset)
    {
        lock (_gate)
        {
            _checkpoints.Add((replica, topic, partition, offset, Stopwatch.GetTimestamp()));
            _committed[(topic, partition)] = Math.Max(offset, _committed.GetValueOrDefault((topic, partition)));
        }

        Notify();
    }

    public void Notify() => _waiter.Notify();

    /// <summary>Completes when <paramref name="condition"/> holds (checked after every report), or fails after <paramref name="timeout"/>.</summary>
    public Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string what) => _waiter.WaitUntilAsync(condition, timeout, what);
}
