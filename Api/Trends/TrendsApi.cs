using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using StreamOrleans.Api.Configuration;
using StreamOrleans.Api.Http;
using StreamOrleans.Api.Trends.Contracts;
using StreamOrleans.Grains.Interfaces.Trends;


using StreamOrleans.Grains.Interfaces;

namespace StreamOrleans.Api.Trends;

/// <summary>
/// Trends from topic "posts": trending topics, one topic's details, sentiment of any text, the learned model's quality.
/// Posts come in through POST /api/streams/posts/events.
/// </summary>
public static class TrendsApi
{
    private const int MaxLimit = 100;
    private static readonly Dictionary<string, TimeSpan> Windows = new(StringComparer.Ordinal)
    {
        ["1m"] = TimeSpan.FromMinutes(1),
        ["5m"] = TimeSpan.FromMinutes(5),
        ["1h"] = TimeSpan.FromHours(1),
    };

    /// <summary>Maps /api/trends, /api/topics/{topic}, /api/sentiment and /api/models/sentiment.</summary>
    public static IEndpointRouteBuilder MapTrends(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api").WithTags("Trends");
        group.MapGet("/trends", GetTrendsAsync)
            .WithName("GetTrends")
            .WithSummary("Topics by trend score with volume and mean sentiment in the window (window 1m|5m|1h, default 5m; limit 1..100, default 20)");
        group.MapGet("/topics/{topic}", GetTopicAsync)
            .WithName("GetTrendTopic")
            .WithSummary("A topic's 1-minute timeline, sentiment distribution, co-occurring terms and forecast ('ai' finds '#ai'; minutes 1..180, default 60)");
        group.MapPost("/sentiment", ScoreAsync)
            .Accepts<SentimentRequest>("application/json")
            .WithName("ScoreSentiment")
            .WithSummary("Lexicon, learned and combined sentiment of any text");
        group.MapGet("/models/sentiment", GetSentimentModelAsync)
            .WithName("GetSentimentModel")
            .WithSummary("Which learned sentiment model serves (ML.NET or FTRL), FTRL's prequential accuracy and macro-F1, and the versions scored on the same holdout with VADER");
        return routes;
    }

    internal static async Task<Results<Ok<TrendsResponse>, ValidationProblem>> GetTrendsAsync(string? window, string? limit, IGrainFactory grains)
    {
        var errors = new RequestErrors();
        var windowName = window ?? "5m";
        if (!Windows.TryGetValue(windowName, out var span))
        {
            errors.Add("window", $"must be one of 1m, 5m, 1h (got '{window}')");
        }

        var n = QueryValues.ParseInt(limit, "limit", 20, 1, MaxLimit, errors);
        if (!errors.IsEmpty)
        {
            return ApiResults.Invalid(errors);
        }

        var ranking = grains.GetGrain<ITrendingTopicsGrain>(ITrendingTopicsGrain.DefaultKey);
        var candidates = await ranking.GetCandidatesAsync(Math.Max(3 * n, 30));
        var totals = await ranking.GetTotalsAsync();

        // Every topic is read as of the same event time, the ranking's newest post: a topic that went quiet shows its silence.
        var summaries = await Task.WhenAll(candidates.Select(t => grains.GetGrain<ITopicTrendGrain>(t).GetSummaryAsync(span, totals.EventTime)));
        return TypedResults.Ok(new TrendsResponse(windowName, totals.Posts, [.. summaries
            .OrderByDescending(s => s.TrendScore).ThenByDescending(s => s.Volume).ThenBy(s => s.Topic, StringComparer.Ordinal)
            .Take(n)
            .Select(s => new TrendingTopicResponse(s.Topic, s.TrendScore, s.Volume, s.Sentiment, s.Trending))]));
    }

    internal static async Task<Results<Ok<TopicResponse>, ValidationProblem, ProblemHttpResult>> GetTopicAsync(string topic, string? minutes, IGrainFactory grains)
    {
        var errors = new RequestErrors();
        var name = topic.Trim().ToLowerInvariant();
        if (GrainKeys.Validate(name) is { } reason)
        {
            errors.Add("topic", reason);
        }

        var m = QueryValues.ParseInt(minutes, "minutes", 60, 1, 180, errors);
        if (!errors.IsEmpty)
        {
            return ApiResults.Invalid(errors);
        }

        // A hashtag is "#tag"; a path "tag" finds it (a '#' must be sent as %23), else the keyword topic "tag".
        foreach (var key in name.StartsWith('#') ? [name] : new[] { "#" + name, name })
        {
            var details = await grains.GetGrain<ITopicTrendGrain>(key).GetDetailsAsync(m);
            if (details.TotalPosts > 0)
            {
                return TypedResults.Ok(Map(details));
            }
        }

        return TypedResults.Problem(
            title: "Unknown topic",
            detail: $"No posts have topic '{name}' (hashtags are '#tag'; keywords are configured in Trends:Keywords).",
            statusCode: StatusCodes.Status404NotFound,
            extensions: new Dictionary<string, object?> { ["topic"] = name });
    }

    internal static async Task<Results<Ok<SentimentResponse>, ValidationProblem, ProblemHttpResult>> ScoreAsync(
        HttpRequest request, IGrainFactory grains, IOptions<ApiOptions> options, CancellationToken cancellationToken)
    {
        var maxBytes = options.Value.MaxRequestBodyBytes;
        if (JsonRequestBody.CheckHeaders(request, maxBytes) is { } headerProblem)
        {
            return headerProblem;
        }

        var (body, bodyProblem) = await JsonRequestBody.ReadAsync(request, maxBytes, cancellationToken);
        if (bodyProblem is not null)
        {
            return bodyProblem;
        }

        var errors = new RequestErrors();
        var parsed = body.IsEmpty ? null : JsonErrors.TryDeserialize(body.Span, TrendsApiJsonContext.Default.SentimentRequest, errors);
        if (errors.IsEmpty && Post.TextProblem(parsed?.Text) is { } problem)
        {
            errors.Add("text", problem);
        }

        if (!errors.IsEmpty)
        {
            return ApiResults.Invalid(errors);
        }

        var result = await grains.GetGrain<ISentimentModelGrain>(ISentimentModelGrain.DefaultKey).ScoreAsync(parsed!.Text!);
        return TypedResults.Ok(new SentimentResponse(result.Lexicon, result.Learned, result.Combined, result.LearnedWeight, result.Label));
    }

    internal static async Task<Ok<SentimentModelResponse>> GetSentimentModelAsync(IGrainFactory grains)
    {
        var m = await grains.GetGrain<ISentimentModelGrain>(ISentimentModelGrain.DefaultKey).GetMetricsAsync();
        return TypedResults.Ok(new SentimentModelResponse(m.LabelledPosts, m.Accuracy, m.MacroF1, m.WindowAccuracy, m.WindowMacroF1, m.LearnedWeight, m.Served, m.Versions ?? []));
    }

    private static TopicResponse Map(TopicDetails d) => new(
        d.Topic,
        d.TrendScore,
        d.Trending,
        d.BurstStartedAt,
        d.TotalPosts,
        [.. d.Timeline.Select(p => new TimelinePointResponse(p.Start, p.Count, p.Sentiment))],
        new SentimentDistributionResponse(d.Sentiment.Mean, d.Sentiment.Positive, d.Sentiment.Neutral, d.Sentiment.Negative),
        [.. d.CooccurringTerms.Select(t => new TermCountResponse(t.Term, t.Count))],
        new ForecastResponse(d.Forecast.NextWindowVolume, d.Forecast.MeanAbsoluteError));
}
