using Microsoft.Extensions.DependencyInjection;
using StreamOrleans.Grains.Interfaces.Recommendations;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace StreamOrleans.Grains.Recommendations;

/// <summary>
/// The silo's current recommender model and popularity list, read by every user grain without a grain call per event
/// (the model is immutable, so sharing the reference is safe). In the process that hosts the model grain, the grain
/// publishes here. A replica that does not host it copies the serving version and the popular products from it every
/// <see cref="RecommendationsOptions.ModelSyncInterval"/> (the model grain's published result), so every replica serves
/// the same model without training its own.
/// </summary>
public sealed class RecommenderModelCatalog(IOptions<RecommendationsOptions> options, [FromKeyedServices(GrainProviders.Clock)] TimeProvider timeProvider, ILogger<RecommenderModelCatalog> logger)
{
    private readonly Lock _gate = new();
    private volatile ServingModel? _current;
    private volatile IReadOnlyList<PopularProduct> _popular = [];
    private volatile bool _loaded;
    private Task? _loading;
    private long _lastSync;

    /// <summary>The serving model; null before the first training.</summary>
    public ServingModel? Current => _current;

    /// <summary>Raised after a model is published here to serve (a training, a rollback, the model grain's activation or a copy).</summary>
    public event Action<ServingModel>? ServingChanged;

    /// <summary>The most popular products now (time-decayed), best first.</summary>
    public IReadOnlyList<PopularProduct> Popular => _popular;

    /// <summary>
    /// Makes sure the model is here: activates the model grain when it lives in this process (it loads the serving
    /// version from its state and publishes it), or copies the model from the replica that hosts it when the last copy is
    /// older than the sync interval. A user grain activated after a restart thus serves the trained model, not cold-start
    /// lists. Never fails: a copy that cannot be made is logged and retried at the next interval.
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
            if (_loading is null || (_loading.IsCompleted && timeProvider.GetElapsedTime(Volatile.Read(ref _lastSync)) >= options.Value.ModelSyncInterval))
            {
                _loading = SyncAsync(grains);
            }

            return _loading;
        }
    }

    internal void MarkLoaded() => _loaded = true;

    internal void MarkUnloaded()
    {
        lock (_gate)
        {
            _loaded = false;
            _loading = null;
        }
    }

    internal void Publish(ServingModel? model)
    {
        _current = model;
        if (model is not null)
        {
            ServingChanged?.Invoke(model);
        }
    }

    internal void PublishPopular(IReadOnlyList<PopularProduct> popular) => _popular = popular;

    private async Task SyncAsync(IGrainFactory grains)
    {
        try
        {
            var model = grains.GetGrain<IRecommenderModelGrain>(IRecommenderModelGrain.DefaultKey);
            var status = await model.GetStatusAsync();
            if (_loaded)
            {
                // The grain lives here: its activation published the model.
                return;
            }

            if (status.CurrentVersion != _current?.Version && await model.GetServingModelAsync() is { } data)
            {
                var stored = new StoredModelVersion { Info = data.Info, ProductIds = [.. data.ProductIds], ItemFactors = data.ItemFactors };
                Publish(RecommenderTraining.Load(stored, options.Value));
                logger.LogInformation("Copied recommender version {Version} from the replica that hosts the model", data.Info.Version);
            }

            PublishPopular(await model.GetPopularAsync(RecommenderModelGrain.PopularListLength));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            logger.LogWarning(e, "Could not copy the recommender model from its replica; serving the previous copy");
        }
        finally
        {
            Volatile.Write(ref _lastSync, timeProvider.GetTimestamp());
        }
    }
}
