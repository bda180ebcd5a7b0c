namespace StreamOrleans.Grains.Cameras.Inference;

/// <summary>TensorFlow's spatial padding modes for convolution and pooling.</summary>
public enum Padding
{
    /// <summary>No padding: output = floor((input - kernel) / stride) + 1.</summary>
    Valid,

    /// <summary>
    /// Output = ceil(input / stride); the total padding max((out - 1) * stride + kernel - input, 0) is split with the
    /// smaller half before (top/left) and the rest after, as TensorFlow does.
    /// </summary>
    Same,
}
