using System.Globalization;

namespace StreamOrleans.Benchmarks.Trends;

/// <summary>A per-post cost in nanoseconds, by wall-clock time and by process CPU time.</summary>
public readonly record struct PerPostCost(double WallNs, double CpuNs)
{
    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{WallNs:F0}/{CpuNs:F0}");
}
