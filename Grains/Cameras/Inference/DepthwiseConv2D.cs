using System.Numerics.Tensors;

namespace StreamOrleans.Grains.Cameras.Inference;

/// <summary>
/// Depthwise 2-D convolution (tf.depthwiseConv2d with channel multiplier 1, filter layout [kh, kw, C, 1]): each channel
/// is convolved with its own kernel. Vectorised across channels, which are contiguous in NHWC.
/// </summary>
public static class DepthwiseConv2D
{
    private const long ParallelThreshold = 200_000;

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
        var output = new FeatureMap(rows.Output, cols.Output, channels);

        void Row(int y)
        {
            var inData = padded.Data.AsSpan();
            for (var x = 0; x < cols.Output; x++)
            {
                var acc = output.Data.AsSpan(((y * cols.Output) + x) * channels, channels);
                if (bias is not null)
                {
                    bias.CopyTo(acc);
                }

                for (var ky = 0; ky < kernelHeight; ky++)
                {
                    for (var kx = 0; kx < kernelWidth; kx++)
                    {
                        var source = inData.Slice(((((y * stride) + ky) * padded.Width) + (x * stride) + kx) * channels, channels);
                        var weights = filter.AsSpan(((ky * kernelWidth) + kx) * channels, channels);
                        TensorPrimitives.MultiplyAdd(source, weights, acc, acc);
                    }
                }
            }
        }

        var work = (long)rows.Output * cols.Output * channels * kernelHeight * kernelWidth;
        if (work < ParallelThreshold || Environment.ProcessorCount == 1)
        {
            for (var y = 0; y < rows.Output; y++)
            {
                Row(y);
            }
        }
        else
        {
            Parallel.For(0, rows.Output, Row);
        }

        return output;
    }
}
