using StreamOrleans.Grains.Trends.Sentiment;

namespace StreamOrleans.Tests.Grains.Trends.Sentiment;

public class HashedNgramFeaturesTests
{
    [Fact]
    public void Unigrams_and_bigrams_are_counted_and_in_range()
    {
        string[] tokens = ["this", "is", "not", "good"];
        var buffer = new int[HashedNgramFeatures.Capacity(tokens.Length, useBigrams: true)];
        var n = HashedNgramFeatures.Extract(tokens, 10, useBigrams: true, buffer);
        Assert.Equal(7, n);
        Assert.All(buffer[..n], b => Assert.InRange(b, 0, 1023));
        Assert.Equal(4, HashedNgramFeatures.Extract(tokens, 10, useBigrams: false, buffer));
    }

    [Fact]
    public void Empty_tokens_are_skipped_and_do_not_join_bigrams()
    {
        var a = new int[8];
        var b = new int[8];
        var n1 = HashedNgramFeatures.Extract(["not", "", "good"], 18, true, a);
        var n2 = HashedNgramFeatures.Extract(["not", "good"], 18, true, b);
        Assert.Equal(3, n1);
        Assert.Equal(a[..n1], b[..n2]);
    }

    [Fact]
    public void Word_order_changes_the_bigram()
    {
        var a = new int[3];
        var b = new int[3];
        HashedNgramFeatures.Extract(["not", "good"], 18, true, a);
        HashedNgramFeatures.Extract(["good", "not"], 18, true, b);
        Assert.NotEqual(a[1], b[1]);
    }

    [Fact]
    public void Too_small_destination_is_rejected() =>
        Assert.Throws<ArgumentException>(() => HashedNgramFeatures.Extract(["a", "b"], 18, true, new int[2]));
}
