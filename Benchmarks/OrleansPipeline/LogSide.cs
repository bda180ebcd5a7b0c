using StreamOrleans.Grains.Interfaces.Diagnostics;
using StreamOrleans.Streaming.Log;

namespace StreamOrleans.Benchmarks.OrleansPipeline;

/// <summary>
/// A plain producer on our log (as a Kafka producer would be): each batch of 1000 keyed records is one
/// <see cref="IStreamLog.AppendAsync"/>; <c>CounterGrain</c>s apply them through the log stream provider.
/// </summary>
internal sealed class LogSide(string name, IStreamLog log, IReadOnlyList<StreamRecord[]> batches, AppliedProbe probe) : PipelineSide(name, batches.Count)
{
    private int _stampedKey;

    public override long Applied => probe.LogApplied;

    public override long Deliveries => probe.LogDeliveries;

    /// <summary>Appends <paramref name="count"/> records stamped with the time of the call (latency rounds).</summary>
    public async Task ProduceStampedAsync(int count)
    {
        var value = StampedValue.Create(System.Diagnostics.Stopwatch.GetTimestamp());
        var records = new StreamRecord[count];
        for (var i = 0; i < count; i++, _stampedKey++)
        {
            var batch = batches[(_stampedKey / OrleansPipelineSettings.BatchSize) % batches.Count];
            records[i] = batch[_stampedKey % OrleansPipelineSettings.BatchSize] with { Value = value };
        }

        await log.AppendAsync(CounterEvent.Topic, records);
        AddProduced(count);
    }

    protected override async Task<int> SendEveryKeyOnceAsync()
    {
        var value = batches[0][0].Value;
        var records = Enumerable.Range(0, OrleansPipelineSettings.Keys).Select(i => new StreamRecord($"counter-{i}", value)).ToArray();
        foreach (var chunk in records.Chunk(OrleansPipelineSettings.BatchSize))
        {
            await log.AppendAsync(CounterEvent.Topic, chunk);
        }

        return records.Length;
    }

    protected override async Task<int> SendAsync(int index)
    {
        await log.AppendAsync(CounterEvent.Topic, batches[index]);
        return batches[index].Length;
    }
}
