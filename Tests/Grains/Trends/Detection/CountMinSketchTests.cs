using System.Text.Json;
using StreamOrleans.Grains.Trends.Demo;
using StreamOrleans.Grains.Trends.Detection;

namespace StreamOrleans.Tests.Grains.Trends.Detection;

public class CountMinSketchTests
{
    private static (Dictionary<string, long> Exact, List<(string Key, long Count)> Stream) ZipfStream(ulong seed)
    {
        var random = new DeterministicRandom(seed);
        var zipf = new ZipfSampler(20_000, 1.0);
        var exact = new Dictionary<string, long>(StringComparer.Ordinal);
        var stream = new List<(string, long)>();
        for (var i = 0; i < 100_000; i++)
        {
            var key = $"topic-{zipf.Sample(random)}";
            var count = random.Next(1, 3);
            exact[key] = exact.GetValueOrDefault(key) + count;
            stream.Add((key, count));
        }

        return (exact, stream);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Never_underestimates_and_error_stays_within_epsilon_n_with_probability_one_minus_delta(bool conservative)
    {
        const double epsilon = 0.001;
        const double delta = 0.01;
        var (exact, stream) = ZipfStream(7);
        var sketch = CountMinSketch.ForErrorBounds(epsilon, delta, conservativeUpdate: conservative);
        Assert.Equal((int)Math.Ceiling(Math.E / epsilon), sketch.Width);
        Assert.Equal((int)Math.Ceiling(Math.Log(1 / delta)), sketch.Depth);
        foreach (var (key, count) in stream)
        {
            sketch.Add(key, count);
        }

        var n = sketch.TotalCount;
        var overBound = 0;
        foreach (var (key, truth) in exact)
        {
            var estimate = sketch.Estimate(key);
            Assert.True(estimate >= truth, $"{key}: estimate {estimate} < true {truth}");
            if (estimate - truth > epsilon * n)
            {
                overBound++;
            }
        }

        // Each key exceeds the bound with probability at most delta; allow twice that over all keys.
        Assert.True(overBound <= 2 * delta * exact.Count, $"{overBound} of {exact.Count} keys over epsilon N");
    }

    [Fact]
    public void Conservative_update_is_never_worse_than_plain_update()
    {
        var (exact, stream) = ZipfStream(9);
        var plain = new CountMinSketch(500, 4);
        var conservative = new CountMinSketch(500, 4, conservativeUpdate: true);
        foreach (var (key, count) in stream)
        {
            plain.Add(key, count);
            conservative.Add(key, count);
        }

        long plainError = 0;
        long conservativeError = 0;
        foreach (var (key, truth) in exact)
        {
            var c = conservative.Estimate(key);
            Assert.InRange(c, truth, plain.Estimate(key));
            plainError += plain.Estimate(key) - truth;
            conservativeError += c - truth;
        }

        Assert.True(conservativeError < plainError);
    }

    [Fact]
    public void Same_seed_gives_the_same_sketch_and_state_round_trips()
    {
        var a = new CountMinSketch(64, 3, seed: 99);
        var b = new CountMinSketch(64, 3, seed: 99);
        a.Add("hello", 3);
        b.Add("hello", 3);
        Assert.Equal(a.ExportState().Counters, b.ExportState().Counters);

        var restored = CountMinSketch.FromState(JsonSerializer.Deserialize<CountMinSketchState>(JsonSerializer.Serialize(a.ExportState()))!);
        Assert.Equal(3, restored.Estimate("hello"));
        Assert.Equal(a.TotalCount, restored.TotalCount);
    }

    [Fact]
    public void Guards_reject_bad_arguments()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new CountMinSketch(0, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => CountMinSketch.ForErrorBounds(0, 0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => CountMinSketch.ForErrorBounds(0.1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CountMinSketch(10, 2).Add("x", -1));
    }
}
