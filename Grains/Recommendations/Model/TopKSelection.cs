namespace StreamOrleans.Grains.Recommendations.Model;

/// <summary>
/// Partial selection of the k largest scores with a size-k min-heap: O(n log k) time, O(k) memory, instead of sorting
/// all n scores. Ties go to the lower index, so results are deterministic.
/// </summary>
internal static class TopKSelection
{
    /// <summary>Indexes of the (at most) <paramref name="count"/> highest scores, best first, skipping excluded indexes and NaN.</summary>
    public static int[] Select(ReadOnlySpan<float> scores, int count, Predicate<int>? excluded = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var heapIndexes = new int[Math.Min(count, scores.Length)];
        var heapScores = new float[heapIndexes.Length];
        var size = 0;
        for (var i = 0; i < scores.Length && heapIndexes.Length > 0; i++)
        {
            var score = scores[i];
            if (float.IsNaN(score) || (excluded is not null && excluded(i)))
            {
                continue;
            }

            if (size < heapIndexes.Length)
            {
                heapIndexes[size] = i;
                heapScores[size] = score;
                SiftUp(heapIndexes, heapScores, size++);
            }
            else if (Better(score, i, heapScores[0], heapIndexes[0]))
            {
                heapIndexes[0] = i;
                heapScores[0] = score;
                SiftDown(heapIndexes, heapScores, size);
            }
        }

        var result = heapIndexes[..size];
        var resultScores = heapScores[..size];
        Array.Sort(resultScores, result, Comparer<float>.Create((a, b) => b.CompareTo(a)));

        // Array.Sort is not stable: restore lower-index-first among equal scores.
        for (var start = 0; start < size;)
        {
            var end = start + 1;
            while (end < size && resultScores[end] == resultScores[start])
            {
                end++;
            }

            Array.Sort(result, start, end - start);
            start = end;
        }

        return result;
    }

    // "a beats b": higher score, or equal score and lower index. The heap root is the element every other beats.
    private static bool Better(float scoreA, int indexA, float scoreB, int indexB) =>
        scoreA > scoreB || (scoreA == scoreB && indexA < indexB);

    private static void SiftUp(int[] indexes, float[] scores, int position)
    {
        while (position > 0)
        {
            var parent = (position - 1) / 2;
            if (!Better(scores[parent], indexes[parent], scores[position], indexes[position]))
            {
                break;
            }

            Swap(indexes, scores, parent, position);
            position = parent;
        }
    }

    private static void SiftDown(int[] indexes, float[] scores, int size)
    {
        var position = 0;
        while (true)
        {
            var left = (2 * position) + 1;
            if (left >= size)
            {
                return;
            }

            var worst = left;
            var right = left + 1;
            if (right < size && Better(scores[left], indexes[left], scores[right], indexes[right]))
            {
                worst = right;
            }

            if (!Better(scores[position], indexes[position], scores[worst], indexes[worst]))
            {
                return;
            }

            Swap(indexes, scores, position, worst);
            position = worst;
        }
    }

    private static void Swap(int[] indexes, float[] scores, int a, int b)
    {
        (indexes[a], indexes[b]) = (indexes[b], indexes[a]);
        (scores[a], scores[b]) = (scores[b], scores[a]);
    }
}
