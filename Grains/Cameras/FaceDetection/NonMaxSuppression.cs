namespace StreamOrleans.Grains.Cameras.FaceDetection;

/// <summary>
/// Greedy non-maximum suppression: repeatedly keep the highest-scoring remaining box and drop every remaining box whose
/// IoU with it is above the threshold (as in face-api's ops/nonMaxSuppression and most YOLO post-processing).
/// </summary>
public static class NonMaxSuppression
{
    /// <returns>Indices of the kept boxes, best score first.</returns>
    public static IReadOnlyList<int> Select(IReadOnlyList<FaceBox> boxes, IReadOnlyList<double> scores, double iouThreshold)
    {
        ArgumentNullException.ThrowIfNull(boxes);
        ArgumentNullException.ThrowIfNull(scores);
        if (boxes.Count != scores.Count)
        {
            throw new ArgumentException($"Got {boxes.Count} boxes but {scores.Count} scores.", nameof(scores));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(iouThreshold);
        var remaining = Enumerable.Range(0, boxes.Count).OrderByDescending(i => scores[i]).ToList();
        var kept = new List<int>();
        while (remaining.Count > 0)
        {
            var best = remaining[0];
            kept.Add(best);
            remaining = remaining.Skip(1).Where(i => boxes[best].IntersectionOverUnion(boxes[i]) <= iouThreshold).ToList();
        }

        return kept;
    }
}
