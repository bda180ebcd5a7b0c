namespace StreamOrleans.Grains.Recommendations.Model;

/// <summary>
/// Per-user ranking measures at cutoff K for a ranked list L (only its first K entries count) and a non-empty set R
/// of relevant items; rel_i = 1 if L[i] is in R, positions i are 1-based:
/// <list type="bullet">
/// <item>precision@K = (sum_{i&lt;=K} rel_i) / K. The denominator stays K even if L is shorter (a short list is penalised).</item>
/// <item>recall@K = (sum_{i&lt;=K} rel_i) / |R|.</item>
/// <item>NDCG@K = DCG@K / IDCG@K with DCG@K = sum_{i&lt;=K} rel_i / log2(i + 1) and IDCG@K the DCG of an ideal list,
/// sum_{i&lt;=min(|R|, K)} 1 / log2(i + 1) (Jarvelin and Kekalainen 2002, binary relevance).</item>
/// <item>AP@K = (1 / min(|R|, K)) sum_{i&lt;=K} rel_i x precision@i; MAP@K is its mean over users. Dividing by
/// min(|R|, K) rather than |R| lets a perfect list score 1 when a user has more than K relevant items.</item>
/// </list>
/// Users with an empty R have no defined recall, NDCG or AP and are left out of averages by the caller.
/// </summary>
public static class RankingMeasures
{
    /// <summary>precision@K.</summary>
    public static double Precision(IReadOnlyList<string> ranked, IReadOnlySet<string> relevant, int cutoff) =>
        Hits(ranked, relevant, cutoff) / (double)Check(ranked, relevant, cutoff);

    /// <summary>recall@K.</summary>
    public static double Recall(IReadOnlyList<string> ranked, IReadOnlySet<string> relevant, int cutoff)
    {
        Check(ranked, relevant, cutoff);
        return Hits(ranked, relevant, cutoff) / (double)relevant.Count;
    }

    /// <summary>NDCG@K with binary relevance.</summary>
    public static double Ndcg(IReadOnlyList<string> ranked, IReadOnlySet<string> relevant, int cutoff)
    {
        Check(ranked, relevant, cutoff);
        var dcg = 0d;
        for (var i = 0; i < Math.Min(cutoff, ranked.Count); i++)
        {
            if (relevant.Contains(ranked[i]))
            {
                dcg += 1d / Math.Log2(i + 2);
            }
        }

        var ideal = 0d;
        for (var i = 0; i < Math.Min(cutoff, relevant.Count); i++)
        {
            ideal += 1d / Math.Log2(i + 2);
        }

        return dcg / ideal;
    }

    /// <summary>AP@K.</summary>
    public static double AveragePrecision(IReadOnlyList<string> ranked, IReadOnlySet<string> relevant, int cutoff)
    {
        Check(ranked, relevant, cutoff);
        var hits = 0;
        var sum = 0d;
        for (var i = 0; i < Math.Min(cutoff, ranked.Count); i++)
        {
            if (relevant.Contains(ranked[i]))
            {
                hits++;
                sum += hits / (double)(i + 1);
            }
        }

        return sum / Math.Min(relevant.Count, cutoff);
    }

    private static int Hits(IReadOnlyList<string> ranked, IReadOnlySet<string> relevant, int cutoff)
    {
        var hits = 0;
        for (var i = 0; i < Math.Min(cutoff, ranked.Count); i++)
        {
            if (relevant.Contains(ranked[i]))
            {
                hits++;
            }
        }

        return hits;
    }

    private static int Check(IReadOnlyList<string> ranked, IReadOnlySet<string> relevant, int cutoff)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        ArgumentNullException.ThrowIfNull(relevant);
        ArgumentOutOfRangeException.ThrowIfLessThan(cutoff, 1);
        if (relevant.Count == 0)
        {
            throw new ArgumentException("Ranking measures need at least one relevant item.", nameof(relevant));
        }

        return cutoff;
    }
}
