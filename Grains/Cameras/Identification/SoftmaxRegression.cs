using System.Numerics.Tensors;

namespace StreamOrleans.Grains.Cameras.Identification;

/// <summary>
/// Multinomial (softmax) logistic regression: p(k | x) = exp(w_k . x + b_k) / sum_j exp(w_j . x + b_j), trained by
/// full-batch gradient descent on the mean cross-entropy plus an L2 penalty on the weights (Bishop, "Pattern
/// Recognition and Machine Learning", 2006, section 4.3.4). Deterministic: zero initial weights, fixed step count.
/// Face descriptors are nearly separable per person, so a few hundred steps suffice for small galleries.
/// </summary>
public sealed class SoftmaxRegression
{
    private readonly float[][] _weights;
    private readonly float[] _bias;

    private SoftmaxRegression(float[][] weights, float[] bias)
    {
        _weights = weights;
        _bias = bias;
    }

    /// <summary>Number of classes.</summary>
    public int Classes => _bias.Length;

    /// <summary>Trains on <paramref name="samples"/> with class indices <paramref name="labels"/> (0..classes-1).</summary>
    public static SoftmaxRegression Train(IReadOnlyList<float[]> samples, IReadOnlyList<int> labels, int classes, int steps = 300, double learningRate = 5.0, double l2 = 1e-3)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 2);
        if (samples.Count == 0 || samples.Count != labels.Count)
        {
            throw new ArgumentException($"Need one label per sample and at least one sample; got {samples.Count} samples and {labels.Count} labels.", nameof(labels));
        }

        var dimensions = samples[0].Length;
        if (samples.Any(s => s.Length != dimensions) || labels.Any(l => l < 0 || l >= classes))
        {
            throw new ArgumentException($"Every sample must have {dimensions} values and every label must be in 0..{classes - 1}.", nameof(samples));
        }

        var weights = Enumerable.Range(0, classes).Select(_ => new float[dimensions]).ToArray();
        var bias = new float[classes];
        var gradient = Enumerable.Range(0, classes).Select(_ => new float[dimensions]).ToArray();
        var biasGradient = new float[classes];
        var probabilities = new float[classes];
        var model = new SoftmaxRegression(weights, bias);
        var scale = 1.0f / samples.Count;
        for (var step = 0; step < steps; step++)
        {
            foreach (var g in gradient)
            {
                Array.Clear(g);
            }

            Array.Clear(biasGradient);
            for (var i = 0; i < samples.Count; i++)
            {
                model.Probabilities(samples[i], probabilities);
                for (var k = 0; k < classes; k++)
                {
                    // d(cross-entropy)/d(logit_k) = p_k - [k == label].
                    var error = (probabilities[k] - (k == labels[i] ? 1f : 0f)) * scale;
                    TensorPrimitives.MultiplyAdd(samples[i], error, gradient[k], gradient[k]);
                    biasGradient[k] += error;
                }
            }

            for (var k = 0; k < classes; k++)
            {
                TensorPrimitives.MultiplyAdd(weights[k], (float)l2, gradient[k], gradient[k]);
                TensorPrimitives.MultiplyAdd(gradient[k], (float)-learningRate, weights[k], weights[k]);
                bias[k] -= (float)learningRate * biasGradient[k];
            }
        }

        return model;
    }

    /// <summary>Writes p(k | x) for every class into <paramref name="destination"/>.</summary>
    public void Probabilities(ReadOnlySpan<float> x, Span<float> destination)
    {
        if (destination.Length != Classes)
        {
            throw new ArgumentException($"Destination has {destination.Length} slots; the model has {Classes} classes.", nameof(destination));
        }

        for (var k = 0; k < Classes; k++)
        {
            destination[k] = TensorPrimitives.Dot(_weights[k], x) + _bias[k];
        }

        TensorPrimitives.SoftMax(destination, destination);
    }
}
