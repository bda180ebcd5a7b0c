using System.Diagnostics;
using System.Globalization;
using StreamOrleans.Tests.Support;

namespace StreamOrleans.Tests.Integration;

/// <summary>
/// The commits of one topic's queues as several silo processes report them ("checkpoint TOPIC PARTITION OFFSET",
/// Silo:ReportCheckpoints): the highest offset per partition, which silo committed each partition last, and when the
/// queues of a killed silo were first committed by another one. Tests await <see cref="Signal"/> instead of polling.
/// </summary>
internal sealed class QueueCommits(int silos)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<int, (int Silo, long Offset)> _last = [];
    private readonly int[] _bySilo = new int[silos];
    private HashSet<int> _watched = [];
    private int _watchedSilo = -1;

    /// <summary>Notified after every commit.</summary>
    public ConditionWaiter Signal { get; } = new();

    /// <summary>True once every watched queue has been committed by another silo than the watched one.</summary>
    public bool TakenOver { get; private set; }

    /// <summary>Stopwatch timestamp of the last watched queue's first commit by another silo.</summary>
    public long TakenOverAt { get; private set; }

    /// <summary>Stopwatch timestamp of the first watched queue's first commit by another silo.</summary>
    public long FirstTakenOverAt { get; private set; }

    /// <summary>Follows <paramref name="lines"/> of silo number <paramref name="silo"/> until they end.</summary>
    public async Task FollowAsync(System.Threading.Channels.ChannelReader<string> lines, int silo, string topic, Action<string>? other = null)
    {
        ArgumentNullException.ThrowIfNull(lines);
        await foreach (var line in lines.ReadAllAsync())
        {
            if (line.Split(' ') is ["checkpoint", var lineTopic, var partition, var offset] && lineTopic == topic)
            {
                Add(silo, int.Parse(partition, CultureInfo.InvariantCulture), long.Parse(offset, CultureInfo.InvariantCulture));
            }
            else
            {
                other?.Invoke(line);
            }
        }
    }

    /// <summary>Records that <paramref name="silo"/> committed <paramref name="partition"/> up to <paramref name="offset"/>.</summary>
    public void Add(int silo, int partition, long offset)
    {
        lock (_gate)
        {
            var old = _last.GetValueOrDefault(partition, (-1, -1L));
            _last[partition] = (silo, Math.Max(old.Item2, offset));
            _bySilo[silo]++;
            if (silo != _watchedSilo && _watched.Remove(partition) && FirstTakenOverAt == 0)
            {
                FirstTakenOverAt = Stopwatch.GetTimestamp();
            }

            if (silo != _watchedSilo && _watchedSilo >= 0 && _watched.Count == 0 && !TakenOver)
            {
                TakenOverAt = Stopwatch.GetTimestamp();
                TakenOver = true;
            }
        }

        Signal.Notify();
    }

    /// <summary>From now on, watches for <paramref name="partitions"/> to be committed by another silo than <paramref name="bySilo"/>.</summary>
    public void WatchTakeover(IReadOnlyCollection<int> partitions, int bySilo)
    {
        lock (_gate)
        {
            _watched = [.. partitions];
            _watchedSilo = bySilo;
        }
    }

    /// <summary>The highest committed offset of <paramref name="partition"/>, or -1.</summary>
    public long OffsetOf(int partition)
    {
        lock (_gate)
        {
            return _last.TryGetValue(partition, out var last) ? last.Offset : -1;
        }
    }

    /// <summary>The partitions <paramref name="silo"/> committed last.</summary>
    public IReadOnlyCollection<int> PartitionsOf(int silo)
    {
        lock (_gate)
        {
            return [.. _last.Where(l => l.Value.Silo == silo).Select(l => l.Key)];
        }
    }

    /// <inheritdoc />
    public override string ToString()
    {
        lock (_gate)
        {
            return $"commits per silo {string.Join(", ", _bySilo)}; last committer per partition {string.Join(" ", _last.OrderBy(l => l.Key).Select(l => $"{l.Key}:{l.Value.Silo}"))}";
        }
    }
}
