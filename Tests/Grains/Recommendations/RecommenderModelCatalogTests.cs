using System.Reflection;
using Orleans;
using Microsoft.Extensions.Logging.Abstractions;
using StreamOrleans.Grains.Interfaces.Recommendations;
using StreamOrleans.Grains.Recommendations;
using StreamOrleans.Grains.Recommendations.Model;
using StreamOrleans.Tests.Support;

namespace StreamOrleans.Tests.Grains.Recommendations;

/// <summary>
/// A silo that does not host the model grain copies its serving version and popular products through grain calls
/// (here to a stand-in model grain behind a stand-in grain factory).
/// </summary>
public sealed class RecommenderModelCatalogTests
{
    private static readonly RecommendationsOptions Options = new() { Rank = 8, Iterations = 4 };
    private readonly ManualTimeProvider _clock = new();
    private readonly ModelGrainStandIn _grain = new();
    private readonly RecommenderModelCatalog _catalog;

    public RecommenderModelCatalogTests() =>
        _catalog = new RecommenderModelCatalog(Microsoft.Extensions.Options.Options.Create(Options), _clock, NullLogger<RecommenderModelCatalog>.Instance);

    private ServingModelData Trained(int version, int seed)
    {
        var interactions = PlantedDataGenerator.Generate(new PlantedDataOptions { Users = 40, Items = 25, MeanInteractionsPerUser = 10, Seed = seed }).Interactions;
        var stored = RecommenderTraining.Run([.. interactions], Options, null, false, null, version, _clock, CancellationToken.None);
        return new ServingModelData(stored.Info, stored.ProductIds, stored.ItemFactors);
    }

    [Fact]
    public async Task The_serving_version_and_popular_products_are_copied_and_refreshed_only_after_the_interval()
    {
        _grain.Serving = Trained(1, seed: 1);
        _grain.Popular = [new PopularProduct("p1", 3.5)];

        await _catalog.EnsureLoadedAsync(_grain.Factory);

        Assert.Equal(1, _catalog.Current?.Version);
        Assert.Equal(_grain.Serving.ProductIds, _catalog.Current!.Model.Factors.Items.Ids);
        Assert.Equal("p1", Assert.Single(_catalog.Popular).ProductId);

        // Within the interval nothing is asked again; the version is fetched only when it changed.
        _grain.Serving = Trained(2, seed: 2);
        await _catalog.EnsureLoadedAsync(_grain.Factory);
        Assert.Equal((1, 1), (_grain.StatusCalls, _grain.ServingCalls));

        _clock.Advance(Options.ModelSyncInterval);
        await _catalog.EnsureLoadedAsync(_grain.Factory);
        Assert.Equal(2, _catalog.Current?.Version);

        _clock.Advance(Options.ModelSyncInterval);
        await _catalog.EnsureLoadedAsync(_grain.Factory);
        Assert.Equal((3, 2), (_grain.StatusCalls, _grain.ServingCalls));
    }

    [Fact]
    public async Task A_failed_copy_keeps_the_previous_model_and_is_retried_at_the_next_interval()
    {
        _grain.Serving = Trained(1, seed: 1);
        await _catalog.EnsureLoadedAsync(_grain.Factory);

        // What an Orleans call whose response does not come in time throws.
        _grain.Failure = new TimeoutException("Response did not arrive on time in 00:00:30 for message: GetStatusAsync.");
        _grain.Serving = Trained(2, seed: 2);
        _clock.Advance(Options.ModelSyncInterval);
        await _catalog.EnsureLoadedAsync(_grain.Factory);
        Assert.Equal(1, _catalog.Current?.Version);

        _grain.Failure = null;
        _clock.Advance(Options.ModelSyncInterval);
        await _catalog.EnsureLoadedAsync(_grain.Factory);
        Assert.Equal(2, _catalog.Current?.Version);
    }

    /// <summary>The model grain as another silo would answer: its calls and their counts.</summary>
    private sealed class ModelGrainStandIn : IRecommenderModelGrain
    {
        public ModelGrainStandIn() => Factory = GrainFactoryStandIn.For(this);

        public ServingModelData? Serving { get; set; }

        public IReadOnlyList<PopularProduct> Popular { get; set; } = [];

        public Exception? Failure { get; set; }

        public int StatusCalls { get; private set; }

        public int ServingCalls { get; private set; }

        public IGrainFactory Factory { get; }

        public Task<RecommenderModelStatus> GetStatusAsync()
        {
            StatusCalls++;
            return Failure is { } failure ? Task.FromException<RecommenderModelStatus>(failure) : Task.FromResult(new RecommenderModelStatus(Serving?.Info.Version, [], 0, 0, false));
        }

        public Task<ServingModelData?> GetServingModelAsync()
        {
            ServingCalls++;
            return Task.FromResult(Serving);
        }

        public Task<IReadOnlyList<PopularProduct>> GetPopularAsync(int count) => Task.FromResult(Popular);

        public Task<RecommenderModelStatus> RefreshAsync() => throw new NotSupportedException();

        public Task<ModelVersionInfo?> TrainAsync() => throw new NotSupportedException();

        public Task<ModelVersionInfo?> SearchAsync() => throw new NotSupportedException();

        public Task<ModelVersionInfo?> RollbackAsync(int version) => throw new NotSupportedException();
    }

    /// <summary>A grain factory whose only grain is the stand-in model grain (the catalog asks for nothing else).</summary>
    private class GrainFactoryStandIn : DispatchProxy
    {
        private IRecommenderModelGrain _grain = null!;

        public static IGrainFactory For(IRecommenderModelGrain grain)
        {
            var factory = Create<IGrainFactory, GrainFactoryStandIn>();
            ((GrainFactoryStandIn)(object)factory)._grain = grain;
            return factory;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
            targetMethod is { Name: nameof(IGrainFactory.GetGrain), IsGenericMethod: true } && targetMethod.GetGenericArguments()[0] == typeof(IRecommenderModelGrain)
                && args is [IRecommenderModelGrain.DefaultKey, ..]
                ? _grain
                : throw new NotSupportedException($"The stand-in factory has only the model grain, not {targetMethod}.");
    }
}
