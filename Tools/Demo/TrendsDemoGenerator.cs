using System.Text;
using System.Text.Json;
using StreamOrleans.Grains.Trends.Demo;

namespace StreamOrleans.Tools.Demo;

/// <summary>
/// Posts generated social-media traffic to the API in real time: <see cref="PostGenerator"/>'s Zipf-vocabulary background
/// with planted bursts of labelled topics (first after five minutes), starting now, sent to /api/streams/posts/events
/// as each post's timestamp passes. Every other post carries its sentiment label, so the online classifier learns
/// while the rest are only scored. Watch GET /api/trends?window=5m and the "trend-alerts" topic.
/// </summary>
internal sealed class TrendsDemoGenerator(HttpClient http, double postsPerSecond, TimeProvider timeProvider)
{
    private const int MaxBatch = 50;
    private readonly DemoEventSender _sender = new(http, "posts");

    public long Sent => _sender.Sent;

    public long Failed => _sender.Failed;

    public string LastError => _sender.LastError;

    /// <summary>The bursts planted in this run (topic and time), for the console.</summary>
    public IReadOnlyList<PlantedBurst> Bursts { get; private set; } = [];

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var generator = new PostGenerator(new PostGeneratorOptions
        {
            Seed = (ulong)timeProvider.GetUtcNow().ToUnixTimeSeconds(),
            Start = timeProvider.GetUtcNow(),
            Duration = TimeSpan.FromHours(6),
            BackgroundPostsPerSecond = postsPerSecond,
            BurstCount = 18,
            BurstFreeWarmup = TimeSpan.FromMinutes(5),
        });
        Bursts = generator.Bursts;
        using var posts = generator.Generate().GetEnumerator();
        var pending = posts.MoveNext() ? posts.Current : null;
        var batch = new List<GeneratedPost>(MaxBatch);
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(200), timeProvider);
        try
        {
            while (pending is not null && await timer.WaitForNextTickAsync(cancellationToken))
            {
                var now = timeProvider.GetUtcNow();
                while (pending is not null && pending.Timestamp <= now)
                {
                    batch.Add(pending);
                    pending = posts.MoveNext() ? posts.Current : null;
                    if (batch.Count == MaxBatch)
                    {
                        await SendAsync(batch, cancellationToken);
                    }
                }

                if (batch.Count > 0)
                {
                    await SendAsync(batch, cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task SendAsync(List<GeneratedPost> batch, CancellationToken cancellationToken)
    {
        var events = batch.Select(p => new
        {
            key = $"post-{p.PostId}",
            value = new Dictionary<string, object?>
            {
                ["postId"] = $"post-{p.PostId}",
                ["author"] = p.Author,
                ["text"] = p.Text,
                ["timestamp"] = p.Timestamp,
                ["label"] = p.PostId % 2 == 0 ? p.Label.ToString().ToLowerInvariant() : null,
            },
        }).ToList();
        var count = batch.Count;
        batch.Clear();
        await _sender.SendAsync(JsonSerializer.Serialize(new { events }), count, cancellationToken);
    }
}
