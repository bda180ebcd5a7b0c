namespace StreamOrleans.Grains.Recommendations.Model;

/// <summary>The model's and the popularity baseline's metrics on the same holdout split; recorded with each model version.</summary>
/// <param name="Model">ALS trained on the split's training side.</param>
/// <param name="Popularity">Time-decayed popularity built from the same training side.</param>
public sealed record ModelEvaluation(RankingMetrics Model, RankingMetrics Popularity)
{
    /// <summary>Model NDCG@K / popularity NDCG@K (issue 3 target: &gt;= 1.9 on planted data); infinity if popularity scores 0.</summary>
    public double NdcgRatio => Popularity.Ndcg > 0d ? Model.Ndcg / Popularity.Ndcg : double.PositiveInfinity;
}
