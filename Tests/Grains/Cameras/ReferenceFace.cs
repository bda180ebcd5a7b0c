using StreamOrleans.Grains.Cameras.FaceDetection;

namespace StreamOrleans.Tests.Grains.Cameras;

/// <summary>One face in a reference fixture: face-api's box (image pixels), score and 128-d descriptor.</summary>
internal sealed record ReferenceFace(ReferenceBox Box, double Score, float[] Descriptor)
{
    public FaceBox FaceBox => new(Box.X, Box.Y, Box.Width, Box.Height);
}
