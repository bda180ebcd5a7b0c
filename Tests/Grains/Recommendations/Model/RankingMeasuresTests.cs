using StreamOrleans.Grains.Recommendations.Model;

namespace StreamOrleans.Tests.Grains.Recommendations.Model;

// Known answers worked by hand from the definitions in RankingMeasures' header.
public class RankingMeasuresTests
{
    private static readonly string[] Ranked = ["a", "b", "c", "d"];
    private static readonly HashSet<string> Relevant = ["a", "c", "e"];

    [Fact]
    public void Precision_counts_hits_over_k() =>
        Assert.Equal(2d / 4d, RankingMeasures.Precision(Ranked, Relevant, 4), 12);

    [Fact]
    public void Recall_counts_hits_over_relevant() =>
        Assert.Equal(2d / 3d, RankingMeasures.Recall(Ranked, Relevant, 4), 12);

    [Fact]
    public void Ndcg_discounts_by_log_position()
    {
        // hits at positions 1 and 3: DCG = 1/log2(2) + 1/log2(4) = 1.5; ideal has 3 hits: 1 + 1/log2(3) + 1/2.
        var expected = 1.5 / (1.5 + (1 / Math.Log2(3)));
        Assert.Equal(expected, RankingMeasures.Ndcg(Ranked, Relevant, 4), 12);
        Assert.Equal(0.7039180890341348, expected, 12);
    }

    [Fact]
    public void Average_precision_averages_precision_at_each_hit()
    {
        // precision@1 = 1, precision@3 = 2/3; divided by min(|R|, K) = 3.
        Assert.Equal((1d + (2d / 3d)) / 3d, RankingMeasures.AveragePrecision(Ranked, Relevant, 4), 12);
    }

    [Fact]
    public void Cutoff_ignores_entries_beyond_k()
    {
        // K = 2: only "a" counts; IDCG over min(3, 2) = 2 positions.
        Assert.Equal(0.5, RankingMeasures.Precision(Ranked, Relevant, 2), 12);
        Assert.Equal(1d / 3d, RankingMeasures.Recall(Ranked, Relevant, 2), 12);
        Assert.Equal(1d / (1d + (1d / Math.Log2(3))), RankingMeasures.Ndcg(Ranked, Relevant, 2), 12);
        Assert.Equal(1d / 2d, RankingMeasures.AveragePrecision(Ranked, Relevant, 2), 12);
    }

    [Fact]
    public void A_user_with_fewer_items_than_k_can_still_score_a_perfect_ndcg_and_map()
    {
        string[] ranked = ["x", "y"];
        HashSet<string> relevant = ["x"];
        Assert.Equal(0.1, RankingMeasures.Precision(ranked, relevant, 10), 12);
        Assert.Equal(1d, RankingMeasures.Recall(ranked, relevant, 10), 12);
        Assert.Equal(1d, RankingMeasures.Ndcg(ranked, relevant, 10), 12);
        Assert.Equal(1d, RankingMeasures.AveragePrecision(ranked, relevant, 10), 12);
    }

    [Fact]
    public void No_hits_score_zero_and_empty_relevance_is_rejected()
    {
        Assert.Equal(0d, RankingMeasures.Ndcg(["q"], Relevant, 10));
        Assert.Equal(0d, RankingMeasures.AveragePrecision([], Relevant, 10));
        Assert.Throws<ArgumentException>(() => RankingMeasures.Ndcg(Ranked, new HashSet<string>(), 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => RankingMeasures.Precision(Ranked, Relevant, 0));
    }

    [Fact]
    public void Evaluator_averages_over_users_with_held_out_items()
    {
        var t0 = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        Interaction[] events =
        [
            new("u1", "a", InteractionKind.Click, t0),
            new("u1", "b", InteractionKind.Click, t0.AddMinutes(1)),
            new("u2", "a", InteractionKind.Click, t0),
            new("u2", "c", InteractionKind.Click, t0.AddMinutes(1)),
            new("u3", "a", InteractionKind.Click, t0),
        ];
        var split = HoldoutSplit.LastPerUser(events, 1);

        // Always recommend ["b"]: u1 (held out b) is a hit at 1, u2 (held out c) a miss; u3 has nothing held out.
        var metrics = RecommenderEvaluator.Evaluate(split, (_, _) => ["b"], cutoff: 10);
        Assert.Equal(2, metrics.Users);
        Assert.Equal((0.1 + 0) / 2, metrics.Precision, 12);
        Assert.Equal((1d + 0) / 2, metrics.Recall, 12);
        Assert.Equal((1d + 0) / 2, metrics.Ndcg, 12);
        Assert.Equal((1d + 0) / 2, metrics.MeanAveragePrecision, 12);
    }
}
