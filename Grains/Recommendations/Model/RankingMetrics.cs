namespace StreamOrleans.Grains.Recommendations.Model;

/// <summary>Mean ranking quality at a cutoff over the evaluated users (see <see cref="RankingMeasures"/> for formulas).</summary>
/// <param name="Cutoff">K, the list length evaluated.</param>
/// <param name="Precision">Mean precision@K.</param>
/// <param name="Recall">Mean recall@K.</param>
/// <param name="Ndcg">Mean NDCG@K.</param>
/// <param name="MeanAveragePrecision">MAP@K.</param>
/// <param name="Users">Users averaged over (those with at least one relevant item).</param>
public sealed record RankingMetrics(int Cutoff, double Precision, double Recall, double Ndcg, double MeanAveragePrecision, int Users);
