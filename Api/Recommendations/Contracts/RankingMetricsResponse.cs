namespace StreamOrleans.Api.Recommendations.Contracts;

/// <summary>Ranking quality at 10 on the version's holdout.</summary>
public sealed record RankingMetricsResponse(double Precision10, double Recall10, double Ndcg10, double Map10, int Users);
