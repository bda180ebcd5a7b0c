namespace StreamOrleans.Grains.Cameras.Onnx.Tfjs;

/// <summary>One entry of a TF.js weights manifest: shard files whose concatenated bytes hold the listed weights.</summary>
internal sealed record TfjsManifestGroup(IReadOnlyList<string> Paths, IReadOnlyList<TfjsManifestWeight> Weights);
