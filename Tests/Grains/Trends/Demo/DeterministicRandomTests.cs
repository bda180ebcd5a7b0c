using StreamOrleans.Grains.Trends.Demo;

namespace StreamOrleans.Tests.Grains.Trends.Demo;

public class DeterministicRandomTests
{
    [Fact]
    public void Same_seed_same_sequence()
    {
        var a = new DeterministicRandom(5);
        var b = new DeterministicRandom(5);
        var c = new DeterministicRandom(6);
        var sa = Enumerable.Range(0, 100).Select(_ => a.NextUInt64()).ToList();
        Assert.Equal(sa, Enumerable.Range(0, 100).Select(_ => b.NextUInt64()));
        Assert.NotEqual(sa, Enumerable.Range(0, 100).Select(_ => c.NextUInt64()));
    }

    [Fact]
    public void Draws_are_uniform_and_in_range()
    {
        var r = new DeterministicRandom(1);
        var counts = new int[10];
        double sum = 0;
        for (var i = 0; i < 100_000; i++)
        {
            var d = r.NextDouble();
            Assert.InRange(d, 0, 1 - double.Epsilon);
            sum += d;
            counts[r.Next(10)]++;
        }

        Assert.Equal(0.5, sum / 100_000, 0.01);
        Assert.All(counts, n => Assert.InRange(n, 9_500, 10_500));
        Assert.Equal(2.0, Enumerable.Range(0, 50_000).Average(_ => r.Exponential(0.5)), 0.05);
    }
}
