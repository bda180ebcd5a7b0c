namespace StreamOrleans.Grains.Cameras.Inference;

/// <summary>
/// A 2-D convolution with bias, fixed geometry (weights [kh, kw, inC, outC] as TF.js stores them) and an optional fused
/// activation max(x, NegativeSlope * x): 1 = none, 0 = ReLU, 0.1 = leaky ReLU.
/// </summary>
public sealed class ConvLayer
{
    public ConvLayer(float[] filter, float[] bias, int kernelSize, int inChannels, int stride, Padding padding, float negativeSlope = 1f)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(negativeSlope);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(negativeSlope, 1f);
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(bias);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(kernelSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inChannels);
        if (filter.Length != kernelSize * kernelSize * inChannels * bias.Length)
        {
            throw new ArgumentException(
                $"Filter has {filter.Length} values, expected [{kernelSize}, {kernelSize}, {inChannels}, {bias.Length}].", nameof(filter));
        }

        Filter = filter;
        Bias = bias;
        KernelSize = kernelSize;
        InChannels = inChannels;
        Stride = stride;
        Padding = padding;
        NegativeSlope = negativeSlope;
    }

    public float NegativeSlope { get; }

    public float[] Filter { get; }

    public float[] Bias { get; }

    public int KernelSize { get; }

    public int InChannels { get; }

    public int OutChannels => Bias.Length;

    public int Stride { get; }

    public Padding Padding { get; }

    /// <summary>Loads "{prefix}/filters" [k, k, inC, outC] and "{prefix}/bias" [outC].</summary>
    public static ConvLayer Load(WeightMap weights, string prefix, int kernelSize, int inChannels, int outChannels, int stride, Padding padding)
    {
        ArgumentNullException.ThrowIfNull(weights);
        return new ConvLayer(
            weights.Get($"{prefix}/filters", kernelSize, kernelSize, inChannels, outChannels),
            weights.Get($"{prefix}/bias", outChannels),
            kernelSize,
            inChannels,
            stride,
            padding);
    }

    /// <summary>
    /// Folds a following per-channel y = x * scale + offset into this layer: filter' = filter * scale, bias' = bias *
    /// scale + offset (how batch norm and face-api's scale layers are folded for inference).
    /// </summary>
    public ConvLayer FoldScale(float[] scale, float[] offset)
    {
        ArgumentNullException.ThrowIfNull(scale);
        ArgumentNullException.ThrowIfNull(offset);
        if (scale.Length != OutChannels || offset.Length != OutChannels)
        {
            throw new ArgumentException($"Expected {OutChannels} scales and offsets, got {scale.Length} and {offset.Length}.", nameof(scale));
        }

        var filter = (float[])Filter.Clone();
        for (var i = 0; i < filter.Length; i++)
        {
            filter[i] *= scale[i % OutChannels];
        }

        var bias = new float[OutChannels];
        for (var c = 0; c < OutChannels; c++)
        {
            bias[c] = (Bias[c] * scale[c]) + offset[c];
        }

        return new ConvLayer(filter, bias, KernelSize, InChannels, Stride, Padding, NegativeSlope);
    }

    /// <summary>The same layer with the activation max(x, slope * x) fused in (0 = ReLU, 0.1 = leaky ReLU).</summary>
    public ConvLayer WithActivation(float negativeSlope) =>
        new(Filter, Bias, KernelSize, InChannels, Stride, Padding, negativeSlope);

    public FeatureMap Forward(FeatureMap input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Channels != InChannels)
        {
            throw new ArgumentException($"Layer expects {InChannels} input channels, got {input}.", nameof(input));
        }

        return Conv2D.Apply(input, Filter, Bias, KernelSize, KernelSize, Stride, Padding, NegativeSlope);
    }
}
