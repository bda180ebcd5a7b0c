namespace StreamOrleans.Grains.Cameras.Inference;

/// <summary>Output size and leading/trailing padding of one spatial axis under TensorFlow's padding rules.</summary>
public readonly record struct PaddingGeometry(int Output, int Before, int After)
{
    public static PaddingGeometry For(int input, int kernel, int stride, Padding padding)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(input);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(kernel);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stride);
        if (padding == Padding.Valid)
        {
            if (input < kernel)
            {
                throw new ArgumentException($"Input size {input} is smaller than kernel {kernel} with 'valid' padding.", nameof(input));
            }

            return new PaddingGeometry(((input - kernel) / stride) + 1, 0, 0);
        }

        var output = (input + stride - 1) / stride;
        var total = Math.Max(((output - 1) * stride) + kernel - input, 0);
        return new PaddingGeometry(output, total / 2, total - (total / 2));
    }
}
