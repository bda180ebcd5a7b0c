using System.Text.Json;
using StreamOrleans.Grains.Interfaces.Recommendations;
using StreamOrleans.Grains.Recommendations.Model;

namespace StreamOrleans.Tools.Demo;

/// <summary>
/// Shoppers with planted tastes (<see cref="PlantedDataGenerator"/>: power-law product popularity, a few taste clusters
/// per user) clicking and buying in real time: the planted events, re-stamped with the current time, are posted to
/// /api/streams/user-events/events at <c>eventsPerSecond</c>. The model grain trains once enough have arrived
/// (Recommendations:MinInteractionsToTrain) and again every Recommendations:RetrainAfterInteractions events.
/// </summary>
internal sealed class RecommendationDemoGenerator(HttpClient http, int eventsPerSecond, TimeProvider timeProvider)
{
    private readonly DemoEventSender _sender = new(http, UserEvent.Topic);

    public long Sent => _sender.Sent;

    public long Failed => _sender.Failed;

    public string LastError => _sender.LastError;

    /// <summary>A user to try the recommendations of.</summary>
    public const string SampleUser = "u0001";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var data = PlantedDataGenerator.Generate(DemoShoppers.Options);
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

                await _sender.SendAsync(JsonSerializer.Serialize(new { events = batch }), batch.Count, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }
}
