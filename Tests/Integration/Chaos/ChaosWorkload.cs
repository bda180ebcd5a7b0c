using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace StreamOrleans.Tests.Integration.Chaos;

/// <summary>
/// Continuous load on every input topic through the API of whichever replicas run (as a load balancer would send it):
/// counter events, user events, posts and camera frames, plus queries of the grains they feed. Every answer is
/// classified (<see cref="ChaosAnswers"/>); every acknowledged append is kept, to be found in the log afterwards.
/// </summary>
internal sealed class ChaosWorkload(HttpClient http, Func<Random, ChaosReplica?> pickReplica, ChaosAnswers answers, byte[] frame, int seed)
{
    public const string CounterTopic = "counter-events";
    public const string UserTopic = "user-events";
    public const string PostTopic = "posts";
    public const string FrameTopic = "frames";
    public static readonly string[] Topics = [CounterTopic, UserTopic, PostTopic, FrameTopic];
    public static readonly string[] Kinds = ["view", "click", "purchase"];
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(20);
    private readonly ConcurrentQueue<Acknowledged> _acknowledged = new();
    private readonly ConcurrentDictionary<string, byte> _knownCounters = new();
    private readonly ConcurrentDictionary<string, byte> _knownUsers = new();
    private int _round;

    /// <summary>An append the API answered 2xx for.</summary>
    internal sealed record Acknowledged(string Topic, int Partition, long Offset, string Key);

    public IReadOnlyCollection<Acknowledged> AcknowledgedAppends => _acknowledged;

