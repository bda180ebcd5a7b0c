namespace StreamOrleans.Grains.Cameras.Inference;

/// <summary>
/// Runs a per-output-row kernel serially when the layer is small, or across cores with Parallel.For when its work
/// (multiply-adds or reads) is large enough to pay for the scheduling.
/// </summary>
internal static class RowParallel
{
    /// <summary>Work below which a layer runs on the calling thread (measured on the face models' layers).</summary>
    public const long Threshold = 200_000;

    public static void For<TJob>(int rows, long work, TJob job, Action<TJob, int> row)
    {
        if (work < Threshold || Environment.ProcessorCount == 1)
        {
            for (var y = 0; y < rows; y++)
            {
                row(job, y);
            }
        }
        else
        {
            Parallel.For(0, rows, y => row(job, y));
        }
    }
}
