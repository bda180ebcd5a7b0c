using Microsoft.Extensions.DependencyInjection;
using StreamOrleans.Grains.Cameras;
using StreamOrleans.Tests.Grains.Cameras;

namespace StreamOrleans.Tests.Api.Cameras;

/// <summary>
/// The API host with the tests' shared face models (loaded once per test run) and a pixel limit of
/// <see cref="BadImages.MaxPixels"/>; every frame is analysed however slow the machine (load shedding has its own test).
/// </summary>
public sealed class CamerasApiFixture() : ApiFactory(
    new Dictionary<string, string?>
    {
        ["Cameras:MaxPixels"] = $"{BadImages.MaxPixels}",
        ["Cameras:MaxFrameBytes"] = $"{MaxFrameBytes}",
        ["Cameras:MaxFrameLag"] = "00:00:00",
    },
    services => services.AddSingleton(FaceAnalyzerProvider.FromAnalyzer(FaceModels.Analyzer(
        FaceAnalyzerProvider.AnalysisOptions(new CamerasOptions { MaxPixels = BadImages.MaxPixels })))))
{
    /// <summary>Cameras:MaxFrameBytes in these tests (the demo photos are 145..303 KB).</summary>
    public const int MaxFrameBytes = 400_000;
}
