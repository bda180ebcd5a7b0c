using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using StreamOrleans.Grains.Cameras.Identification;
using StreamOrleans.Grains.Interfaces.Cameras;
using System.Text.Json.Serialization.Metadata;

namespace StreamOrleans.Grains.Cameras;

/// <summary>Registers the camera pipeline's options and shared services.</summary>
public static class CamerasServiceCollectionExtensions
{
    /// <summary>
    /// <see cref="CamerasOptions"/> from section "Cameras" (validated at start-up), the shared face models (loaded on
    /// first use), the pool of inference threads, the gallery identifier cache, the JPEG validator of the HTTP ingest, the producer of annotated
    /// frames, and topic "frames-annotated" among the topics the silo creates, and the feature's JSON metadata.
    /// </summary>
    public static IServiceCollection AddCameras(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<CamerasOptions>().Bind(configuration.GetSection(CamerasOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<FaceAnalyzerProvider>();
        services.TryAddSingleton<InferencePool>();
        services.TryAddSingleton<GalleryIdentifierCache>();
        services.TryAddSingleton<IJpegFrameValidator, JpegFrameValidator>();
        return services.AddSingleton<IJsonTypeInfoResolver>(CamerasJsonContext.Default);
    }
}
