using Orleans;
using Orleans.Streams;
using StreamOrleans.Streaming.Log;

namespace StreamOrleans.Benchmarks.OrleansPipeline;

/// <summary>
/// The same batches on Orleans' memory streams. A memory stream has no multi-stream append, so each batch of 1000
/// records is grouped by key and every key's events go in one <c>OnNextBatchAsync</c> on its stream, all of them
/// concurrently, awaited together (one queue-grain call per key and batch).
/// </summary>
internal sealed class MemorySide : PipelineSide
{
    private readonly (IAsyncStream<MemoryCounterEvent> Stream, MemoryCounterEvent[] Events)[][] _batches;
    private readonly AppliedProbe _probe;

    private readonly IStreamProvider _streams;

    public MemorySide(string name, Orleans.IClusterClient client, string provider, IReadOnlyList<StreamRecord[]> batches, AppliedProbe probe)
        : base(name, batches.Count)
    {
        _probe = probe;
        var streams = _streams = client.GetStreamProvider(provider);
        var byKey = new Dictionary<string, IAsyncStream<MemoryCounterEvent>>(StringComparer.Ordinal);
        var one = new MemoryCounterEvent(1);
        _batches = [.. batches.Select(batch => batch
            .GroupBy(record => record.Key, StringComparer.Ordinal)
            .Select(group =>
            {
                if (!byKey.TryGetValue(group.Key, out var stream))
                {
                    stream = streams.GetStream<MemoryCounterEvent>(Orleans.Runtime.StreamId.Create(MemoryCounterGrain.Namespace, group.Key));
                    byKey.Add(group.Key, stream);
                }

                return (stream, group.Select(_ => one).ToArray());
            })
            .ToArray())];
    }

    public override long Applied => _probe.MemoryApplied;

    public override long Deliveries => _probe.MemoryDeliveries;

    protected override async Task<int> SendEveryKeyOnceAsync()
    {
        MemoryCounterEvent[] one = [new(1)];
        foreach (var chunk in Enumerable.Range(0, OrleansPipelineSettings.Keys).Chunk(OrleansPipelineSettings.BatchSize))
        {
            await Task.WhenAll(chunk.Select(i => _streams.GetStream<MemoryCounterEvent>(Orleans.Runtime.StreamId.Create(MemoryCounterGrain.Namespace, $"counter-{i}")).OnNextBatchAsync(one)));
        }

        return OrleansPipelineSettings.Keys;
    }

    protected override async Task<int> SendAsync(int index)
    {
        var batch = _batches[index];
        var sends = new Task[batch.Length];
        var count = 0;
        for (var i = 0; i < batch.Length; i++)
        {
            sends[i] = batch[i].Stream.OnNextBatchAsync(batch[i].Events);
            count += batch[i].Events.Length;
        }

        await Task.WhenAll(sends);
        return count;
    }
}
