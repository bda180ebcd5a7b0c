using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StreamOrleans.Grains.Interfaces.Recommendations;
using StreamOrleans.Grains.Recommendations.Model;
using Orleans.Runtime;
using StreamOrleans.Streaming.Serialization;
using StreamOrleans.Streaming.Log;

namespace StreamOrleans.Grains.Recommendations;

/// <summary>
/// Owns the recommender model. A timer (Recommendations:RefreshInterval) reads new <c>user-events</c> from the log into
/// an in-memory history (rebuilt from the log after a restart: Kappa style), refreshes popularity, and starts a
/// training run off the turn after RetrainAfterInteractions new events or RetrainInterval; a finished run becomes a
/// new version (persisted with its item factors, published to the silo's <see cref="RecommenderModelCatalog"/>).
/// A second timer (Recommendations:SearchInterval) makes a hyper-parameter search due: right after the first version,
/// then on schedule, the next run searches rank, alpha and lambda on its holdout, records the trials in the version,
/// serves the best and keeps the chosen values for later runs. Cold-start popularity is the time-decayed or the plain
/// list, whichever scored the better NDCG@10 on the serving version's holdout.
/// </summary>
public sealed class RecommenderModelGrain : Grain, IRecommenderModelGrain
{
    /// <summary>How many popular products the grain publishes to the catalog.</summary>
    internal const int PopularListLength = 200;
    private readonly IPersistentState<RecommenderModelState> _state;
    private readonly RecommenderModelCatalog _catalog;
    private readonly RecommendationsOptions _options;
    private readonly ILogger<RecommenderModelGrain> _logger;
    private readonly TimeProvider _time;
    private readonly InteractionHistory _history;
    private Task<StoredModelVersion>? _training;
    private ServingModel? _serving;
    private bool _searchDue;

    /// <summary>Creates the grain (constructor injection, as in Orleans).</summary>
    public RecommenderModelGrain(
        [PersistentState("recommender", GrainProviders.Storage)] IPersistentState<RecommenderModelState> state,
        RecommenderModelCatalog catalog,
        IStreamLog log,
        GrainSerializer serializer,
        [FromKeyedServices(GrainProviders.Clock)] TimeProvider timeProvider,
        IOptions<RecommendationsOptions> options,
        ILogger<RecommenderModelGrain> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _time = timeProvider;
        _state = state;
        _catalog = catalog;
        _options = options.Value;
        _logger = logger;
        _history = new InteractionHistory(log, serializer, _options.PopularityHalfLife, new FeedbackWeights { ViewWeight = _options.ViewWeight });
    }

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (_state.State.CurrentVersion is { } current && Find(current) is { } stored)
        {
            Serve(stored);
        }

        _catalog.MarkLoaded();

