namespace StreamOrleans.Grains.Cameras.Onnx.Tfjs;

/// <summary>Affine quantisation of a TF.js weight: stored integer q of <see cref="Dtype"/>, value = q * scale + min.</summary>
internal sealed record TfjsQuantization(string Dtype, double Scale, double Min);
