namespace StreamOrleans.Grains.Cameras.Inference;

/// <summary>
/// Depthwise-separable convolution (MobileNet, Howard et al. 2017): a 3x3 depthwise convolution, 'same' padding,
/// with the layer's stride, followed by a 1x1 pointwise convolution with bias (tf.separableConv2d + bias).
/// </summary>
public sealed class SeparableConvLayer
{
    private const int KernelSize = 3;

    public SeparableConvLayer(float[] depthwiseFilter, float[] pointwiseFilter, float[] bias, int inChannels, int stride = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stride);
        ArgumentNullException.ThrowIfNull(depthwiseFilter);
        ArgumentNullException.ThrowIfNull(pointwiseFilter);
        ArgumentNullException.ThrowIfNull(bias);
        if (depthwiseFilter.Length != KernelSize * KernelSize * inChannels || pointwiseFilter.Length != inChannels * bias.Length)
        {
            throw new ArgumentException($"Separable filters do not fit {inChannels} -> {bias.Length} channels.", nameof(depthwiseFilter));
        }

        DepthwiseFilter = depthwiseFilter;
        PointwiseFilter = pointwiseFilter;
        Bias = bias;
        InChannels = inChannels;
        Stride = stride;
    }

    public int Stride { get; }

    public float[] DepthwiseFilter { get; }

    public float[] PointwiseFilter { get; }

    public float[] Bias { get; }

    public int InChannels { get; }

    public int OutChannels => Bias.Length;

    /// <summary>Loads "{prefix}/depthwise_filter" [3, 3, inC, 1], "{prefix}/pointwise_filter" [1, 1, inC, outC], "{prefix}/bias".</summary>
    public static SeparableConvLayer Load(WeightMap weights, string prefix, int inChannels, int outChannels, int stride = 1)
    {
        ArgumentNullException.ThrowIfNull(weights);
        return new SeparableConvLayer(
            weights.Get($"{prefix}/depthwise_filter", KernelSize, KernelSize, inChannels, 1),
            weights.Get($"{prefix}/pointwise_filter", 1, 1, inChannels, outChannels),
            weights.Get($"{prefix}/bias", outChannels),
            inChannels,
            stride);
    }

    /// <param name="input">The input map.</param>
    /// <param name="negativeSlope">Fused activation max(x, slope * x) after the bias: 1 none, 0 ReLU, 0.1 leaky.</param>
    public FeatureMap Forward(FeatureMap input, float negativeSlope = 1f)
    {
        ArgumentNullException.ThrowIfNull(input);
        var depthwise = DepthwiseConv2D.Apply(input, DepthwiseFilter, null, KernelSize, KernelSize, Stride, Padding.Same);
        return Conv2D.Apply(depthwise, PointwiseFilter, Bias, 1, 1, 1, Padding.Valid, negativeSlope);
    }
}
