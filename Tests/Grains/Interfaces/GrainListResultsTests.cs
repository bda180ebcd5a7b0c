using StreamOrleans.Grains.Interfaces.Cameras;
using StreamOrleans.Grains.Interfaces.Recommendations;
using StreamOrleans.Grains.Interfaces.Trends;
using StreamOrleans.Tests.Streaming.Support;
using StreamOrleans.Tests.Support;

namespace StreamOrleans.Tests.Grains.Interfaces;

/// <summary>
/// Grain methods typed <c>IReadOnlyList&lt;T&gt;</c> (ListAsync, GetCandidatesAsync, GetPopularAsync, EnrolAsync's
/// images) carry the read-only lists C# collection expressions synthesize (<c>[.. query]</c>, <c>[item]</c>). Orleans'
/// <c>DeepCopier</c> has no copier for those types (dotnet/orleans#9032), so these tests make the real calls: inside the
/// silo (no copy fails) and from a client through the gateway (serialized; the list arrives as a <see cref="List{T}"/>).
/// </summary>
public sealed class GrainListResultsTests
{
    [Fact]
    public async Task List_results_cross_a_call_inside_the_silo()
    {
        await using var silo = await TestSilo.StartAsync();
        var grains = silo.GrainFactory;
        var directory = grains.GetGrain<ICameraDirectoryGrain>(ICameraDirectoryGrain.Key);

        Assert.Empty(await directory.ListAsync());
        await directory.RegisterAsync("cam-b");
        await directory.RegisterAsync("cam-a");
        Assert.Equal(["cam-a", "cam-b"], await directory.ListAsync());
        Assert.Empty(await grains.GetGrain<IFaceGalleryGrain>(IFaceGalleryGrain.Key).ListAsync());
        Assert.Empty(await grains.GetGrain<ITrendingTopicsGrain>(ITrendingTopicsGrain.DefaultKey).GetCandidatesAsync(10));
        Assert.Empty(await grains.GetGrain<IRecommenderModelGrain>(IRecommenderModelGrain.DefaultKey).GetPopularAsync(10));

        var now = TimeProvider.System.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        await silo.AppendJsonAsync(UserEvent.Topic,
        [
            ("u1", $$"""{"userId":"u1","productId":"p1","kind":"purchase","timestamp":"{{now}}"}"""),
            ("u2", $$"""{"userId":"u2","productId":"p2","kind":"purchase","timestamp":"{{now}}"}"""),
        ]);
        var popular = await grains.GetGrain<IRecommenderModelGrain>(IRecommenderModelGrain.DefaultKey).GetPopularAsync(10);
        Assert.Equal(["p1", "p2"], popular.Select(p => p.ProductId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task List_results_cross_from_the_silo_to_a_client()
    {
        await using var cluster = await LogStreamCluster.StartAsync();
        var directory = cluster.Cluster.Client.GetGrain<ICameraDirectoryGrain>(ICameraDirectoryGrain.Key);

        Assert.Empty(await directory.ListAsync());
        await directory.RegisterAsync("cam-2");
        Assert.Equal(["cam-2"], await directory.ListAsync());
        await directory.RegisterAsync("cam-1");
        Assert.Equal(["cam-1", "cam-2"], await directory.ListAsync());
    }
}
