using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace StreamOrleans.Grains.Cameras.Inference;

/// <summary>
/// Direct 2-D convolution over NHWC (tf.conv2d semantics, filter layout [kh, kw, inC, outC]) with an optional bias.
/// The input is zero-padded first, so the kernel only ever runs 'valid'. For one kernel row ky, the input values under
/// the window (kw * inC floats) and the matching filter rows (kw * inC rows of outC) are both contiguous, so each
/// output pixel is a small matrix product; the micro-kernel computes 4 output pixels x 16 output channels at a time in
/// eight 256-bit accumulators (a register-blocked GEMM in the style of BLIS/GotoBLAS micro-kernels). Output rows are
/// split across cores with Parallel.For when the layer is big enough to pay for it. An activation
/// y = max(x, negativeSlope * x) is fused into the store: slope 1 is none, 0 is ReLU, 0.1 is face-api's leaky ReLU.
/// </summary>
public static class Conv2D
{
    private const int PixelBlock = 4;
    private const int ChannelBlock = 16;

    public static FeatureMap Apply(
        FeatureMap input, float[] filter, float[]? bias, int kernelHeight, int kernelWidth, int stride, Padding padding, float negativeSlope = 1f)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(negativeSlope);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(negativeSlope, 1f);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(kernelHeight);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(kernelWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stride);
        var inChannels = input.Channels;
        if (filter.Length % (kernelHeight * kernelWidth * inChannels) != 0)
        {
            throw new ArgumentException(
                $"Filter of {filter.Length} values does not fit [{kernelHeight}, {kernelWidth}, {inChannels}, outC].", nameof(filter));
        }

        var outChannels = filter.Length / (kernelHeight * kernelWidth * inChannels);
        if (bias is not null && bias.Length != outChannels)
        {
            throw new ArgumentException($"Bias has {bias.Length} values, expected {outChannels}.", nameof(bias));
        }

        var rows = PaddingGeometry.For(input.Height, kernelHeight, stride, padding);
        var cols = PaddingGeometry.For(input.Width, kernelWidth, stride, padding);
        var padded = SpatialPad.Zeros(input, rows.Before, rows.After, cols.Before, cols.After);
        var output = FeatureMap.Uninitialized(rows.Output, cols.Output, outChannels);
        var shape = new ConvShape(padded.Width, inChannels, outChannels, kernelHeight, kernelWidth, stride, cols.Output, negativeSlope);

        var work = (long)rows.Output * cols.Output * outChannels * kernelHeight * kernelWidth * inChannels;
        RowParallel.For(rows.Output, work, (padded.Data, filter, bias, output.Data, shape), static (j, y) => ComputeRow(j.Item1, j.filter, j.bias, j.Item4, j.shape, y));

        return output;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void ComputeRow(float[] input, float[] filter, float[]? bias, float[] output, ConvShape s, int y)
    {
        var span = s.KernelWidth * s.InChannels;
        fixed (float* inBase = input)
        fixed (float* wBase = filter)
        fixed (float* outBase = output)
        {
            var outRow = outBase + ((long)y * s.OutWidth * s.OutChannels);
            var x = 0;
            var blockedChannels = Vector256.IsHardwareAccelerated ? s.OutChannels - (s.OutChannels % ChannelBlock) : 0;
            for (; x + PixelBlock <= s.OutWidth; x += PixelBlock)
            {
                for (var co = 0; co < blockedChannels; co += ChannelBlock)
                {
                    var b0 = bias is null ? Vector256<float>.Zero : Vector256.Create(bias, co);
                    var b1 = bias is null ? Vector256<float>.Zero : Vector256.Create(bias, co + 8);
                    Vector256<float> a00 = b0, a01 = b1, a10 = b0, a11 = b1, a20 = b0, a21 = b1, a30 = b0, a31 = b1;
                    for (var ky = 0; ky < s.KernelHeight; ky++)
                    {
                        var rowStart = inBase + ((((long)((y * s.Stride) + ky) * s.InWidth) + (x * s.Stride)) * s.InChannels);
                        var pixelStep = s.Stride * s.InChannels;
                        var p0 = rowStart;
                        var p1 = rowStart + pixelStep;
                        var p2 = rowStart + (2 * pixelStep);
                        var p3 = rowStart + (3 * pixelStep);
                        var w = wBase + ((long)ky * span * s.OutChannels) + co;
                        for (var t = 0; t < span; t++, w += s.OutChannels)
                        {
                            var w0 = Vector256.Load(w);
                            var w1 = Vector256.Load(w + 8);
                            var v = Vector256.Create(p0[t]);
                            a00 = Vector256.MultiplyAddEstimate(v, w0, a00);
                            a01 = Vector256.MultiplyAddEstimate(v, w1, a01);
                            v = Vector256.Create(p1[t]);
                            a10 = Vector256.MultiplyAddEstimate(v, w0, a10);
                            a11 = Vector256.MultiplyAddEstimate(v, w1, a11);
                            v = Vector256.Create(p2[t]);
                            a20 = Vector256.MultiplyAddEstimate(v, w0, a20);
                            a21 = Vector256.MultiplyAddEstimate(v, w1, a21);
                            v = Vector256.Create(p3[t]);
                            a30 = Vector256.MultiplyAddEstimate(v, w0, a30);
                            a31 = Vector256.MultiplyAddEstimate(v, w1, a31);
                        }
                    }

                    var o = outRow + ((long)x * s.OutChannels) + co;
                    if (s.NegativeSlope != 1f)
                    {
                        var slope = Vector256.Create(s.NegativeSlope);
                        a00 = Vector256.Max(a00, a00 * slope);
                        a01 = Vector256.Max(a01, a01 * slope);
                        a10 = Vector256.Max(a10, a10 * slope);
                        a11 = Vector256.Max(a11, a11 * slope);
                        a20 = Vector256.Max(a20, a20 * slope);
                        a21 = Vector256.Max(a21, a21 * slope);
                        a30 = Vector256.Max(a30, a30 * slope);
                        a31 = Vector256.Max(a31, a31 * slope);
                    }

                    a00.Store(o);
                    a01.Store(o + 8);
                    o += s.OutChannels;
                    a10.Store(o);
                    a11.Store(o + 8);
                    o += s.OutChannels;
                    a20.Store(o);
                    a21.Store(o + 8);
                    o += s.OutChannels;
                    a30.Store(o);
                    a31.Store(o + 8);
                }

                for (var px = x; px < x + PixelBlock; px++)
                {
                    ComputePixelScalar(inBase, wBase, bias, outRow, s, y, px, blockedChannels);
                }
            }

            for (; x < s.OutWidth; x++)
            {
                ComputePixelScalar(inBase, wBase, bias, outRow, s, y, x, 0);
            }
        }
    }

