using StreamOrleans.Grains.Recommendations.Model;

namespace StreamOrleans.Tests.Grains.Recommendations.Model;

public class TopNRecommenderTests
{
    private static readonly ImplicitAlsOptions Options = new() { Rank = 8, Iterations = 5, Alpha = 5f };

    [Fact]
    public void Top_n_matches_a_full_sort_of_the_scores()
    {
        var model = new ImplicitAlsTrainer(Options).Train(SmallMatrices.Random(seed: 9, items: 60));
        var topN = new TopNRecommender(model);
        for (var u = 0; u < model.Users.Count; u++)
        {
            var user = model.UserVector(u).ToArray();
            var expected = Enumerable.Range(0, model.Items.Count)
                .Select(i => (Index: i, Score: Score(user, model.ItemVector(i))))
                .OrderByDescending(s => s.Score).ThenBy(s => s.Index)
                .Take(7).Select(s => s.Index).ToArray();
            Assert.Equal(expected, topN.TopIndexes(user, 7));
        }
    }

    [Fact]
    public void Purchased_items_are_excluded_and_reasons_name_the_users_items()
    {
        var data = SmallMatrices.Planted(users: 300, items: 120);
        var model = new RecommenderModel(new ImplicitAlsTrainer(Options).Train(InteractionMatrix.FromInteractions(data.Interactions)));
        var events = data.Interactions.Where(i => i.UserId == "u007").ToList();
        var ratings = events
            .GroupBy(i => i.ItemId)
            .ToDictionary(g => g.Key, g => g.Sum(i => FeedbackWeights.Default.Weight(i.Kind)));
        var purchased = events.Where(i => i.Kind == InteractionKind.Purchase).Select(i => i.ItemId).ToHashSet();
        Assert.NotEmpty(purchased);

        var vector = model.FoldIn(ratings);
        var unfiltered = model.Recommend(vector, ratings, count: 120);
        Assert.Contains(unfiltered, r => purchased.Contains(r.ItemId));

        var recommendations = model.Recommend(vector, ratings, count: 10, excludedItemIds: purchased);
        Assert.Equal(10, recommendations.Count);
        Assert.DoesNotContain(recommendations, r => purchased.Contains(r.ItemId));
        Assert.All(recommendations, r =>
        {
            Assert.NotEmpty(r.Reasons);
            Assert.All(r.Reasons, reason => Assert.True(ratings[reason.ItemId] > 0f, $"{reason.ItemId} is not one of the user's items"));
            Assert.Equal(r.Reasons.OrderByDescending(x => x.Weight).Select(x => x.ItemId), r.Reasons.Select(x => x.ItemId));
        });
        Assert.True(recommendations.Zip(recommendations.Skip(1)).All(p => p.First.Score >= p.Second.Score), "best first");
    }

    [Fact]
    public void Reasons_are_the_users_items_most_similar_to_the_recommendation_weighted_by_confidence()
    {
        // Hand-made 2-d factors: item 0 points along x, item 1 along y, item 2 diagonal, item 3 (the target) near x.
        var items = new IdIndex(["a", "b", "c", "target"]);
        float[] factors = [1, 0, 0, 1, 0.7071f, 0.7071f, 0.9f, 0.1f];
        var topN = new TopNRecommender(items, factors, rank: 2);

        var result = topN.Recommend([1f, 0f], count: 1, userItems: [0, 1, 2], userConfidences: [1f, 10f, 1f], excluded: i => i < 3, reasonsPerItem: 3);

        var recommendation = Assert.Single(result);
        Assert.Equal("target", recommendation.ItemId);

        // weights: a 1 x cos(a, t) = 0.9939; b 10 x 0.1104 = 1.104; c 1 x 0.7803; so b, a, c.
        Assert.Equal(["b", "a", "c"], recommendation.Reasons.Select(r => r.ItemId));
        Assert.Equal(10 * 0.1f / MathF.Sqrt(0.82f), recommendation.Reasons[0].Weight, 1e-4f);
    }

    [Fact]
    public void Selection_breaks_ties_by_lower_index_and_skips_nan()
    {
        var top = TopKSelection.Select([1f, 3f, float.NaN, 3f, 2f, 3f], 3);
        Assert.Equal([1, 3, 5], top);
    }

    // The production kernel, so scores are bit-identical and the test checks the selection, not float rounding.
    private static float Score(ReadOnlySpan<float> a, ReadOnlySpan<float> b) => System.Numerics.Tensors.TensorPrimitives.Dot(a, b);
}
