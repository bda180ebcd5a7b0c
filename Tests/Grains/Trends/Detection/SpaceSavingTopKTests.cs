using System.Text.Json;
using StreamOrleans.Grains.Trends.Demo;
using StreamOrleans.Grains.Trends.Detection;

namespace StreamOrleans.Tests.Grains.Trends.Detection;

public class SpaceSavingTopKTests
{
    [Fact]
    public void Small_stream_matches_the_algorithm_by_hand()
    {
        // k = 2, stream a a b c: {a:2, b:1}; c evicts the minimum b and inherits its 1 as error -> c: 2 (error 1).
        var s = new SpaceSavingTopK<string>(2);
        foreach (var x in new[] { "a", "a", "b", "c" })
        {
            s.Add(x);
        }

        Assert.Null(s.Find("b"));
        Assert.Equal(new TopKEntry<string>("c", 2, 1), s.Find("c"));
        Assert.Equal(new TopKEntry<string>("a", 2, 0), s.Find("a"));
        Assert.Equal(4, s.TotalWeight);
    }

    [Theory]
    [InlineData(1UL, 50, false)]
    [InlineData(2UL, 20, false)]
    [InlineData(3UL, 50, true)]
    public void Guarantees_hold_on_a_zipf_stream(ulong seed, int k, bool weighted)
    {
        var random = new DeterministicRandom(seed);
        var zipf = new ZipfSampler(2000, 1.1);
        var exact = new Dictionary<int, double>();
        var s = new SpaceSavingTopK<int>(k);
        for (var i = 0; i < 50_000; i++)
        {
            var item = zipf.Sample(random);
            var w = weighted ? random.Next(1, 5) : 1;
            exact[item] = exact.GetValueOrDefault(item) + w;
            s.Add(item, w);
        }

        var n = s.TotalWeight;
        Assert.Equal(exact.Values.Sum(), n);
        var top = s.Top(k);
        Assert.Equal(n, top.Sum(e => e.Count), 6); // counters always sum to N once full
        Assert.True(s.MinCount <= n / k);
        foreach (var e in top)
        {
            var truth = exact[e.Key];
            Assert.InRange(truth, e.Count - e.Error, e.Count);
        }

        foreach (var (item, truth) in exact.Where(x => x.Value > n / k))
        {
            Assert.NotNull(s.Find(item));
        }

        // The best-ranked items are the true heavy hitters for a skewed stream.
        var trueTop3 = exact.OrderByDescending(x => x.Value).Take(3).Select(x => x.Key).ToHashSet();
        Assert.Equal(trueTop3, s.Top(3).Select(e => e.Key).ToHashSet());
    }

    [Fact]
    public void Top_is_sorted_and_limited()
    {
        var s = new SpaceSavingTopK<string>(10);
        s.Add("x", 1);
        s.Add("y", 5);
        s.Add("z", 3);
        Assert.Equal(["y", "z"], s.Top(2).Select(e => e.Key));
    }

    [Fact]
    public void State_round_trips_through_json()
    {
        var s = new SpaceSavingTopK<string>(3, StringComparer.Ordinal);
        foreach (var x in "abacabadabacaba")
        {
            s.Add(x.ToString());
        }

        var json = JsonSerializer.Serialize(s.ExportState());
        var restored = SpaceSavingTopK<string>.FromState(JsonSerializer.Deserialize<SpaceSavingState<string>>(json)!, StringComparer.Ordinal);
        Assert.Equal(s.Top(3), restored.Top(3));
        s.Add("e");
        restored.Add("e");
        Assert.Equal(s.Top(3), restored.Top(3));
    }

    [Fact]
    public void Guards_reject_bad_arguments()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SpaceSavingTopK<string>(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SpaceSavingTopK<string>(2).Add("a", -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SpaceSavingTopK<string>(2).Add("a", double.NaN));
    }
}
