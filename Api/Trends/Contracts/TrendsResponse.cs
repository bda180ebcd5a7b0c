namespace StreamOrleans.Api.Trends.Contracts;

/// <summary>GET /api/trends: topics by trend score, highest first.</summary>
public sealed record TrendsResponse(string Window, long TotalPosts, IReadOnlyList<TrendingTopicResponse> Topics);
