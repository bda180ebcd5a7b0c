using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using StreamOrleans.Api.Http;
using StreamOrleans.Api.Recommendations.Contracts;
using StreamOrleans.Api.Security;
using StreamOrleans.Grains.Interfaces.Recommendations;


using StreamOrleans.Grains.Interfaces;

namespace StreamOrleans.Api.Recommendations;

/// <summary>
/// Recommendations from topic "user-events": per-user top-N, popular products, model versions and rollback.
/// Events come in through POST /api/streams/user-events/events.
/// </summary>
public static class RecommendationsApi
{
    private const int MaxCount = 100;

    /// <summary>Maps /api/users/{id}/recommendations, /api/products/popular and /api/models/recommender.</summary>
    public static IEndpointRouteBuilder MapRecommendations(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api").WithTags("Recommendations");
        group.MapGet("/users/{id}/recommendations", GetRecommendationsAsync)
            .WithName("GetUserRecommendations")
            .WithSummary("A user's top-N products with reasons (count 1..100, default 5); popular products for a new user");
        group.MapGet("/products/popular", GetPopularAsync)
            .WithName("GetPopularProducts")
            .WithSummary("The most popular products as of the newest event: time-decayed, or plain counts when they ranked the holdout better (count 1..100, default 10)");
        group.MapGet("/models/recommender", GetModelAsync)
            .WithName("GetRecommenderModel")
            .WithSummary("Kept model versions with training time, hyper-parameters, search trials and holdout metrics (model, decayed and plain popularity)");
        var keyed = group.MapGroup("").RequireApiKey();
        keyed.MapPost("/models/recommender/rollback/{version}", RollbackAsync)
            .WithName("RollbackRecommenderModel")
            .WithSummary("Serve a kept model version again");
        keyed.MapPost("/models/recommender/search", SearchAsync)
            .WithName("SearchRecommenderModel")
            .WithSummary("Search rank, alpha and lambda on the holdout now, train a version with the best and serve it (404 before any event)");
        return routes;
    }

    internal static async Task<Results<Ok<UserRecommendationsResponse>, ValidationProblem>> GetRecommendationsAsync(string id, string? count, IGrainFactory grains)
    {
        var errors = new RequestErrors();
        if (GrainKeys.Validate(id) is { } reason)
        {
            errors.Add("id", reason);
        }

        var n = QueryValues.ParseInt(count, "count", 5, 1, MaxCount, errors);
        if (!errors.IsEmpty)
        {
            return ApiResults.Invalid(errors);
        }

        var list = await grains.GetGrain<IUserGrain>(id).GetRecommendationsAsync(n);
        return TypedResults.Ok(new UserRecommendationsResponse(list.UserId, list.ModelVersion, list.ColdStart, [.. list.Items.Select(i =>
            new RecommendedProductResponse(i.ProductId, i.Score, [.. i.Reasons.Select(r => new ProductReasonResponse(r.ProductId, r.Weight))]))]));
    }

    internal static async Task<Results<Ok<PopularProductsResponse>, ValidationProblem>> GetPopularAsync(string? count, IGrainFactory grains)
    {
        var errors = new RequestErrors();
        var n = QueryValues.ParseInt(count, "count", 10, 1, MaxCount, errors);
        if (!errors.IsEmpty)
        {
            return ApiResults.Invalid(errors);
        }

        var popular = await ModelGrain(grains).GetPopularAsync(n);
        return TypedResults.Ok(new PopularProductsResponse([.. popular.Select(p => new PopularProductResponse(p.ProductId, p.Score))]));
    }

    internal static async Task<Ok<RecommenderModelResponse>> GetModelAsync(IGrainFactory grains)
    {
        var status = await ModelGrain(grains).GetStatusAsync();
        return TypedResults.Ok(new RecommenderModelResponse(
            status.CurrentVersion, [.. status.Versions.Select(Map)], status.InteractionsSeen, status.InteractionsSinceTraining, status.Training));
    }

    internal static async Task<Results<Ok<ModelVersionResponse>, ValidationProblem, ProblemHttpResult>> RollbackAsync(string version, IGrainFactory grains)
    {
        if (!int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1)
        {
            return ApiResults.Invalid("version", $"must be a positive integer (got '{version}')");
        }

        var model = ModelGrain(grains);
        if (await model.RollbackAsync(number) is { } info)
        {
            return TypedResults.Ok(Map(info));
        }

        var kept = (await model.GetStatusAsync()).Versions.Select(v => v.Version).ToList();
        return TypedResults.Problem(
            title: "Unknown model version",
            detail: kept.Count == 0
                ? $"Version {number} is not kept: no model has been trained yet."
                : $"Version {number} is not kept; kept versions: {string.Join(", ", kept)}.",
            statusCode: StatusCodes.Status404NotFound,
            extensions: new Dictionary<string, object?> { ["version"] = number });
    }

    internal static async Task<Results<Ok<ModelVersionResponse>, ProblemHttpResult>> SearchAsync(IGrainFactory grains)
    {
        if (await ModelGrain(grains).SearchAsync() is { } info)
        {
            return TypedResults.Ok(Map(info));
        }

        return TypedResults.Problem(
            title: "Nothing to train on",
            detail: "No user-events have been read yet; post events to /api/streams/user-events/events first.",
            statusCode: StatusCodes.Status404NotFound);
    }

    private static IRecommenderModelGrain ModelGrain(IGrainFactory grains) => grains.GetGrain<IRecommenderModelGrain>(IRecommenderModelGrain.DefaultKey);

    private static ModelVersionResponse Map(ModelVersionInfo v) => new(
        v.Version, v.TrainedAt, v.TrainingMs, v.Interactions, v.Users, v.Products, v.Rank, v.Alpha, v.Regularization, v.Iterations,
        Map(v.Metrics), Map(v.PopularityMetrics), Map(v.PlainPopularityMetrics), v.Search, v.NewestEventAt);

    private static RankingMetricsResponse? Map(RankingSummary? m) =>
        m is null ? null : new RankingMetricsResponse(m.Precision10, m.Recall10, m.Ndcg10, m.Map10, m.Users);
}
