namespace StreamOrleans.Benchmarks.OrleansPipeline;

/// <summary>One side of the comparison: a producer of the benchmark's batches and the count its consumer grains applied.</summary>
internal abstract class PipelineSide(string name, int batchCount)
{
    /// <summary>Name in the progress display.</summary>
    public string Name { get; } = name;

    /// <summary>Events produced by this side since start.</summary>
    public long Produced { get; private set; }

    /// <summary>Events its consumer grains applied (state written) since start.</summary>
    public abstract long Applied { get; }

    /// <summary>Deliveries (grain calls, each with one state write) its consumer grains handled since start.</summary>
    public abstract long Deliveries { get; }

    /// <summary>Produces batch <paramref name="index"/> (modulo the prepared batches) and waits until the stream accepted it.</summary>
    public async Task ProduceAsync(int index)
    {
        Produced += await SendAsync(index % batchCount);
    }

    /// <summary>Produces one event for each of the <see cref="OrleansPipelineSettings.Keys"/> keys (activation).</summary>
    public async Task ProduceEveryKeyOnceAsync() => Produced += await SendEveryKeyOnceAsync();

    /// <summary>Sends one prepared batch; returns its event count.</summary>
    protected abstract Task<int> SendAsync(int index);

    /// <summary>Sends one event per key; returns the event count.</summary>
    protected abstract Task<int> SendEveryKeyOnceAsync();

    /// <summary>Counts events produced outside <see cref="ProduceAsync"/> (the latency round's stamped batches).</summary>
    protected void AddProduced(int count) => Produced += count;

    /// <summary>Completes when everything produced was applied; fails after <paramref name="timeout"/>.</summary>
    public async Task DrainAsync(TimeSpan timeout)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        while (Applied < Produced)
        {
            if (System.Diagnostics.Stopwatch.GetElapsedTime(started) > timeout)
            {
                throw new TimeoutException($"{Name}: {Produced - Applied:N0} of {Produced:N0} produced events were not applied within {timeout.TotalSeconds:N0} s.");
            }

            await Task.Delay(5);
        }
    }
}
