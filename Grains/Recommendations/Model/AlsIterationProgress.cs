namespace StreamOrleans.Grains.Recommendations.Model;

/// <summary>Reported after each ALS iteration.</summary>
/// <param name="Iteration">1-based number of the iteration just finished.</param>
/// <param name="Iterations">Total iterations planned.</param>
/// <param name="Elapsed">Time spent on this iteration.</param>
/// <param name="Loss">The weighted, regularised objective after it (only when <see cref="ImplicitAlsOptions.ComputeLoss"/>).</param>
public sealed record AlsIterationProgress(int Iteration, int Iterations, TimeSpan Elapsed, double? Loss);
