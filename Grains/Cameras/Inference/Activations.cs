using System.Numerics.Tensors;

namespace StreamOrleans.Grains.Cameras.Inference;

/// <summary>Element-wise activations, in place.</summary>
public static class Activations
{
    public static FeatureMap Relu(FeatureMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        TensorPrimitives.Max(map.Data, 0f, map.Data);
        return map;
    }

    /// <summary>max(x, alpha * x) for 0 &lt;= alpha &lt;= 1 (face-api's tiny YOLO uses alpha = 0.1).</summary>
    public static FeatureMap LeakyRelu(FeatureMap map, float alpha)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentOutOfRangeException.ThrowIfNegative(alpha);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(alpha, 1f);
        var data = map.Data.AsSpan();
        const int Chunk = 4096;
        Span<float> scaled = stackalloc float[Chunk];
        for (var start = 0; start < data.Length; start += Chunk)
        {
            var part = data.Slice(start, Math.Min(Chunk, data.Length - start));
            var tmp = scaled[..part.Length];
            TensorPrimitives.Multiply(part, alpha, tmp);
            TensorPrimitives.Max(part, tmp, part);
        }

        return map;
    }
}
