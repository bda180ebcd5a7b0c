namespace StreamOrleans.Grains.Cameras.Inference;

/// <summary>Zero padding of the height and width axes (tf.pad on NHWC), so that convolutions can run 'valid'.</summary>
public static class SpatialPad
{
    public static FeatureMap Zeros(FeatureMap input, int top, int bottom, int left, int right)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (top < 0 || bottom < 0 || left < 0 || right < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(top), $"Padding must be >= 0, got top {top} bottom {bottom} left {left} right {right}.");
        }

        if (top == 0 && bottom == 0 && left == 0 && right == 0)
        {
            return input;
        }

        var output = new FeatureMap(input.Height + top + bottom, input.Width + left + right, input.Channels);
        var rowLength = input.Width * input.Channels;
        for (var y = 0; y < input.Height; y++)
        {
            Array.Copy(input.Data, y * rowLength, output.Data, ((((y + top) * output.Width) + left) * input.Channels), rowLength);
        }

        return output;
    }
}
