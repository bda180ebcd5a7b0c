namespace StreamOrleans.Grains.Interfaces.Recommendations;

/// <summary>Ranking quality at cutoff 10 on a holdout split (means over the evaluated users).</summary>
[Orleans.GenerateSerializer, Orleans.Immutable]
public sealed record RankingSummary([property: Orleans.Id(0)] double Precision10, [property: Orleans.Id(1)] double Recall10, [property: Orleans.Id(2)] double Ndcg10, [property: Orleans.Id(3)] double Map10, [property: Orleans.Id(4)] int Users);
