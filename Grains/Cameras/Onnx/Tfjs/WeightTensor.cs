namespace StreamOrleans.Grains.Cameras.Onnx.Tfjs;

/// <summary>One named weight tensor, dequantised to float32, row-major in the order of <see cref="Shape"/>.</summary>
public sealed class WeightTensor
{
    public WeightTensor(string name, int[] shape, float[] values)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(values);
        var count = shape.Aggregate(1L, (product, dimension) => product * dimension);
        if (count != values.Length)
        {
            throw new ArgumentException($"Weight '{name}' has shape [{string.Join(", ", shape)}] but {values.Length} values.", nameof(values));
        }

        Name = name;
        Shape = shape;
        Values = values;
    }

    public string Name { get; }

    public int[] Shape { get; }

    public float[] Values { get; }
}
