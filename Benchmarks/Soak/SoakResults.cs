using System.Text.Json;
using System.Text.Json.Nodes;
using StreamOrleans.Benchmarks.Support;

namespace StreamOrleans.Benchmarks.Soak;

/// <summary>Writes the soak's keys (soak_*) into chaos.json, keeping the file's other keys (the fuzzer's and the chaos harness's).</summary>
internal static class SoakResults
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Replaces every soak_* key of the JSON object at <paramref name="path"/> with <paramref name="figures"/>' and adds soak_machine.</summary>
    public static void Merge(string path, JsonObject figures)
    {
        var json = File.Exists(path) ? JsonNode.Parse(File.ReadAllText(path))?.AsObject() ?? [] : [];
        foreach (var stale in json.Select(p => p.Key).Where(k => k.StartsWith("soak_", StringComparison.Ordinal)).ToList())
        {
            json.Remove(stale);
        }

        foreach (var (key, value) in figures)
        {
            json[key] = value?.DeepClone();
        }

        json["soak_machine"] = BenchmarkOutput.Machine();
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, json.ToJsonString(Indented) + Environment.NewLine);
    }
}
