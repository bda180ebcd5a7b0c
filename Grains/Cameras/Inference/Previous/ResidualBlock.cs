using StreamOrleans.Grains.Cameras.Inference;

namespace StreamOrleans.Grains.Cameras.Inference.Previous;

/// <summary>
/// One basic residual block of the dlib face recognition ResNet (He et al., "Deep Residual Learning", 2016):
/// conv3x3 + scale + ReLU, conv3x3 + scale, add the shortcut, ReLU. The scale layers (dlib's affine layers, i.e.
/// batch norm for inference) are folded into the convolutions at load time. A down-sampling block uses stride 2
/// ('valid') in its first conv and a 2x2 average-pooled shortcut, zero-extended in channels (and the conv path
/// zero-extended in space when it comes out one smaller), as face-api's residualDown does.
/// </summary>
internal sealed class ResidualBlock
{
    private readonly ConvLayer _conv1;
    private readonly ConvLayer _conv2;
    private readonly bool _down;

    private ResidualBlock(ConvLayer conv1, ConvLayer conv2, bool down)
    {
        _conv1 = conv1;
        _conv2 = conv2;
        _down = down;
    }

    public static ResidualBlock Load(WeightMap weights, string prefix, int inChannels, int outChannels, bool down)
    {
        var conv1 = LoadScaledConv(weights, $"{prefix}/conv1", 3, inChannels, outChannels, down ? 2 : 1, down ? Padding.Valid : Padding.Same)
            .WithActivation(0f);
        var conv2 = LoadScaledConv(weights, $"{prefix}/conv2", 3, outChannels, outChannels, 1, Padding.Same);
        return new ResidualBlock(conv1, conv2, down);
    }

    /// <summary>Loads "{prefix}/conv/filters", "{prefix}/conv/bias" and folds "{prefix}/scale/weights" and "/biases" in.</summary>
    public static ConvLayer LoadScaledConv(WeightMap weights, string prefix, int kernelSize, int inChannels, int outChannels, int stride, Padding padding) =>
        ConvLayer.Load(weights, $"{prefix}/conv", kernelSize, inChannels, outChannels, stride, padding)
            .FoldScale(weights.Get($"{prefix}/scale/weights", outChannels), weights.Get($"{prefix}/scale/biases", outChannels));

    public FeatureMap Forward(FeatureMap input)
    {
        var output = _conv2.Forward(_conv1.Forward(input));
        var shortcut = input;
        if (_down)
        {
            shortcut = Pooling.Average(input, 2, 2, Padding.Valid);
            output = ChannelOps.ZeroExtend(output, shortcut.Height, shortcut.Width, output.Channels);
            shortcut = ChannelOps.ZeroExtend(shortcut, shortcut.Height, shortcut.Width, output.Channels);
        }

        // Add into the fresh conv output, never into the caller's map.
        return Activations.Relu(ChannelOps.Add(output, shortcut));
    }
}
