using StreamOrleans.Benchmarks.OrleansPipeline;
using StreamOrleans.Grains.Interfaces.Diagnostics;
using StreamOrleans.Streaming.Log;

namespace StreamOrleans.Benchmarks.Soak;

/// <summary>
/// The pipeline benchmark's producer on our log (batches of the same 10,000 keys), which also counts what it sent
/// per key, so the end of the soak can compare every grain's count with it (lost and duplicated events per key, not
/// only in total), and which can send a slice of any size for the paced producer.
/// </summary>
internal sealed class SoakSide(IStreamLog log, IReadOnlyList<StreamRecord[]> batches, AppliedProbe probe) : PipelineSide("sqlite log", batches.Count)
{
    private readonly long[] _sentPerKey = new long[OrleansPipelineSettings.Keys];
    private readonly int[][] _keyIndexes = [.. batches.Select(batch => batch.Select(record => KeyIndex(record.Key)).ToArray())];
    private long _nextRecord;

    public override long Applied => probe.LogApplied;

    public override long Deliveries => probe.LogDeliveries;

    /// <summary>Events sent for key <c>counter-{index}</c> since start.</summary>
    public long SentFor(int index) => _sentPerKey[index];

    /// <summary>
    /// Appends the next <paramref name="count"/> records of the prepared batches (taken in order, wrapping around) as
    /// one log append. Not safe to call concurrently with other sends.
    /// </summary>
    public async Task ProduceSliceAsync(int count)
    {
        var records = new StreamRecord[count];
        for (var i = 0; i < count; i++, _nextRecord++)
        {
            var batch = (int)(_nextRecord / OrleansPipelineSettings.BatchSize % batches.Count);
            var slot = (int)(_nextRecord % OrleansPipelineSettings.BatchSize);
            records[i] = batches[batch][slot];
            _sentPerKey[_keyIndexes[batch][slot]]++;
        }

        await log.AppendAsync(CounterEvent.Topic, records);
        AddProduced(count);
    }

    protected override async Task<int> SendAsync(int index)
    {
        await log.AppendAsync(CounterEvent.Topic, batches[index]);
        foreach (var key in _keyIndexes[index])
        {
            _sentPerKey[key]++;
        }

        return batches[index].Length;
    }

    protected override async Task<int> SendEveryKeyOnceAsync()
    {
        var value = batches[0][0].Value;
        var records = Enumerable.Range(0, OrleansPipelineSettings.Keys).Select(i => new StreamRecord($"counter-{i}", value)).ToArray();
        foreach (var chunk in records.Chunk(OrleansPipelineSettings.BatchSize))
        {
            await log.AppendAsync(CounterEvent.Topic, chunk);
        }

        for (var i = 0; i < _sentPerKey.Length; i++)
        {
            _sentPerKey[i]++;
        }

        return records.Length;
    }

    private static int KeyIndex(string key) =>
        int.Parse(key.AsSpan("counter-".Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture);
}
