using StreamOrleans.Grains.Cameras.Inference;

namespace StreamOrleans.Tests.Grains.Cameras.Inference;

public class ElementwiseOpsTests
{
    [Fact]
    public void Leaky_relu_scales_only_negatives()
    {
        var map = new FeatureMap(1, 1, 4, [-2, -0.5f, 0, 3]);

        Assert.Equal([-0.2f, -0.05f, 0f, 3f], Activations.LeakyRelu(map, 0.1f).Data);
    }

    [Fact]
    public void Relu_clamps_negatives_to_zero()
    {
        Assert.Equal([0f, 0f, 2f], Activations.Relu(new FeatureMap(1, 1, 3, [-1, 0, 2])).Data);
    }

    [Fact]
    public void Scale_offset_and_bias_are_per_channel()
    {
        var map = new FeatureMap(1, 2, 2, [1, 2, 3, 4]);

        ChannelOps.ScaleOffset(map, [2, 10], [1, 0]);
        ChannelOps.AddBias(map, [0, 1]);

        Assert.Equal([3f, 21f, 7f, 41f], map.Data);
    }

    [Fact]
    public void Residual_add_requires_equal_shapes()
    {
        var a = new FeatureMap(1, 1, 2, [1, 2]);

        Assert.Equal([11f, 22f], ChannelOps.Add(a, new FeatureMap(1, 1, 2, [10, 20])).Data);
        Assert.Throws<ArgumentException>(() => ChannelOps.Add(a, new FeatureMap(1, 2, 1, [1, 2])));
    }

    [Fact]
    public void Zero_extend_adds_rows_columns_and_channels_after()
    {
        var map = new FeatureMap(1, 1, 1, [5]);

        var extended = ChannelOps.ZeroExtend(map, 2, 2, 2);

        Assert.Equal([5f, 0f, 0f, 0f, 0f, 0f, 0f, 0f], extended.Data);
    }

    [Fact]
    public void Fully_connected_is_a_vector_matrix_product_plus_bias()
    {
        // [1, 2] x [[1, 2, 3], [4, 5, 6]] + [0, 0, 1] = [9, 12, 16]
        Assert.Equal([9f, 12f, 16f], FullyConnected.Apply([1, 2], [1, 2, 3, 4, 5, 6], [0, 0, 1]));
    }

    [Fact]
    public void Folding_a_scale_into_a_conv_equals_applying_it_after()
    {
        var random = new Random(3);
        var input = new FeatureMap(5, 5, 3, Conv2DTests.Random(random, 75));
        var layer = new ConvLayer(Conv2DTests.Random(random, 3 * 3 * 3 * 4), Conv2DTests.Random(random, 4), 3, 3, 1, Padding.Same);
        float[] scale = [0.5f, 2, -1, 3];
        float[] offset = [1, 0, 0.25f, -2];

        var folded = layer.FoldScale(scale, offset).Forward(input);
        var separate = ChannelOps.ScaleOffset(layer.Forward(input), scale, offset);

        for (var i = 0; i < folded.Data.Length; i++)
        {
            Assert.True(Math.Abs(folded.Data[i] - separate.Data[i]) < 1e-4, $"value {i}: {folded.Data[i]} vs {separate.Data[i]}");
        }
    }
}
