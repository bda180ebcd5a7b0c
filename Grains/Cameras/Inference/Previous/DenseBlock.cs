using StreamOrleans.Grains.Cameras.Inference;

namespace StreamOrleans.Grains.Cameras.Inference.Previous;

/// <summary>
/// face-api's 3-layer dense block (denseBlock3, DenseNet-style: Huang et al. 2017): a stride-2 first layer (plain
/// conv in the first block, separable conv otherwise) + ReLU giving out1, then two separable convs whose inputs are
/// ReLU of the running sums: out2 = sep(out1), out3 = sep(relu(out1 + out2)), result relu(out1 + out2 + out3).
/// </summary>
internal sealed class DenseBlock
{
    private readonly ConvLayer? _firstConv;
    private readonly SeparableConvLayer? _firstSeparable;
    private readonly SeparableConvLayer _conv1;
    private readonly SeparableConvLayer _conv2;

    private DenseBlock(ConvLayer? firstConv, SeparableConvLayer? firstSeparable, SeparableConvLayer conv1, SeparableConvLayer conv2)
    {
        _firstConv = firstConv;
        _firstSeparable = firstSeparable;
        _conv1 = conv1;
        _conv2 = conv2;
    }

    public static DenseBlock Load(WeightMap weights, string prefix, int inChannels, int outChannels, bool isFirst) =>
        new(
            isFirst ? ConvLayer.Load(weights, $"{prefix}/conv0", 3, inChannels, outChannels, 2, Padding.Same).WithActivation(0f) : null,
            isFirst ? null : SeparableConvLayer.Load(weights, $"{prefix}/conv0", inChannels, outChannels, stride: 2),
            SeparableConvLayer.Load(weights, $"{prefix}/conv1", outChannels, outChannels),
            SeparableConvLayer.Load(weights, $"{prefix}/conv2", outChannels, outChannels));

    public FeatureMap Forward(FeatureMap input)
    {
        var out1 = _firstConv?.Forward(input) ?? _firstSeparable!.Forward(input, negativeSlope: 0f);
        var out2 = _conv1.Forward(out1);
        var sum = ChannelOps.Add(out2, out1);
        var out3 = _conv2.Forward(Activations.Relu(new FeatureMap(sum.Height, sum.Width, sum.Channels, (float[])sum.Data.Clone())));
        return Activations.Relu(ChannelOps.Add(sum, out3));
    }
}
