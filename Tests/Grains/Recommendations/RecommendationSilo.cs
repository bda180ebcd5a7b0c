using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using StreamOrleans.Grains.Interfaces.Recommendations;
using StreamOrleans.Grains.Recommendations;
using StreamOrleans.Grains.Recommendations.Model;
using StreamOrleans.Tests.Support;

namespace StreamOrleans.Tests.Grains.Recommendations;

/// <summary>A test silo on the production wiring with small, fast recommender settings, and planted demo data.</summary>
internal static class RecommendationSilo
{
    public static Dictionary<string, string?> Settings(params (string Key, string Value)[] overrides)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Recommendations:Rank"] = "16",
            ["Recommendations:Iterations"] = "8",
            ["Recommendations:Regularization"] = "10",
            ["Recommendations:MinInteractionsToTrain"] = "100",
            ["Recommendations:RefreshInterval"] = "01:00:00",   // tests train explicitly, unless they test the schedule
            ["Recommendations:SearchEnabled"] = "false",        // idem for the hyper-parameter search
        };
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        return settings;
    }

    public static Task<TestSilo> StartAsync(TimeProvider? time = null, Dictionary<string, string?>? settings = null, string? dataDirectory = null) =>
        TestSilo.StartAsync(time, settings ?? Settings(), dataDirectory);

    /// <summary>Planted events: 300 users, 150 products, about 20 events each.</summary>
    public static IReadOnlyList<UserEvent> PlantedEvents(int users = 300, int products = 150, int seed = 7) =>
        [.. PlantedDataGenerator.Generate(new PlantedDataOptions { Users = users, Items = products, MeanInteractionsPerUser = 20, Seed = seed })
            .Interactions.Select(i => new UserEvent(i.UserId, i.ItemId, (UserEventKind)(int)i.Kind, i.Timestamp))];

    public static string Json(UserEvent item) => JsonSerializer.Serialize(item, RecommendationsJsonContext.Default.UserEvent);

    public static async Task AppendAsync(TestSilo silo, IEnumerable<UserEvent> events)
    {
        await silo.AppendJsonAsync(UserEvent.Topic, events.Select(e => (e.UserId, Json(e))));
        await silo.WaitUntilCommittedAsync(UserEvent.Topic);
    }

    public static IRecommenderModelGrain ModelGrain(TestSilo silo) => silo.GrainFactory.GetGrain<IRecommenderModelGrain>(IRecommenderModelGrain.DefaultKey);

    public static RecommenderModelCatalog Catalog(TestSilo silo) => silo.Services.GetRequiredService<RecommenderModelCatalog>();
}
