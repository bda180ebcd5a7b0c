namespace StreamOrleans.Grains.Recommendations.Model;

/// <summary>How <see cref="ImplicitAlsTrainer"/> solves each user's / item's regularised least squares.</summary>
public enum AlsSolver
{
    /// <summary>A few conjugate-gradient steps warm-started from the previous vector (Takacs, Pilaszy, Tikk 2011). Fast.</summary>
    ConjugateGradient,

    /// <summary>The exact solve by Cholesky factorisation (Hu, Koren, Volinsky 2008). O(rank^3) per row; for tests and small data.</summary>
    Cholesky,
}
