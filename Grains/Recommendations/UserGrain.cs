using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using Orleans.Streams;
using Orleans.Streams.Core;
using StreamOrleans.Grains.Interfaces.Recommendations;
using StreamOrleans.Grains.Recommendations.Model;
using StreamOrleans.Streaming.ExactlyOnce;

namespace StreamOrleans.Grains.Recommendations;

/// <summary>
/// One user's interactions and recommendations. Every <c>user-events</c> delivery updates the counts exactly once
/// (<see cref="ExactlyOnceExtensions"/>), refreshes the user's vector by fold-in against the serving model (so a click
/// changes the list at once, without a retrain) and, when the top-N list changed, publishes it to topic
/// <c>recommendations</c> (at least once: a replay after a crash may repeat it).
/// </summary>
[ImplicitStreamSubscription(UserEvent.Topic)]
public sealed class UserGrain(
    [PersistentState("user", GrainProviders.Storage)] IPersistentState<UserState> state,
    RecommenderModelCatalog models,
    [FromKeyedServices(GrainProviders.Clock)] TimeProvider timeProvider,
    IOptions<RecommendationsOptions> options) : Grain, IUserGrain, IStreamSubscriptionObserver, IAsyncBatchObserver<UserEvent>
{
    private readonly RecommendationsOptions _options = options.Value;
    private float[]? _vector;
    private int _vectorVersion;

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken) => models.EnsureLoadedAsync(GrainFactory);

    /// <inheritdoc />
    public Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory)
    {
        ArgumentNullException.ThrowIfNull(handleFactory);
        return handleFactory.Create<UserEvent>().ResumeAsync(this);
    }

    /// <inheritdoc />
    public async Task OnNextAsync(IList<SequentialItem<UserEvent>> items)
    {
        if (await this.ApplyOnceAsync(state, items, (_, item, _) => Apply(item), new ExactlyOnceHooks<UserState>(AfterReload: _ => _vector = null)) > 0)
        {
            _vector = null;
        }

        RefreshVector();
        if (_options.PublishCount == 0 || items.Count == 0)
        {
            return;
        }

        // The list is published after the counts are stored: a crash in between repeats the publication, never loses it.
        var list = Recommend(_options.PublishCount);
        var ids = list.Items.Select(i => i.ProductId).ToList();
        if (!ids.SequenceEqual(state.State.LastPublished, StringComparer.Ordinal))
        {
            var userId = this.GetPrimaryKeyString();
            await this.PublishAsync(RecommendationUpdate.Topic, userId, new RecommendationUpdate(userId, list.ModelVersion, ids, timeProvider.GetUtcNow()));
            state.State.LastPublished = ids;
        }
    }

    /// <inheritdoc />
    public Task OnCompletedAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;

    /// <inheritdoc />
    public async Task<UserRecommendations> GetRecommendationsAsync(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);

        // On a replica that does not host the model grain, this refreshes the copied model when it is due (no-op here otherwise).
        await models.EnsureLoadedAsync(GrainFactory);
        return Recommend(count);
    }

    /// <inheritdoc />
    public Task<UserProfile> GetProfileAsync() => Task.FromResult(new UserProfile(
        this.GetPrimaryKeyString(),
        state.State.Events,
        [.. state.State.Products.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => new ProductInteractions(p.Key, p.Value.Views, p.Value.Clicks, p.Value.Purchases, p.Value.LastAt))]));

    private void Apply(UserEvent item)
    {
        var products = state.State.Products;
        if (!products.TryGetValue(item.ProductId, out var counts))
        {
            if (products.Count >= _options.MaxProductsPerUser)
            {
                products.Remove(products.MinBy(p => p.Value.LastAt).Key);
            }

            products[item.ProductId] = counts = new ProductCounts();
        }

        switch (item.Kind)
        {
            case UserEventKind.View: counts.Views++; break;
            case UserEventKind.Click: counts.Clicks++; break;
            case UserEventKind.Purchase: counts.Purchases++; break;
        }

        if (item.Timestamp > counts.LastAt)
        {
            counts.LastAt = item.Timestamp;
        }

        state.State.Events++;
    }

    private UserRecommendations Recommend(int count)
    {
        var userId = this.GetPrimaryKeyString();
        var serving = RefreshVector();
        var excluded = _options.ExcludePurchased
            ? state.State.Products.Where(p => p.Value.Purchases > 0).Select(p => p.Key).ToHashSet(StringComparer.Ordinal)
            : [];
        if (serving is not null && _vector is not null)
        {
            using var activity = RecommendationsTelemetry.StartRecommend();
            var items = serving.Model.Recommend(_vector, Ratings(), count, excluded);
            return new UserRecommendations(userId, serving.Version, false, [.. items.Select(i => new RecommendedProduct(
                i.ItemId, i.Score, [.. i.Reasons.Select(r => new ProductReason(r.ItemId, r.Weight))]))]);
        }

        var popular = models.Popular.Where(p => !excluded.Contains(p.ProductId)).Take(count)
            .Select(p => new RecommendedProduct(p.ProductId, (float)p.Score, []));
        return new UserRecommendations(userId, serving?.Version, true, [.. popular]);
    }

    /// <summary>Folds the user in when the vector is stale; null vector when the model knows none of the user's products.</summary>
    private ServingModel? RefreshVector()
    {
        var serving = models.Current;
        if (serving is null)
        {
            _vector = null;
            return null;
        }

        if (_vector is null || _vectorVersion != serving.Version)
        {
            var ratings = Ratings();
            _vectorVersion = serving.Version;
            _vector = ratings.Keys.Any(id => ratings[id] > 0f && serving.Model.Factors.Items.TryGetIndex(id, out _))
                ? serving.Model.FoldIn(ratings)
                : null;
        }

        return serving;
    }

    private Dictionary<string, float> Ratings()
    {
        var weights = new FeedbackWeights { ViewWeight = _options.ViewWeight };
        var ratings = new Dictionary<string, float>(state.State.Products.Count, StringComparer.Ordinal);
        foreach (var (productId, counts) in state.State.Products)
        {
            ratings[productId] = (counts.Purchases * FeedbackWeights.PurchaseWeight) + (counts.Clicks * FeedbackWeights.ClickWeight) + (counts.Views * weights.ViewWeight);
        }

        return ratings;
    }
}
