using System.Text.Json;
using StreamOrleans.Tests.Support;

namespace StreamOrleans.Tests.Grains.Cameras;

/// <summary>
/// Locates what the faces set-up step (scripts/setup/50-faces.sh) provides: face-api's model weights and demo photos
/// in the cache, and the committed reference fixtures (Tests/Fixtures/Faces). Missing set-up fails loudly.
/// </summary>
internal static class FaceAssets
{
    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true };

    public static string RepositoryRoot => RepositoryPaths.Root;

    public static string FixturesDirectory => RepositoryPaths.Fixtures("Faces");

    public static string FaceApiPackage
    {
        get
        {
            var package = Path.Combine(RepositoryPaths.Cache, "npm", "@vladmandic+face-api-1.7.15", "package");
            if (!File.Exists(Path.Combine(package, "model", "tiny_face_detector_model-weights_manifest.json")))
            {
                throw new InvalidOperationException(
                    $"face-api 1.7.15 (weights and demo photos) is missing from {package}: run scripts/setup.sh.");
            }

            return package;
        }
    }

    public static string ModelDirectory => Path.Combine(FaceApiPackage, "model");

    public static byte[] DemoPhoto(string name) => File.ReadAllBytes(Path.Combine(FaceApiPackage, "demo", name));

    public static IReadOnlyList<string> DemoPhotoNames { get; } =
        ["sample1.jpg", "sample2.jpg", "sample3.jpg", "sample4.jpg", "sample5.jpg", "sample6.jpg"];

    public static ReferenceFixture Reference(string photo)
    {
        var path = Path.Combine(FixturesDirectory, Path.ChangeExtension(photo, ".json"));
        return JsonSerializer.Deserialize<ReferenceFixture>(File.ReadAllText(path), JsonOptions)
            ?? throw new InvalidDataException($"Empty fixture {path}.");
    }
}
