using System.Numerics.Tensors;

namespace StreamOrleans.Grains.Cameras.Inference;

/// <summary>Dense layer y = x W (+ b), weights laid out [inputs, outputs] as in tf.matMul(x, W).</summary>
public static class FullyConnected
{
    public static float[] Apply(ReadOnlySpan<float> input, float[] weights, float[]? bias)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (input.IsEmpty || weights.Length % input.Length != 0)
        {
            throw new ArgumentException($"Weights of {weights.Length} values do not fit an input of {input.Length}.", nameof(weights));
        }

        var outputs = weights.Length / input.Length;
        if (bias is not null && bias.Length != outputs)
        {
            throw new ArgumentException($"Bias has {bias.Length} values, expected {outputs}.", nameof(bias));
        }

        var result = new float[outputs];
        bias?.CopyTo(result, 0);
        for (var i = 0; i < input.Length; i++)
        {
            TensorPrimitives.MultiplyAdd(weights.AsSpan(i * outputs, outputs), input[i], result, result);
        }

        return result;
    }
}
