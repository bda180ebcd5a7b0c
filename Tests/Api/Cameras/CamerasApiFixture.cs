using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StreamOrleans.Grains.Cameras;
using StreamOrleans.Tests.Grains.Cameras;
using StreamOrleans.Tests.Grains.Cameras.Pipeline;

namespace StreamOrleans.Tests.Api.Cameras;

/// <summary>The API host with the tests' shared face models and a pixel limit of <see cref="BadImages.MaxPixels"/>.</summary>
public sealed class CamerasApiFixture() : ApiFactory(
    new Dictionary<string, string?> { ["Cameras:MaxPixels"] = $"{BadImages.MaxPixels}", ["Cameras:MaxFrameBytes"] = $"{MaxFrameBytes}" },
    services => services.AddSingleton(CameraSilo.Provider(new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { ["Cameras:MaxPixels"] = $"{BadImages.MaxPixels}" }).Build())))
{
    /// <summary>Cameras:MaxFrameBytes in these tests (the demo photos are 145..303 KB).</summary>
    public const int MaxFrameBytes = 400_000;
}
