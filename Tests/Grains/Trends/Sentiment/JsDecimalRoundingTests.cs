using StreamOrleans.Grains.Trends.Sentiment;

namespace StreamOrleans.Tests.Grains.Trends.Sentiment;

public sealed class JsDecimalRoundingTests
{
    // Known answers from node 20: parseFloat(x.toFixed(digits)).
    [Theory]
    [InlineData(0.03125, 4, 0.0313)] // an exact binary tie rounds away from zero
    [InlineData(-0.03125, 4, -0.0313)]
    [InlineData(0.00005, 4, 0.0001)] // the double is slightly above the decimal tie
    [InlineData(1.00005, 4, 1.0001)]
    [InlineData(0.12345, 4, 0.1235)]
    [InlineData(0.00015, 4, 0.0001)] // the double is slightly below the decimal tie
    [InlineData(0.98765, 3, 0.988)]
    [InlineData(0.9999500000000001, 4, 1.0)]
    [InlineData(0.5, 3, 0.5)]
    [InlineData(0.0, 4, 0.0)]
    [InlineData(1e-30, 4, 0.0)]
    public void Rounds_like_javascript_toFixed(double value, int digits, double expected) =>
        Assert.Equal(expected, JsDecimalRounding.ToFixed(value, digits));

    [Fact]
    public void Rejects_unsupported_precision() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => JsDecimalRounding.ToFixed(0.5, 7));
}
