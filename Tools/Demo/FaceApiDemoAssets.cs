namespace StreamOrleans.Tools.Demo;

/// <summary>Where set-up put face-api's demo photos: $STREAMORLEANS_CACHE (default: the repository's .cache)/npm/@vladmandic+face-api-1.7.15/package/demo.</summary>
internal static class FaceApiDemoAssets
{
    public static string DemoDirectory(string repositoryRoot)
    {
        var cache = Environment.GetEnvironmentVariable("STREAMORLEANS_CACHE");
        cache = string.IsNullOrEmpty(cache) ? Path.Combine(repositoryRoot, ".cache") : cache;
        return Path.Combine(cache, "npm", "@vladmandic+face-api-1.7.15", "package", "demo");
    }
}
