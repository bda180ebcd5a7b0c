namespace StreamOrleans.Grains.Cameras.Onnx.Tfjs;

/// <summary>The weights of one model by name (e.g. "conv1/depthwise_filter"), as loaded from a TF.js manifest.</summary>
public sealed class WeightMap
{
    private readonly Dictionary<string, WeightTensor> _tensors;

    public WeightMap(IEnumerable<WeightTensor> tensors)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        _tensors = tensors.ToDictionary(t => t.Name, StringComparer.Ordinal);
    }

    public IReadOnlyCollection<string> Names => _tensors.Keys;

    public int Count => _tensors.Count;

    /// <summary>The values of <paramref name="name"/>, checking that its shape is <paramref name="expectedShape"/>.</summary>
    public float[] Get(string name, params int[] expectedShape)
    {
        ArgumentNullException.ThrowIfNull(expectedShape);
        if (!_tensors.TryGetValue(name, out var tensor))
        {
            throw new KeyNotFoundException($"The model has no weight named '{name}'.");
        }

        if (!tensor.Shape.SequenceEqual(expectedShape))
        {
            throw new InvalidDataException(
                $"Weight '{name}' has shape [{string.Join(", ", tensor.Shape)}], expected [{string.Join(", ", expectedShape)}].");
        }

        return tensor.Values;
    }

    public WeightTensor this[string name] =>
        _tensors.TryGetValue(name, out var tensor) ? tensor : throw new KeyNotFoundException($"The model has no weight named '{name}'.");
}
