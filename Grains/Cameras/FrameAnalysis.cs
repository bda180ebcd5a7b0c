using StreamOrleans.Grains.Cameras.Imaging;

namespace StreamOrleans.Grains.Cameras;

/// <summary>The result of analysing one frame: the decoded image (for drawing), its faces and the stage timings.</summary>
public sealed record FrameAnalysis(RgbImage Image, IReadOnlyList<AnalyzedFace> Faces, StageTimings Timings);
