namespace StreamOrleans.Grains.Recommendations;

/// <summary>The values a hyper-parameter search chose (part of <see cref="RecommenderModelState"/>); later trainings use them.</summary>
public sealed class TunedHyperparameters
{
    /// <summary>Latent factors.</summary>
    public int Rank { get; set; }

    /// <summary>Confidence slope.</summary>
    public float Alpha { get; set; }

    /// <summary>Lambda.</summary>
    public float Regularization { get; set; }

    /// <summary>When the search finished (wall clock: a schedule, not event time).</summary>
    public DateTimeOffset SearchedAt { get; set; }
}
