using System.Text;
using StreamOrleans.Streaming.Log;

namespace StreamOrleans.Benchmarks.OrleansPipeline;

/// <summary>The producer's prepared batches: 50 batches of 1000 counter-events records over 10,000 keys (seeded, so every run sends the same).</summary>
internal static class CounterBatches
{
    /// <summary>Builds the batches.</summary>
    public static List<StreamRecord[]> Make()
    {
        var value = Encoding.UTF8.GetBytes("""{"amount":1}""");
        var random = new Random(1);
        return [.. Enumerable.Range(0, 50).Select(_ => Enumerable.Range(0, OrleansPipelineSettings.BatchSize)
            .Select(_ => new StreamRecord($"counter-{random.Next(OrleansPipelineSettings.Keys)}", value)).ToArray())];
    }
}
