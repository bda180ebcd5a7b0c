using StreamOrleans.Grains.Cameras.Inference;

namespace StreamOrleans.Tests.Grains.Cameras.Inference;

public class Conv2DTests
{
    [Fact]
    public void Valid_2x2_kernel_on_a_3x3_image_matches_hand_computation()
    {
        // input 1..9 row-major, kernel [[1, 0], [0, -1]]: out = x[y, x] - x[y + 1, x + 1] = -4 everywhere.
        var input = Map(3, 3, 1, [1, 2, 3, 4, 5, 6, 7, 8, 9]);

        var output = Conv2D.Apply(input, [1, 0, 0, -1], [0.5f], 2, 2, 1, Padding.Valid);

        Assert.Equal((2, 2, 1), (output.Height, output.Width, output.Channels));
        Assert.Equal([-3.5f, -3.5f, -3.5f, -3.5f], output.Data);
    }

    [Fact]
    public void Same_padding_with_stride_2_pads_after_like_tensorflow()
    {
        // 4x4 input of ones, 3x3 kernel of ones, stride 2, 'same': out 2x2, total padding 1 (0 before, 1 after).
        // Windows: rows 0..2 x cols 0..2 = 9; rows 0..2 x cols 2..4 (col 4 is padding) = 6; likewise 6; 4.
        var input = Map(4, 4, 1, Enumerable.Repeat(1f, 16).ToArray());

        var output = Conv2D.Apply(input, Enumerable.Repeat(1f, 9).ToArray(), null, 3, 3, 2, Padding.Same);

        Assert.Equal([9f, 6f, 6f, 4f], output.Data);
    }

    [Fact]
    public void Same_padding_with_stride_1_keeps_size_and_zero_pads_both_sides()
    {
        // 3x3 ones, 3x3 ones kernel: corners see 4, edges 6, centre 9.
        var input = Map(3, 3, 1, Enumerable.Repeat(1f, 9).ToArray());

        var output = Conv2D.Apply(input, Enumerable.Repeat(1f, 9).ToArray(), null, 3, 3, 1, Padding.Same);

        Assert.Equal([4f, 6f, 4f, 6f, 9f, 6f, 4f, 6f, 4f], output.Data);
    }

    [Fact]
    public void Mixes_input_channels_into_output_channels()
    {
        // 1x1 conv (pointwise) on one pixel with channels (1, 2): W = [[1, 10], [100, 1000]] -> (201, 2010).
        var input = Map(1, 1, 2, [1, 2]);

        var output = Conv2D.Apply(input, [1, 10, 100, 1000], [0, 0], 1, 1, 1, Padding.Valid);

        Assert.Equal([201f, 2010f], output.Data);
    }

    [Theory]
    [InlineData(9, 11, 5, 16, 3, 1, Padding.Same)]
    [InlineData(12, 10, 8, 35, 3, 2, Padding.Valid)]
    [InlineData(15, 15, 3, 32, 7, 2, Padding.Valid)]
    [InlineData(7, 9, 32, 48, 1, 1, Padding.Valid)]
    [InlineData(8, 8, 4, 16, 3, 2, Padding.Same)]
    public void Blocked_kernel_equals_the_textbook_definition(int height, int width, int inC, int outC, int k, int stride, Padding padding)
    {
        var random = new Random(height * 31 + width);
        var input = Map(height, width, inC, Random(random, height * width * inC));
        var filter = Random(random, k * k * inC * outC);
        var bias = Random(random, outC);

        var output = Conv2D.Apply(input, filter, bias, k, k, stride, padding);

        var expected = NaiveConvolution(input, filter, bias, k, stride, padding, outC);
        Assert.Equal((expected.Height, expected.Width), (output.Height, output.Width));
        for (var i = 0; i < expected.Data.Length; i++)
        {
            Assert.True(Math.Abs(expected.Data[i] - output.Data[i]) < 1e-4, $"value {i}: {output.Data[i]} vs {expected.Data[i]}");
        }
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(0.1f)]
    public void Fused_activation_equals_conv_then_leaky_relu(float slope)
    {
        var random = new Random(11);
        var input = Map(6, 9, 4, Random(random, 6 * 9 * 4));
        var filter = Random(random, 3 * 3 * 4 * 20);
        var bias = Random(random, 20);

        var fused = Conv2D.Apply(input, filter, bias, 3, 3, 1, Padding.Same, slope);
        var separate = Activations.LeakyRelu(Conv2D.Apply(input, filter, bias, 3, 3, 1, Padding.Same), slope);

        Assert.Contains(separate.Data, v => v < 0 == slope > 0 && v != 0);
        Assert.Equal(separate.Data, fused.Data);
    }

    [Fact]
    public void Rejects_a_filter_that_does_not_fit_the_input_channels()
    {
        var input = Map(3, 3, 2, new float[18]);

        Assert.Throws<ArgumentException>(() => Conv2D.Apply(input, new float[7], null, 2, 2, 1, Padding.Valid));
    }

    internal static FeatureMap Map(int height, int width, int channels, float[] data) => new(height, width, channels, data);

    internal static float[] Random(Random random, int count) =>
        Enumerable.Range(0, count).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();

    /// <summary>Convolution straight from its definition, with explicit bounds checks for the padding.</summary>
    private static FeatureMap NaiveConvolution(FeatureMap input, float[] filter, float[] bias, int k, int stride, Padding padding, int outC)
    {
        var rows = PaddingGeometry.For(input.Height, k, stride, padding);
        var cols = PaddingGeometry.For(input.Width, k, stride, padding);
        var output = new FeatureMap(rows.Output, cols.Output, outC);
        for (var y = 0; y < rows.Output; y++)
        {
            for (var x = 0; x < cols.Output; x++)
            {
                for (var co = 0; co < outC; co++)
                {
                    double sum = bias[co];
                    for (var ky = 0; ky < k; ky++)
                    {
                        for (var kx = 0; kx < k; kx++)
                        {
                            var iy = (y * stride) + ky - rows.Before;
                            var ix = (x * stride) + kx - cols.Before;
                            if (iy < 0 || ix < 0 || iy >= input.Height || ix >= input.Width)
                            {
                                continue;
                            }

                            for (var ci = 0; ci < input.Channels; ci++)
                            {
                                sum += input[iy, ix, ci] * filter[((((ky * k) + kx) * input.Channels) + ci) * outC + co];
                            }
                        }
                    }

                    output.Data[(((y * cols.Output) + x) * outC) + co] = (float)sum;
                }
            }
        }

        return output;
    }
}
