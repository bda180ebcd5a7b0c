namespace StreamOrleans.Grains.Cameras.Onnx.Tfjs;

/// <summary>One weight in a TF.js manifest group; the bytes follow the previous weight's in the group's shards.</summary>
internal sealed record TfjsManifestWeight(string Name, IReadOnlyList<int> Shape, string Dtype, TfjsQuantization? Quantization);