    /// <summary>
    /// Output channels [firstChannel, OutChannels) of one pixel, the remainder the blocked kernel leaves (pixels past
    /// the last block of 4, channels past the last block of 16): 32, then 8, then 1 channel at a time.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void ComputePixelScalar(
        float* inBase, float* wBase, float[]? bias, float* outRow, ConvShape s, int y, int x, int firstChannel)
    {
        var span = s.KernelWidth * s.InChannels;
        var output = outRow + ((long)x * s.OutChannels);
        var c = firstChannel;
        if (Vector256.IsHardwareAccelerated)
        {
            // 32 channels in four independent accumulators, so consecutive FMAs do not wait on each other.
            for (; c + 32 <= s.OutChannels; c += 32)
            {
                var a0 = bias is null ? Vector256<float>.Zero : Vector256.Create(bias, c);
                var a1 = bias is null ? Vector256<float>.Zero : Vector256.Create(bias, c + 8);
                var a2 = bias is null ? Vector256<float>.Zero : Vector256.Create(bias, c + 16);
                var a3 = bias is null ? Vector256<float>.Zero : Vector256.Create(bias, c + 24);
                for (var ky = 0; ky < s.KernelHeight; ky++)
                {
                    var p = inBase + ((((long)((y * s.Stride) + ky) * s.InWidth) + (x * s.Stride)) * s.InChannels);
                    var w = wBase + ((long)ky * span * s.OutChannels) + c;
                    for (var t = 0; t < span; t++, w += s.OutChannels)
                    {
                        var v = Vector256.Create(p[t]);
                        a0 = Vector256.MultiplyAddEstimate(v, Vector256.Load(w), a0);
                        a1 = Vector256.MultiplyAddEstimate(v, Vector256.Load(w + 8), a1);
                        a2 = Vector256.MultiplyAddEstimate(v, Vector256.Load(w + 16), a2);
                        a3 = Vector256.MultiplyAddEstimate(v, Vector256.Load(w + 24), a3);
                    }
                }

                if (s.NegativeSlope != 1f)
                {
                    a0 = Vector256.Max(a0, a0 * s.NegativeSlope);
                    a1 = Vector256.Max(a1, a1 * s.NegativeSlope);
                    a2 = Vector256.Max(a2, a2 * s.NegativeSlope);
                    a3 = Vector256.Max(a3, a3 * s.NegativeSlope);
                }

                a0.Store(output + c);
                a1.Store(output + c + 8);
                a2.Store(output + c + 16);
                a3.Store(output + c + 24);
            }

            for (; c + 8 <= s.OutChannels; c += 8)
            {
                var acc = bias is null ? Vector256<float>.Zero : Vector256.Create(bias, c);
                for (var ky = 0; ky < s.KernelHeight; ky++)
                {
                    var p = inBase + ((((long)((y * s.Stride) + ky) * s.InWidth) + (x * s.Stride)) * s.InChannels);
                    var w = wBase + ((long)ky * span * s.OutChannels) + c;
                    for (var t = 0; t < span; t++, w += s.OutChannels)
                    {
                        acc = Vector256.MultiplyAddEstimate(Vector256.Create(p[t]), Vector256.Load(w), acc);
                    }
                }

                if (s.NegativeSlope != 1f)
                {
                    acc = Vector256.Max(acc, acc * s.NegativeSlope);
                }

                acc.Store(output + c);
            }
        }

        for (; c < s.OutChannels; c++)
        {
            var sum = bias is null ? 0f : bias[c];
            for (var ky = 0; ky < s.KernelHeight; ky++)
            {
                var p = inBase + ((((long)((y * s.Stride) + ky) * s.InWidth) + (x * s.Stride)) * s.InChannels);
                var w = wBase + ((long)ky * span * s.OutChannels) + c;
                for (var t = 0; t < span; t++, w += s.OutChannels)
                {
                    sum += p[t] * *w;
                }
            }

            output[c] = MathF.Max(sum, sum * s.NegativeSlope);
        }
    }

    private readonly record struct ConvShape(
        int InWidth, int InChannels, int OutChannels, int KernelHeight, int KernelWidth, int Stride, int OutWidth, float NegativeSlope);
}
