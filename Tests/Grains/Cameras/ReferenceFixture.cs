namespace StreamOrleans.Tests.Grains.Cameras;

/// <summary>One photo's reference output from face-api (Tests/Fixtures/Faces/generate-reference.js).</summary>
internal sealed record ReferenceFixture(
    string Photo, int Width, int Height, int InputSize, double ScoreThreshold, IReadOnlyList<ReferenceFace> Faces,
    IReadOnlyList<ReferenceAlignedFace> AlignedFaces,
    ReferenceTiming TimingMs);
