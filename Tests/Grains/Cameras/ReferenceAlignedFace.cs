using StreamOrleans.Grains.Cameras.FaceDetection;

namespace StreamOrleans.Tests.Grains.Cameras;

/// <summary>
/// One face of face-api's aligned pipeline: detection box, 68 landmarks ([x, y] in image pixels), the dlib-style aligned
/// box and the descriptor of its crop.
/// </summary>
internal sealed record ReferenceAlignedFace(ReferenceBox Box, double[][] Landmarks, ReferenceBox AlignedBox, float[] Descriptor)
{
    public FaceBox FaceBox => new(Box.X, Box.Y, Box.Width, Box.Height);

    public FaceBox AlignedFaceBox => new(AlignedBox.X, AlignedBox.Y, AlignedBox.Width, AlignedBox.Height);
}
