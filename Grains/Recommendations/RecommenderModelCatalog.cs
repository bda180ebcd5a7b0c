using StreamOrleans.Grains.Interfaces.Recommendations;
using StreamOrleans.Runtime;

namespace StreamOrleans.Grains.Recommendations;

/// <summary>
/// The silo's current recommender model and popularity list, published by the model grain and read by every user grain
/// without a grain call per event (the model is immutable, so sharing the reference is safe).
/// </summary>
public sealed class RecommenderModelCatalog
{
    private readonly Lock _gate = new();
    private volatile ServingModel? _current;
    private volatile IReadOnlyList<PopularProduct> _popular = [];
    private volatile bool _loaded;
    private Task? _loading;

    /// <summary>The serving model; null before the first training.</summary>
    public ServingModel? Current => _current;

    /// <summary>The most popular products now (time-decayed), best first.</summary>
    public IReadOnlyList<PopularProduct> Popular => _popular;

    /// <summary>
    /// Makes sure the model grain is active (it loads the serving version from its state and publishes it here), so
    /// a user grain activated after a restart serves the trained model, not cold-start lists.
    /// </summary>
    public Task EnsureLoadedAsync(IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(grains);
        if (_loaded)
        {
            return Task.CompletedTask;
        }

        lock (_gate)
        {
            if (_loading is null || _loading.IsFaulted || _loading.IsCanceled)
            {
                _loading = grains.GetGrain<IRecommenderModelGrain>(IRecommenderModelGrain.DefaultKey).GetStatusAsync();
            }

            return _loading;
        }
    }

    internal void MarkLoaded() => _loaded = true;

    internal void Publish(ServingModel? model) => _current = model;

    internal void PublishPopular(IReadOnlyList<PopularProduct> popular) => _popular = popular;
}
