using StreamOrleans.Grains.Cameras.Identification;

namespace StreamOrleans.Tests.Grains.Cameras.Identification;

public sealed class SoftmaxRegressionTests
{
    [Fact]
    public void One_gradient_step_matches_the_hand_computed_answer()
    {
        // x = +1 (class 0), x = -1 (class 1); from zero weights p = 0.5 each, so with step 1 and no penalty
        // w0 = +0.5, w1 = -0.5, biases stay 0; p(0 | x = 1) = 1 / (1 + e^-1).
        var model = SoftmaxRegression.Train([[1f], [-1f]], [0, 1], classes: 2, steps: 1, learningRate: 1, l2: 0);

        var p = new float[2];
        model.Probabilities([1f], p);

        Assert.Equal(1 / (1 + Math.Exp(-1)), p[0], 6);
        Assert.Equal(1 - (1 / (1 + Math.Exp(-1))), p[1], 6);
    }

    [Fact]
    public void Separable_clusters_are_classified_with_high_probability()
    {
        float[][] samples = [[1, 0, 0], [0.9f, 0.1f, 0], [0, 1, 0], [0.1f, 0.9f, 0], [0, 0, 1], [0, 0.1f, 0.9f]];
        var model = SoftmaxRegression.Train(samples, [0, 0, 1, 1, 2, 2], classes: 3);

        var p = new float[3];
        model.Probabilities([0.05f, 0.95f, 0], p);

        Assert.Equal(1, Array.IndexOf(p, p.Max()));
        Assert.True(p[1] > 0.9, $"p = {string.Join(", ", p)}");
        Assert.Equal(1.0, p.Sum(), 5);
    }

    [Fact]
    public void Bad_training_input_is_refused_with_a_reason()
    {
        Assert.Throws<ArgumentException>(() => SoftmaxRegression.Train([[1f]], [0, 1], classes: 2));
        Assert.Throws<ArgumentException>(() => SoftmaxRegression.Train([[1f], [1f, 2f]], [0, 1], classes: 2));
        Assert.Throws<ArgumentException>(() => SoftmaxRegression.Train([[1f], [2f]], [0, 2], classes: 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => SoftmaxRegression.Train([[1f]], [0], classes: 1));
    }
}