    /// <summary>Sends load until <paramref name="cancellationToken"/> is cancelled, then waits for the requests in flight.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var round = Interlocked.Increment(ref _round);
        var loops = new[]
        {
            Loop(TimeSpan.FromMilliseconds(100), random => AppendAsync(random, CounterTopic, CounterEvents(random, 20)), round * 10 + 1, cancellationToken),
            Loop(TimeSpan.FromMilliseconds(200), random => AppendAsync(random, UserTopic, UserEvents(random, 20)), round * 10 + 2, cancellationToken),
            Loop(TimeSpan.FromMilliseconds(250), random => AppendAsync(random, PostTopic, Posts(random, 10)), round * 10 + 3, cancellationToken),
            Loop(TimeSpan.FromMilliseconds(1000), PostFrameAsync, round * 10 + 4, cancellationToken),
            Loop(TimeSpan.FromMilliseconds(100), QueryAsync, round * 10 + 5, cancellationToken),
        };
        await Task.WhenAll(loops);
    }

    private async Task Loop(TimeSpan period, Func<Random, Task> send, int loopSeed, CancellationToken cancellationToken)
    {
        var random = new Random(seed * 1000 + loopSeed);
        var inFlight = new List<Task>();
        using var timer = new PeriodicTimer(period);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                inFlight.RemoveAll(t => t.IsCompleted);
                if (inFlight.Count < 8)
                {
                    inFlight.Add(send(random));
                }
                else
                {
                    answers.Throttled();
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The round's load ends.
        }

        await Task.WhenAll(inFlight);
    }

    private static List<(string Key, string Json)> CounterEvents(Random random, int count) =>
        [.. Enumerable.Range(0, count).Select(_ => ($"chaos-{random.Next(100)}", $$"""{"amount":{{random.Next(1, 1000)}}}"""))];

    private static List<(string Key, string Json)> UserEvents(Random random, int count) =>
        [.. Enumerable.Range(0, count).Select(_ =>
        {
            var user = $"cu{random.Next(50):00}";
            return (user, $$"""{"userId":"{{user}}","productId":"cp{{random.Next(20):00}}","kind":"{{Kinds[random.Next(3)]}}","timestamp":"{{DateTimeOffset.UtcNow:O}}"}""");
        })];

    private static List<(string Key, string Json)> Posts(Random random, int count) =>
        [.. Enumerable.Range(0, count).Select(_ =>
        {
            var id = $"cpost-{Guid.NewGuid():N}";
            var tags = random.Next(4) == 0 ? $"#chaos{random.Next(20)} #chaos{random.Next(20, 30)}" : $"#chaos{random.Next(20)}";
            return (id, $$"""{"postId":"{{id}}","author":"ca{{random.Next(30)}}","text":"{{tags}} steady words here","timestamp":"{{DateTimeOffset.UtcNow:O}}"}""");
        })];

    private async Task AppendAsync(Random random, string topic, List<(string Key, string Json)> events)
    {
        var body = new StringBuilder("""{"events":[""");
        body.AppendJoin(',', events.Select(e => $$"""{"key":"{{e.Key}}","value":{{e.Json}}}"""));
        body.Append("]}");
        var answer = await SendAsync(random, HttpMethod.Post, $"api/streams/{topic}/events", "POST /api/streams/{topic}/events",
            () => new StringContent(body.ToString(), Encoding.UTF8, "application/json"));
        if (answer is { } json)
        {
            var appended = json.RootElement.GetProperty("results");
            for (var i = 0; i < events.Count; i++)
            {
                _acknowledged.Enqueue(new Acknowledged(topic, appended[i].GetProperty("partition").GetInt32(), appended[i].GetProperty("offset").GetInt64(), events[i].Key));
                var known = topic == CounterTopic ? _knownCounters : topic == UserTopic ? _knownUsers : null;
                known?.TryAdd(events[i].Key, 0);
            }

            json.Dispose();
        }
    }

    private async Task PostFrameAsync(Random random)
    {
        var camera = $"chaoscam{random.Next(2)}";
        var answer = await SendAsync(random, HttpMethod.Post, $"api/cameras/{camera}/frames", "POST /api/cameras/{id}/frames", () =>
        {
            var content = new ByteArrayContent(frame);
            content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            return content;
        });
        if (answer is { } json)
        {
            _acknowledged.Enqueue(new Acknowledged(FrameTopic, json.RootElement.GetProperty("partition").GetInt32(), json.RootElement.GetProperty("offset").GetInt64(), camera));
            json.Dispose();
        }
    }

    private async Task QueryAsync(Random random)
    {
        var (path, route) = random.Next(4) switch
        {
            0 when Pick(_knownCounters, random) is { } key => ($"api/counters/{key}", "GET /api/counters/{key}"),
            1 when Pick(_knownUsers, random) is { } user => ($"api/users/{user}/recommendations", "GET /api/users/{id}/recommendations"),
            2 => ("api/trends", "GET /api/trends"),
            _ => ("api/cameras", "GET /api/cameras"),
        };
        (await SendAsync(random, HttpMethod.Get, path, route, content: null))?.Dispose();
    }

    private static string? Pick(ConcurrentDictionary<string, byte> keys, Random random)
    {
        var all = keys.Keys;
        return all.Count == 0 ? null : all.ElementAt(random.Next(all.Count));
    }

    // Sends one request to a running replica; returns the JSON of a 2xx answer (the caller disposes it), null otherwise.
    private async Task<JsonDocument?> SendAsync(Random random, HttpMethod method, string path, string route, Func<HttpContent>? content)
    {
        if (pickReplica(random) is not { } replica)
        {
            answers.NoReplica();
            return null;
        }

        var epoch = replica.Epoch;
        var exited = replica.Exited;
        var sentAt = DateTime.UtcNow;
        using var request = new HttpRequestMessage(method, new Uri(replica.BaseAddress, path)) { Content = content?.Invoke() };
        using var timeout = new CancellationTokenSource(RequestTimeout);
        try
        {
            using var response = await http.SendAsync(request, timeout.Token);
            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            if (response.IsSuccessStatusCode)
            {
                answers.Success(route);
                return JsonDocument.Parse(body);
            }

            var clean = response.StatusCode == HttpStatusCode.ServiceUnavailable
                && response.Headers.RetryAfter is not null
                && response.Content.Headers.ContentType?.MediaType == "application/problem+json";
            if (clean)
            {
                answers.Unavailable(route);
            }
            else
            {
                answers.NonClean(route, $"{(int)response.StatusCode} {route}", $"{DateTime.UtcNow:HH:mm:ss.fff} replica {replica.Index} {method} /{path} -> {(int)response.StatusCode}: {Shorten(body)}");
            }
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
        {
            // A request cut by a fault of its own replica (killed, hung, or ending: Orleans stops a silo it declared
            // dead, which closes its listener first) got no answer: nothing to judge. A replica that keeps running
            // for 10 s more was not ending.
            if (replica.Epoch != epoch || !replica.Running || replica.Stopped)
            {
                answers.Interrupted(route);
            }
            else if (await Task.WhenAny(exited, Task.Delay(TimeSpan.FromSeconds(10))) == exited || replica.Epoch != epoch)
            {
                answers.Interrupted(route);
            }
            else
            {
                answers.NonClean(route, $"no answer: {e.GetType().Name}", $"{DateTime.UtcNow:HH:mm:ss.fff} replica {replica.Index} {method} /{path}: no answer from a running replica ({e.GetType().Name}: {Shorten(e.Message)}; sent {sentAt:HH:mm:ss.fff}, epoch {epoch}/{replica.Epoch}, ready {replica.Ready})");
            }
        }

        return null;
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : string.Concat(text.AsSpan(0, 300), "...");

    /// <summary>For the report: the seed of this workload.</summary>
    public override string ToString() => seed.ToString(CultureInfo.InvariantCulture);
}
