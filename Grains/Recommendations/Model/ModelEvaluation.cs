namespace StreamOrleans.Grains.Recommendations.Model;

/// <summary>The model's and the popularity baselines' metrics on the same holdout split; recorded with each model version.</summary>
/// <param name="Model">ALS trained on the split's training side.</param>
/// <param name="Popularity">Time-decayed popularity built from the same training side.</param>
/// <param name="PlainPopularity">Plain popularity (count of interactions in the training side), the baseline users compare against.</param>
public sealed record ModelEvaluation(RankingMetrics Model, RankingMetrics Popularity, RankingMetrics PlainPopularity)
{
    /// <summary>Model NDCG@K / time-decayed popularity NDCG@K; infinity if popularity scores 0.</summary>
    public double NdcgRatio => Ratio(Model.Ndcg, Popularity.Ndcg);

    /// <summary>Model NDCG@K / plain popularity NDCG@K (issue 16 target: &gt;= 2); infinity if popularity scores 0.</summary>
    public double NdcgRatioVersusPlainPopularity => Ratio(Model.Ndcg, PlainPopularity.Ndcg);

    private static double Ratio(double model, double baseline) => baseline > 0d ? model / baseline : double.PositiveInfinity;
}
