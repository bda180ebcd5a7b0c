using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Serialization;
using StreamOrleans.Grains.Interfaces.Cameras;
using StreamOrleans.Grains.Interfaces.Diagnostics;
using StreamOrleans.Grains.Interfaces.Recommendations;
using StreamOrleans.Grains.Interfaces.Trends;

namespace StreamOrleans.Tests.Grains.Interfaces;

/// <summary>
/// Every record that crosses a grain boundary round-trips through Orleans' serializer (a call to another silo or from a
/// client) and its deep copier (a call inside one silo), with values as the grains make them: lists built by C#
/// collection expressions, whose runtime types are synthesized by the compiler (<c>[.. query]</c>, <c>[.. array]</c>,
/// <c>[item]</c>), not <see cref="List{T}"/>. The records are immutable, so the copier keeps them as they are (it has
/// no copier for the synthesized list types themselves: <see cref="GrainListResultsTests"/> makes the real calls).
/// </summary>
public sealed class ContractSerializationTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 14, 15, 9, 26, TimeSpan.FromHours(1));
    private static readonly Lazy<IServiceProvider> Services = new(() => new ServiceCollection()
        .AddSerializer(builder => builder.AddAssembly(typeof(CameraStats).Assembly))
        .BuildServiceProvider());

    /// <summary>The shapes a grain's <c>IReadOnlyList&lt;T&gt;</c> takes, each built as the grains build theirs.</summary>
    public static IReadOnlyList<IReadOnlyList<T>> Shapes<T>(params T[] items) =>
    [
        [.. items.Where(_ => true)],    // spread of a query (unknown count), as [.. state.Select(...)]
        [.. items],                     // spread of a known count
        [items[0]],                     // one element
        [],                             // none
        items.ToList(),
        items,
    ];

    /// <summary>One realistic value of every contract, each list member in every shape.</summary>
    public static TheoryData<string, object> Contracts()
    {
        var stage = new StageMilliseconds(2.25, 41.5, 3.75, 12.125, 0.5, 1.875, 62);
        var faces = new[]
        {
            new CameraDetection(new FaceRectangle(812.4, 233.9, 141.2, 166.8), 0.93, "alice", 0.97, 0.31),
            new CameraDetection(new FaceRectangle(120, 410.5, 98, 112.25), 0.71, CameraDetection.Unknown, 0, null),
        };
        var descriptors = new[] { Enumerable.Range(0, 128).Select(i => MathF.Sin(i) / 10).ToArray(), Enumerable.Range(0, 128).Select(i => MathF.Cos(i) / 10).ToArray() };
        var model = new ModelVersionInfo(3, At, 812.5, 48_210, 900, 250, 16, 40, 0.1f, 10, new RankingSummary(0.21, 0.35, 0.29, 0.18, 412), null);
        var interactions = new[] { new ProductInteractions("p-17", 4, 2, 1, At), new ProductInteractions("p-3", 1, 0, 0, At.AddMinutes(-5)) };
        var reasons = new[] { new ProductReason("p-17", 0.62f), new ProductReason("p-3", 0.21f) };
        var timeline = new[] { new TimelinePoint(At, 12, 0.4), new TimelinePoint(At.AddMinutes(1), 0, null) };
        var terms = new[] { new TermCount("launch", 31), new TermCount("rocket", 12) };

        var data = new TheoryData<string, object>();
        void Add(object value, string? shape = null) => data.Add(value.GetType().Name + (shape is null ? string.Empty : $" ({shape})"), value);
        Add(stage);
        Add(faces[0]);
        Add(faces[1]);
        Add(faces[0].Box);
        Add(new CameraStats("cam-1", 120, 5, 2.5, 240, 120, 120, At, stage, 3));
        Add(new CameraStats("cam-2", 0, 0, 0, 0, 0, 0, null, stage));
        Add(new FaceEnrolmentResult("bob", 2, null, null));
        Add(new FaceEnrolmentResult("bob", 0, 1, "3 faces were found in the image; enrol a photo with exactly one face."));
        Add(new EnrolledPerson("alice", 2));
        Add(new CounterEvent(42));
        Add(new CounterSnapshot(3, 126));
        Add(UserEventKind.Purchase);
        Add(new PopularProduct("p-17", 3.25));
        Add(reasons[0]);
        Add(model.Metrics!);
        Add(model);
        Add(interactions[0]);
        Add(new UserEvent("u-1", "p-17", UserEventKind.Click, At));
        Add(new TrendingTotals(10_000, 42, At));
        Add(new HyperparameterTrial(32, 10f, 30f, 0.31, 812.5));
        Add(model with { PlainPopularityMetrics = new RankingSummary(0.1, 0.2, 0.15, 0.08, 412), Search = [new HyperparameterTrial(16, 40f, 0.1f, 0.29, 400), new HyperparameterTrial(32, 40f, 0.1f, 0.3, 700)], NewestEventAt = At.AddYears(-9) }, "searched");
        Add(new TopicSummary("launch", 3.5, 120, 0.25, true, 4_000));
        Add(new TopicSummary("quiet", 0, 0, null, false, 0));
        Add(PostLabel.Negative);
        Add(new SentimentModelMetrics(5_000, 0.81, 0.77, 0.84, 0.8, 0.6));
        var sentimentVersion = new SentimentModelVersion(2, At, 950.5, 4_000, 1_000, new SentimentHoldoutScores(0.9, 0.89), new SentimentHoldoutScores(0.85, 0.84), new SentimentHoldoutScores(0.7, 0.66), "mlnet");
        Add(sentimentVersion);
        Add(sentimentVersion.MlNet);
        Add(new SentimentModelMetrics(5_000, 0.81, 0.77, 0.84, 0.8, 0.6, "mlnet", [sentimentVersion]), "versions");
        Add(timeline[0]);
        Add(new TrendAlert("launch", "burst", At, 4.2, 96, 12.5));
        Add(new SentimentResult(0.62, 0.7, 0.66, 0.5, "positive"));
        Add(new SentimentResult(-0.4, null, -0.4, 0, "negative"));
        Add(new Post("post-1", "ada", "Launch day! #rocket 🚀", At, PostLabel.Positive));
        Add(new Post("post-2", "bob", "meh", At));
        Add(new SentimentDistribution(0.12, 40, 50, 10));
        Add(new VolumeForecast(130.5, 8.25));
        Add(terms[0]);
        var shapes = new[] { "query", "array spread", "one", "empty", "List", "array" };
        for (var i = 0; i < shapes.Length; i++)
        {
            var shape = shapes[i];
            Add(new CameraFrameResult("cam-1", 7, At, 1920, 1280, Shapes(faces)[i]), shape);
            Add(new GalleryPerson("alice", Shapes(descriptors)[i]), shape);
            Add(new FaceGallerySnapshot(4, Shapes(new GalleryPerson("alice", Shapes(descriptors)[i]), new GalleryPerson("bob", [descriptors[1]]))[i]), shape);
            Add(new ServingModelData(model, Shapes("p-17", "p-3", "p-42")[i], [1, 2, 3, 4]), shape);
            Add(new UserProfile("u-1", 8, Shapes(interactions)[i]), shape);
            Add(new RecommenderModelStatus(3, Shapes(model, model with { Version = 2 })[i], 48_210, 117, false), shape);
            Add(new RecommendedProduct("p-42", 0.87f, Shapes(reasons)[i]), shape);
            Add(new UserRecommendations("u-1", 3, false, Shapes(new RecommendedProduct("p-42", 0.87f, Shapes(reasons)[i]))[i]), shape);
            Add(new RecommendationUpdate("u-1", 3, Shapes("p-42", "p-17")[i], At), shape);
            Add(new TopicDetails("launch", 3.5, true, At, 4_000, Shapes(timeline)[i], new SentimentDistribution(0.1, 1, 2, 3), Shapes(terms)[i], new VolumeForecast(1, 2)), shape);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Contracts))]
    public void A_contract_round_trips_through_the_serializer_and_the_copier(string name, object value)
    {
        var serializer = Services.Value.GetRequiredService<Serializer>();
        var copier = Services.Value.GetRequiredService<DeepCopier>();

        var bytes = serializer.SerializeToArray(value);
        var back = serializer.Deserialize<object>(bytes)!;
        var copy = copier.Copy(value);

        Assert.Equal(value.GetType(), back.GetType());
        Assert.Equal(Json(value), Json(back));
        Assert.Equal(Json(value), Json(copy));
        Assert.False(string.IsNullOrEmpty(name));
    }

    [Fact]
    public void Every_serializable_contract_has_a_sample()
    {
        var sampled = Contracts().Select(row => row[1].GetType()).ToHashSet();
        var contracts = typeof(CameraStats).Assembly.GetTypes()
            .Where(type => type.GetCustomAttribute<GenerateSerializerAttribute>() is not null)
            .Where(type => !sampled.Contains(type))
            .Select(type => type.FullName);

        Assert.Empty(contracts);
    }

    private static string Json(object value) => JsonSerializer.Serialize(value, value.GetType());
}
