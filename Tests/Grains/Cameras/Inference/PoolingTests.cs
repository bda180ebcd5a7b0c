using StreamOrleans.Grains.Cameras.Inference;

namespace StreamOrleans.Tests.Grains.Cameras.Inference;

public class PoolingTests
{
    private static readonly FeatureMap ThreeByThree = new(3, 3, 1, [1, 2, 3, 4, 5, 6, 7, 8, 9]);

    [Fact]
    public void Max_pool_2_stride_2_same_on_odd_size_pads_after_and_ignores_padding()
    {
        // Windows: {1,2,4,5} {3,6} {7,8} {9}; padding (after) never wins even though values could be negative.
        var output = Pooling.Max(ThreeByThree, 2, 2, Padding.Same);

        Assert.Equal((2, 2), (output.Height, output.Width));
        Assert.Equal([5f, 6f, 8f, 9f], output.Data);
    }

    [Fact]
    public void Max_pool_ignores_padding_for_negative_inputs()
    {
        var input = new FeatureMap(1, 1, 1, [-3]);

        Assert.Equal([-3f], Pooling.Max(input, 2, 1, Padding.Same).Data);
    }

    [Fact]
    public void Max_pool_3_stride_2_valid()
    {
        var output = Pooling.Max(ThreeByThree, 3, 2, Padding.Valid);

        Assert.Equal([9f], output.Data);
    }

    [Fact]
    public void Average_pool_2_stride_2_valid_drops_the_odd_row_and_column()
    {
        var output = Pooling.Average(ThreeByThree, 2, 2, Padding.Valid);

        Assert.Equal([3f], output.Data);
    }

    [Fact]
    public void Average_pool_same_counts_only_real_pixels()
    {
        // Windows {1,2,4,5} = 3, {3,6} = 4.5, {7,8} = 7.5, {9} = 9.
        var output = Pooling.Average(ThreeByThree, 2, 2, Padding.Same);

        Assert.Equal([3f, 4.5f, 7.5f, 9f], output.Data);
    }

    [Fact]
    public void Global_average_is_the_mean_per_channel()
    {
        var input = new FeatureMap(2, 1, 2, [1, 10, 3, 30]);

        Assert.Equal([2f, 20f], Pooling.GlobalAverage(input));
    }

    [Theory]
    [InlineData(416, 3, 1, Padding.Valid, 414, 0, 0)]
    [InlineData(207, 2, 2, Padding.Same, 104, 0, 1)]
    [InlineData(13, 2, 1, Padding.Same, 13, 0, 1)]
    [InlineData(150, 7, 2, Padding.Valid, 72, 0, 0)]
    [InlineData(35, 3, 1, Padding.Same, 35, 1, 1)]
    public void Padding_geometry_follows_tensorflow(int input, int kernel, int stride, Padding padding, int output, int before, int after)
    {
        Assert.Equal(new PaddingGeometry(output, before, after), PaddingGeometry.For(input, kernel, stride, padding));
    }
}
