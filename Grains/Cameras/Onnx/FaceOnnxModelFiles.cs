namespace StreamOrleans.Grains.Cameras.Onnx;

/// <summary>Paths of the three converted face models.</summary>
public sealed record FaceOnnxModelFiles(string Detector, string Landmarks, string Recognition);
