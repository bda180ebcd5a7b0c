using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace StreamOrleans.Grains.Cameras.Inference;

/// <summary>
/// Depthwise 2-D convolution (tf.depthwiseConv2d with channel multiplier 1, filter layout [kh, kw, C, 1]): each channel
/// is convolved with its own kernel. Vectorised across channels, which are contiguous in NHWC; rows in parallel.
/// </summary>
public static class DepthwiseConv2D
{

    public static FeatureMap Apply(
        FeatureMap input, float[] filter, float[]? bias, int kernelHeight, int kernelWidth, int stride, Padding padding)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stride);
        var channels = input.Channels;
        if (filter.Length != kernelHeight * kernelWidth * channels)
        {
            throw new ArgumentException(
                $"Depthwise filter has {filter.Length} values, expected [{kernelHeight}, {kernelWidth}, {channels}, 1].", nameof(filter));
        }

        if (bias is not null && bias.Length != channels)
        {
            throw new ArgumentException($"Bias has {bias.Length} values, expected {channels}.", nameof(bias));
        }

        var rows = PaddingGeometry.For(input.Height, kernelHeight, stride, padding);
        var cols = PaddingGeometry.For(input.Width, kernelWidth, stride, padding);
        var padded = SpatialPad.Zeros(input, rows.Before, rows.After, cols.Before, cols.After);
        var output = FeatureMap.Uninitialized(rows.Output, cols.Output, channels);

        var shape = new DepthwiseShape(padded.Width, channels, kernelHeight, kernelWidth, stride, cols.Output);
        var work = (long)rows.Output * cols.Output * channels * kernelHeight * kernelWidth;
        RowParallel.For(rows.Output, work, (padded.Data, filter, bias, output.Data, shape), static (j, y) => ComputeRow(j.Item1, j.filter, j.bias, j.Item4, j.shape, y));

        return output;
    }

    /// <summary>One output row: 8 channels at a time in a 256-bit accumulator, then a scalar tail.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void ComputeRow(float[] input, float[] filter, float[]? bias, float[] output, DepthwiseShape s, int y)
    {
        var channels = s.Channels;
        var vectorChannels = Vector256.IsHardwareAccelerated ? channels - (channels % 8) : 0;
        fixed (float* inBase = input)
        fixed (float* wBase = filter)
        fixed (float* outBase = output)
        fixed (float* biasBase = bias)
        {
            for (var x = 0; x < s.OutWidth; x++)
            {
                var o = outBase + ((((long)y * s.OutWidth) + x) * channels);
                var window = inBase + ((((long)y * s.Stride * s.InWidth) + (x * s.Stride)) * channels);
                for (var c = 0; c < vectorChannels; c += 8)
                {
                    var acc = biasBase is null ? Vector256<float>.Zero : Vector256.Load(biasBase + c);
                    for (var ky = 0; ky < s.KernelHeight; ky++)
                    {
                        var source = window + ((long)ky * s.InWidth * channels) + c;
                        var weights = wBase + ((long)ky * s.KernelWidth * channels) + c;
                        for (var kx = 0; kx < s.KernelWidth; kx++, source += channels, weights += channels)
                        {
                            acc = Vector256.MultiplyAddEstimate(Vector256.Load(source), Vector256.Load(weights), acc);
                        }
                    }

                    acc.Store(o + c);
                }

                for (var c = vectorChannels; c < channels; c++)
                {
                    var sum = biasBase is null ? 0f : biasBase[c];
                    for (var ky = 0; ky < s.KernelHeight; ky++)
                    {
                        for (var kx = 0; kx < s.KernelWidth; kx++)
                        {
                            sum += window[((((long)ky * s.InWidth) + kx) * channels) + c] * wBase[(((ky * s.KernelWidth) + kx) * channels) + c];
                        }
                    }

                    o[c] = sum;
                }
            }
        }
    }

    private readonly record struct DepthwiseShape(int InWidth, int Channels, int KernelHeight, int KernelWidth, int Stride, int OutWidth);
}
