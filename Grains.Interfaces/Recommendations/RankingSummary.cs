namespace StreamOrleans.Grains.Interfaces.Recommendations;

/// <summary>Ranking quality at cutoff 10 on a holdout split (means over the evaluated users).</summary>
public sealed record RankingSummary(double Precision10, double Recall10, double Ndcg10, double Map10, int Users);
