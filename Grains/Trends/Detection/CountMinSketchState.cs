namespace StreamOrleans.Grains.Trends.Detection;

/// <summary>Persistable state of <see cref="CountMinSketch"/>.</summary>
/// <param name="Width">Counters per row.</param>
/// <param name="Depth">Rows.</param>
/// <param name="Seed">Seed of the row hash functions.</param>
/// <param name="ConservativeUpdate">Whether conservative update is on.</param>
/// <param name="Counters">Row-major counters (Depth x Width).</param>
/// <param name="TotalCount">Sum of all counts added (N).</param>
public sealed record CountMinSketchState(int Width, int Depth, ulong Seed, bool ConservativeUpdate, long[] Counters, long TotalCount);
