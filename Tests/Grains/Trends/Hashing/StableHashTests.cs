using StreamOrleans.Grains.Trends.Hashing;

namespace StreamOrleans.Tests.Grains.Trends.Hashing;

public class StableHashTests
{
    // Known answers: the FNV-1a 64-bit test vectors published with the algorithm (Landon Curt Noll, isthe.com/chongo/tech/comp/fnv).
    [Theory]
    [InlineData("", 0xcbf29ce484222325UL)]
    [InlineData("a", 0xaf63dc4c8601ec8cUL)]
    [InlineData("foobar", 0x85944171f73967e8UL)]
    public void Fnv1a64_matches_published_vectors_for_ascii(string text, ulong expected) =>
        Assert.Equal(expected, TextHash.Fnv1a64(text));

    [Fact]
    public void Mix64_is_a_bijection_on_a_sample_and_keeps_zero()
    {
        Assert.Equal(0UL, TextHash.Mix64(0));
        var seen = new HashSet<ulong>();
        for (ulong i = 0; i < 100_000; i++)
        {
            Assert.True(seen.Add(TextHash.Mix64(i)));
        }
    }

    [Fact]
    public void Hash_top_bits_spread_evenly_over_buckets()
    {
        const int bits = 6;
        var counts = new int[1 << bits];
        for (var i = 0; i < 64_000; i++)
        {
            counts[TextHash.Hash64($"token{i}") >> (64 - bits)]++;
        }

        Assert.All(counts, c => Assert.InRange(c, 800, 1200));
    }

    [Fact]
    public void Combine_depends_on_order()
    {
        var a = TextHash.Hash64("not");
        var b = TextHash.Hash64("good");
        Assert.NotEqual(TextHash.Combine(a, b), TextHash.Combine(b, a));
    }
}
