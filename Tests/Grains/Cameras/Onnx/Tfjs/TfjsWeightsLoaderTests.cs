using StreamOrleans.Grains.Cameras.Onnx.Tfjs;

namespace StreamOrleans.Tests.Grains.Cameras.Onnx.Tfjs;

public sealed class TfjsWeightsLoaderTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("tfjs-weights-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Dequantises_uint8_and_reads_raw_float32_across_shards()
    {
        // Group: "a" uint8 [2, 2] with scale 0.5 and min -1 (bytes 0, 1, 2, 4 -> -1, -0.5, 0, 1), then "b" raw float32 [2],
        // split over two shard files.
        var floats = new byte[8];
        BitConverter.TryWriteBytes(floats.AsSpan(0), 1.5f);
        BitConverter.TryWriteBytes(floats.AsSpan(4), -2.25f);
        File.WriteAllBytes(Path.Combine(_directory, "m.bin"), [0, 1, 2, 4, .. floats[..3]]);
        File.WriteAllBytes(Path.Combine(_directory, "m2.bin"), floats[3..]);
        File.WriteAllText(Path.Combine(_directory, "m-weights_manifest.json"), """
            [{"paths": ["m.bin", "m2.bin"], "weights": [
              {"name": "a", "shape": [2, 2], "dtype": "float32", "quantization": {"dtype": "uint8", "scale": 0.5, "min": -1}},
              {"name": "b", "shape": [2], "dtype": "float32"}]}]
            """);

        var weights = TfjsWeightsLoader.Load(Path.Combine(_directory, "m-weights_manifest.json"));

        Assert.Equal([-1f, -0.5f, 0f, 1f], weights.Get("a", 2, 2));
        Assert.Equal([1.5f, -2.25f], weights.Get("b", 2));
        Assert.Throws<InvalidDataException>(() => weights.Get("a", 4));
        Assert.Throws<KeyNotFoundException>(() => weights.Get("c", 1));
    }

    [Fact]
    public void Short_shards_are_reported()
    {
        File.WriteAllBytes(Path.Combine(_directory, "m.bin"), [1, 2, 3]);
        File.WriteAllText(Path.Combine(_directory, "m-weights_manifest.json"), """
            [{"paths": ["m.bin"], "weights": [{"name": "a", "shape": [4], "dtype": "float32", "quantization": {"dtype": "uint8", "scale": 1, "min": 0}}]}]
            """);

        var error = Assert.Throws<InvalidDataException>(() => TfjsWeightsLoader.Load(Path.Combine(_directory, "m-weights_manifest.json")));
        Assert.Contains("'a'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_manifest_says_to_run_setup()
    {
        var error = Assert.Throws<FileNotFoundException>(() => TfjsWeightsLoader.Load(Path.Combine(_directory, "none.json")));
        Assert.Contains("scripts/setup.sh", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Loads_face_apis_tiny_face_detector_manifest()
    {
        var weights = TfjsWeightsLoader.Load(Path.Combine(FaceAssets.ModelDirectory, "tiny_face_detector_model-weights_manifest.json"));

        Assert.Equal(19, weights.Count);
        Assert.Equal(3 * 3 * 3 * 16, weights.Get("conv0/filters", 3, 3, 3, 16).Length);
        Assert.All(weights.Get("conv5/pointwise_filter", 1, 1, 256, 512), v => Assert.True(float.IsFinite(v)));
    }
}
