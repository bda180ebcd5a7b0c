using StreamOrleans.Grains.Cameras.Inference;

namespace StreamOrleans.Tests.Grains.Cameras.Inference;

public class DepthwiseConv2DTests
{
    [Fact]
    public void Each_channel_uses_its_own_kernel()
    {
        // 2x2 image, channel 0 = 1..4, channel 1 = 10..40; 2x2 kernels: channel 0 sums, channel 1 takes top-left x 2.
        var input = new FeatureMap(2, 2, 2, [1, 10, 2, 20, 3, 30, 4, 40]);
        float[] filter = [1, 2, 1, 0, 1, 0, 1, 0]; // [ky][kx][c]

        var output = DepthwiseConv2D.Apply(input, filter, [0.5f, -1], 2, 2, 1, Padding.Valid);

        Assert.Equal([10.5f, 19f], output.Data);
    }

    [Fact]
    public void Same_padding_3x3_zero_pads_the_border()
    {
        // One channel of ones with a 3x3 kernel of ones: 4 at corners, 6 on edges, 9 inside.
        var input = new FeatureMap(3, 3, 1, Enumerable.Repeat(1f, 9).ToArray());

        var output = DepthwiseConv2D.Apply(input, Enumerable.Repeat(1f, 9).ToArray(), null, 3, 3, 1, Padding.Same);

        Assert.Equal([4f, 6f, 4f, 6f, 9f, 6f, 4f, 6f, 4f], output.Data);
    }

    [Fact]
    public void Separable_layer_is_depthwise_then_pointwise_with_bias()
    {
        // 1x1 image with channels (1, 2); 3x3 depthwise kernels with centre weights 3 and 5 -> (3, 10);
        // pointwise [[1], [1]] plus bias 0.25 -> 13.25.
        var depthwise = new float[18];
        depthwise[(4 * 2) + 0] = 3;
        depthwise[(4 * 2) + 1] = 5;
        var layer = new SeparableConvLayer(depthwise, [1, 1], [0.25f], 2);

        var output = layer.Forward(new FeatureMap(1, 1, 2, [1, 2]));

        Assert.Equal([13.25f], output.Data);
    }
}
