using System.Text.Json;
using System.Text.Json.Nodes;

namespace StreamOrleans.Benchmarks.Support;

/// <summary>Writes a benchmark's machine-readable result (JSON) and describes the machine it ran on.</summary>
internal static class BenchmarkOutput
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Writes <paramref name="result"/> as indented JSON to <paramref name="path"/>, creating its folder.</summary>
    public static void Write(string path, JsonObject result)
    {
        result["machine"] = Machine();
        Save(path, result);
    }

    /// <summary>
    /// Sets <paramref name="figures"/>' keys in the JSON object at <paramref name="path"/> (a file several commands share,
    /// like chaos.json), keeping every other key; first removes the keys starting with <paramref name="stalePrefix"/>
    /// when given; the machine facts go under <paramref name="machineKey"/>.
    /// </summary>
    public static void Merge(string path, JsonObject figures, string machineKey, string? stalePrefix = null)
    {
        var json = File.Exists(path) ? JsonNode.Parse(File.ReadAllText(path))?.AsObject() ?? [] : [];
        if (stalePrefix is not null)
        {
            foreach (var stale in json.Select(p => p.Key).Where(k => k.StartsWith(stalePrefix, StringComparison.Ordinal)).ToList())
            {
                json.Remove(stale);
            }
        }

        foreach (var (key, value) in figures)
        {
            json[key] = value?.DeepClone();
        }

        json[machineKey] = Machine();
        Save(path, json);
    }

    /// <summary>Cores, runtime, OS, 1-minute load average and the time of the run.</summary>
    public static JsonObject Machine() => new()
    {
        ["cores"] = Environment.ProcessorCount,
        ["runtime"] = System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
        ["os"] = System.Runtime.InteropServices.RuntimeInformation.OSDescription,
        ["load_average_1m"] = LoadAverage(),
        ["measured_at"] = DateTimeOffset.UtcNow.ToString("O"),
    };

    private static void Save(string path, JsonObject json)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, json.ToJsonString(Indented) + Environment.NewLine);
    }

    /// <summary>The 1-minute load average (Linux), or null where /proc/loadavg is not available.</summary>
    public static double? LoadAverage()
    {
        try
        {
            var text = File.ReadAllText("/proc/loadavg").Split(' ')[0];
            return double.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
