using System.Net.Http.Json;
using StreamOrleans.Grains.Interfaces.Recommendations;
using StreamOrleans.Grains.Recommendations.Model;

namespace StreamOrleans.AppHost.Demo;

/// <summary>
/// Shoppers with planted tastes (<see cref="PlantedDataGenerator"/>: power-law product popularity, a few taste clusters
/// per user) clicking and buying in real time: the planted events, re-stamped with the current time, are posted to
/// /api/streams/user-events/events at <c>eventsPerSecond</c>. The model grain trains once enough have arrived
/// (Recommendations:MinInteractionsToTrain) and again every Recommendations:RetrainAfterInteractions events.
/// </summary>
internal sealed class RecommendationDemoGenerator(HttpClient http, int eventsPerSecond, TimeProvider timeProvider)
{
    private long _sent;
    private long _failed;
    private string _lastError = "";

    public long Sent => Interlocked.Read(ref _sent);

    public long Failed => Interlocked.Read(ref _failed);

    public string LastError => _lastError;

    /// <summary>A user to try the recommendations of.</summary>
    public const string SampleUser = "u0001";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var data = PlantedDataGenerator.Generate(new PlantedDataOptions { Users = 2_000, Items = 500, MeanInteractionsPerUser = 40, Seed = 2026 });
        var events = data.Interactions.ToArray();
        Random.Shared.Shuffle(events);
        var perTick = Math.Max(1, eventsPerSecond / 5);
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(200), timeProvider);
        var next = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var now = timeProvider.GetUtcNow();
                var batch = new List<object>(perTick);
                for (var i = 0; i < perTick; i++, next = (next + 1) % events.Length)
                {
                    var e = events[next];
                    batch.Add(new { key = e.UserId, value = new { userId = e.UserId, productId = e.ItemId, kind = e.Kind.ToString().ToLowerInvariant(), timestamp = now } });
                }

                await SendAsync(batch, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task SendAsync(List<object> batch, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.PostAsJsonAsync(new Uri($"api/streams/{UserEvent.Topic}/events", UriKind.Relative), new { events = batch }, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                Interlocked.Add(ref _sent, batch.Count);
                return;
            }

            _lastError = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}";
        }
        catch (HttpRequestException e)
        {
            _lastError = e.Message;
        }

        Interlocked.Add(ref _failed, batch.Count);
    }
}
