using System.Buffers.Binary;
using System.Text.Json;

namespace StreamOrleans.Grains.Cameras.Onnx.Tfjs;

/// <summary>
/// Reads TensorFlow.js layers/graph weight files: a <c>*-weights_manifest.json</c> (groups of shard paths and weight
/// specs) plus the binary shards it names, in the same folder. Weights are float32, either raw little-endian or
/// affine-quantised to uint8/uint16 (value = q * scale + min), as described in the TF.js converter's format notes.
/// </summary>
public static class TfjsWeightsLoader
{
    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true };

    /// <exception cref="FileNotFoundException">The manifest or a shard is missing.</exception>
    /// <exception cref="InvalidDataException">The manifest is malformed, uses an unsupported dtype, or a shard is short.</exception>
    public static WeightMap Load(string manifestPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(manifestPath);
        if (!File.Exists(manifestPath))
        {
            throw new FileNotFoundException($"TF.js weights manifest not found: {manifestPath}. Run scripts/setup.sh.", manifestPath);
        }

        List<TfjsManifestGroup>? groups;
        try
        {
            groups = JsonSerializer.Deserialize<List<TfjsManifestGroup>>(File.ReadAllText(manifestPath), JsonOptions);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"Malformed TF.js weights manifest {manifestPath}: {ex.Message}", ex);
        }

        if (groups is null || groups.Count == 0)
        {
            throw new InvalidDataException($"TF.js weights manifest {manifestPath} lists no weight groups.");
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(manifestPath))!;
        var tensors = new List<WeightTensor>();
        foreach (var group in groups)
        {
            var bytes = group.Paths.SelectMany(path => File.ReadAllBytes(Path.Combine(directory, path))).ToArray();
            var offset = 0;
            foreach (var weight in group.Weights)
            {
                tensors.Add(Decode(weight, bytes, ref offset, manifestPath));
            }

            if (offset != bytes.Length)
            {
                throw new InvalidDataException(
                    $"{manifestPath}: the shards of group [{string.Join(", ", group.Paths)}] hold {bytes.Length} bytes but the weights use {offset}.");
            }
        }

        return new WeightMap(tensors);
    }

    private static WeightTensor Decode(TfjsManifestWeight weight, byte[] bytes, ref int offset, string manifestPath)
    {
        if (weight.Dtype != "float32")
        {
            throw new InvalidDataException($"{manifestPath}: weight '{weight.Name}' has dtype '{weight.Dtype}'; only float32 is supported.");
        }

        var shape = weight.Shape.ToArray();
        var count = checked((int)shape.Aggregate(1L, (product, dimension) => product * dimension));
        var values = new float[count];
        var quantization = weight.Quantization;
        var width = quantization?.Dtype switch
        {
            null => 4,
            "uint8" => 1,
            "uint16" => 2,
            _ => throw new InvalidDataException(
                $"{manifestPath}: weight '{weight.Name}' uses quantization '{quantization.Dtype}'; supported: uint8, uint16."),
        };

        if (offset + ((long)count * width) > bytes.Length)
        {
            throw new InvalidDataException($"{manifestPath}: the shards end inside weight '{weight.Name}'.");
        }

        var source = bytes.AsSpan(offset, count * width);
        if (quantization is null)
        {
            for (var i = 0; i < count; i++)
            {
                values[i] = BinaryPrimitives.ReadSingleLittleEndian(source[(i * 4)..]);
            }
        }
        else
        {
            for (var i = 0; i < count; i++)
            {
                var q = width == 1 ? source[i] : BinaryPrimitives.ReadUInt16LittleEndian(source[(i * 2)..]);
                values[i] = (float)((q * quantization.Scale) + quantization.Min);
            }
        }

        offset += count * width;
        return new WeightTensor(weight.Name, shape, values);
    }
}
