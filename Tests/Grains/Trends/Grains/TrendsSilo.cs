using System.Text.Json;
using StreamOrleans.Grains.Interfaces.Trends;
using StreamOrleans.Grains.Trends;
using StreamOrleans.Tests.Support;

namespace StreamOrleans.Tests.Grains.Trends.Grains;

/// <summary>A test silo on the production wiring with the trends settings of these tests, on a manual clock.</summary>
internal static class TrendsSilo
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    public static Task<TestSilo> StartAsync(TimeProvider? time = null, string? dataDirectory = null, params (string Key, string Value)[] overrides)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Trends:Keywords:0"] = "launch",
            ["Trends:ModelRefreshInterval"] = "01:00:00",   // tests read the log explicitly (grain calls catch up first)
            ["Trends:AdvanceInterval"] = "01:00:00",
            ["Recommendations:RefreshInterval"] = "01:00:00",
        };
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        return TestSilo.StartAsync(time ?? new ManualTimeProvider(Start), settings, dataDirectory);
    }

    public static string Json(Post post) => JsonSerializer.Serialize(post, TrendsJsonContext.Default.Post);

    public static async Task AppendAsync(TestSilo silo, IEnumerable<Post> posts)
    {
        await silo.AppendJsonAsync(Post.Topic, posts.Select(p => (p.PostId, Json(p))));
        await silo.WaitUntilCommittedAsync(Post.Topic);
    }

    public static async Task<List<TrendAlert>> AlertsAsync(TestSilo silo)
    {
        var alerts = new List<TrendAlert>();
        foreach (var partition in await silo.Log.GetOffsetsAsync(TrendAlert.OutputTopic))
        {
            foreach (var record in await silo.Log.ReadAsync(TrendAlert.OutputTopic, partition.Partition, partition.StartOffset, 100_000))
            {
                alerts.Add(JsonSerializer.Deserialize(record.Value.Span, TrendsJsonContext.Default.TrendAlert)!);
            }
        }

        return [.. alerts.OrderBy(a => a.At)];
    }
}