        // The refresh keeps the grain alive: it trains on its own schedule, whether or not anyone calls it.
        this.RegisterGrainTimer(RefreshOnTimerAsync, new GrainTimerCreationOptions(_options.RefreshInterval, _options.RefreshInterval) { KeepAlive = true });
        if (_options.SearchEnabled)
        {
            // A search is due at once when none has run (or the last is older than the interval), then on schedule.
            var last = _state.State.Tuned?.SearchedAt;
            _searchDue = last is null || _time.GetUtcNow() - last >= _options.SearchInterval;
            this.RegisterGrainTimer(SearchOnTimerAsync, new GrainTimerCreationOptions(_options.SearchInterval, _options.SearchInterval) { KeepAlive = true });
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // The grain may come back on another silo: this silo's catalog copies the model from there from now on.
        _catalog.MarkUnloaded();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<RecommenderModelStatus> GetStatusAsync()
    {
        await CatchUpAsync(CancellationToken.None);
        return Status();
    }

    /// <inheritdoc />
    public async Task<ModelVersionInfo?> TrainAsync()
    {
        await CatchUpAsync(CancellationToken.None);
        if (_training is not null)
        {
            await ApplyAsync(await _training);
            _training = null;
        }

        if (_history.Count == 0)
        {
            return null;
        }

        var trained = await StartTraining(search: false);
        await ApplyAsync(trained);
        return trained.Info;
    }

    /// <inheritdoc />
    public async Task<ModelVersionInfo?> SearchAsync()
    {
        await CatchUpAsync(CancellationToken.None);
        if (_training is not null)
        {
            await ApplyAsync(await _training);
            _training = null;
        }

        if (_history.Count == 0)
        {
            return null;
        }

        var trained = await StartTraining(search: true);
        await ApplyAsync(trained);
        return trained.Info;
    }

    /// <inheritdoc />
    public async Task<ModelVersionInfo?> RollbackAsync(int version)
    {
        if (Find(version) is not { } stored)
        {
            return null;
        }

        _state.State.CurrentVersion = version;
        await _state.WriteStateAsync();
        Serve(stored);
        _logger.LogInformation("Recommender rolled back to version {Version}", version);
        return stored.Info;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<PopularProduct>> GetPopularAsync(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        await CatchUpAsync(CancellationToken.None);
        return _history.Popular(count, PlainPopularityServes());
    }

    /// <inheritdoc />
    public Task<ServingModelData?> GetServingModelAsync() =>
        Task.FromResult(_state.State.CurrentVersion is { } current && Find(current) is { } stored
            ? new ServingModelData(stored.Info, stored.ProductIds, stored.ItemFactors)
            : null);

    /// <inheritdoc />
    public async Task<RecommenderModelStatus> RefreshAsync()
    {
        await RefreshOnTimerAsync(CancellationToken.None);
        return Status();
    }

    private async Task RefreshOnTimerAsync(CancellationToken cancellationToken)
    {
        await CatchUpAsync(cancellationToken);
        if (_training is { IsCompleted: true } done)
        {
            _training = null;
            try
            {
                await ApplyAsync(await done);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _logger.LogError(e, "Recommender training failed; the serving version is unchanged");
            }
        }
        else if (_training is null && _searchDue && _state.State.Versions.Count > 0 && _history.Count >= _options.MinInteractionsToTrain)
        {
            _training = StartTraining(search: true);
        }
        else if (_training is null && ShouldTrain())
        {
            _training = StartTraining(search: false);
        }
    }

    private Task SearchOnTimerAsync(CancellationToken cancellationToken)
    {
        _searchDue = true;
        return Task.CompletedTask;
    }

    // Cold start serves the popularity list that ranked the serving version's held-out items better.
    private bool PlainPopularityServes() =>
        _serving is not null && Find(_serving.Version)?.Info is { PlainPopularityMetrics: { } plain, PopularityMetrics: { } decayed } && plain.Ndcg10 > decayed.Ndcg10;

    private async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        if (await _history.CatchUpAsync(cancellationToken) > 0 || _catalog.Popular.Count == 0)
        {
            _catalog.PublishPopular(_history.Popular(PopularListLength, PlainPopularityServes()));
        }
    }

    private bool ShouldTrain()
    {
        var trainedOn = _state.State.Versions.Count > 0 ? _state.State.Versions[0].Info.Interactions : 0;
        var fresh = _history.Count - trainedOn;
        if (_history.Count < _options.MinInteractionsToTrain || fresh <= 0)
        {
            return false;
        }

        // The first model is trained as soon as there is enough data: cold start should end quickly.
        if (_state.State.Versions.Count == 0)
        {
            return true;
        }

        var lastTrainedAt = _state.State.Versions[0].Info.TrainedAt;
        return fresh >= _options.RetrainAfterInteractions || _time.GetUtcNow() - lastTrainedAt >= _options.RetrainInterval;
    }

    private Task<StoredModelVersion> StartTraining(bool search)
    {
        var snapshot = _history.Snapshot();
        var version = ++_state.State.LastVersion;
        var warm = _serving?.Model.Factors;
        var time = _time;
        var tuned = _state.State.Tuned;
        if (search)
        {
            _searchDue = false;
        }

        _logger.LogInformation("Recommender training version {Version} on {Interactions} events (search: {Search})", version, snapshot.Length, search);
        return Task.Run(() => RecommenderTraining.Run(snapshot, _options, tuned, search, warm, version, time, CancellationToken.None));
    }

    private async Task ApplyAsync(StoredModelVersion trained)
    {
        var versions = _state.State.Versions;
        versions.Insert(0, trained);
        if (versions.Count > _options.KeepVersions)
        {
            // Never drop the serving version, even when it is old (a rollback target).
            var keep = versions.Take(_options.KeepVersions).ToList();
            if (_state.State.CurrentVersion is { } current && keep.All(v => v.Info.Version != current) && Find(current) is { } serving)
            {
                keep[^1] = serving;
            }

            _state.State.Versions = keep;
        }

        _state.State.CurrentVersion = trained.Info.Version;
        if (trained.Info.Search is not null)
        {
            _state.State.Tuned = new TunedHyperparameters
            {
                Rank = trained.Info.Rank,
                Alpha = trained.Info.Alpha,
                Regularization = trained.Info.Regularization,
                SearchedAt = _time.GetUtcNow(),
            };
        }

        await _state.WriteStateAsync();
        Serve(trained);
        _catalog.PublishPopular(_history.Popular(PopularListLength, PlainPopularityServes()));
        RecommendationsTelemetry.TrainingDuration.Record(trained.Info.TrainingMs / 1000);
        RecommendationsTelemetry.VersionsTrained.Add(1);
        _logger.LogInformation(
            "Recommender version {Version} serves: {Interactions} events, {Users} users, {Products} products, {Ms:F0} ms, rank {Rank} alpha {Alpha} lambda {Lambda}, NDCG@10 {Ndcg:F3} (popularity {Popularity:F3}, plain {Plain:F3})",
            trained.Info.Version, trained.Info.Interactions, trained.Info.Users, trained.Info.Products, trained.Info.TrainingMs,
            trained.Info.Rank, trained.Info.Alpha, trained.Info.Regularization,
            trained.Info.Metrics?.Ndcg10, trained.Info.PopularityMetrics?.Ndcg10, trained.Info.PlainPopularityMetrics?.Ndcg10);
    }

    private void Serve(StoredModelVersion stored)
    {
        _serving = RecommenderTraining.Load(stored, _options);
        _catalog.Publish(_serving);
        RecommendationsTelemetry.RecordServing(stored.Info.Metrics?.Ndcg10);
    }

    private StoredModelVersion? Find(int version) => _state.State.Versions.Find(v => v.Info.Version == version);

    private RecommenderModelStatus Status()
    {
        var trainedOn = _state.State.Versions.Count > 0 ? _state.State.Versions[0].Info.Interactions : 0;
        return new RecommenderModelStatus(
            _state.State.CurrentVersion,
            [.. _state.State.Versions.Select(v => v.Info)],
            _history.Count,
            Math.Max(0, _history.Count - trainedOn),
            _training is not null);
    }
}
