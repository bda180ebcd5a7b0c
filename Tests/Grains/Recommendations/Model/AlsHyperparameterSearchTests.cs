using StreamOrleans.Grains.Recommendations.Model;

namespace StreamOrleans.Tests.Grains.Recommendations.Model;

public sealed class AlsHyperparameterSearchTests
{
    private static HoldoutSplit Split() =>
        HoldoutSplit.LastPerUser(PlantedDataGenerator.Generate(new PlantedDataOptions { Users = 400, Items = 150, MeanInteractionsPerUser = 20, Seed = 3 }).Interactions, 1);

    [Fact]
    public void The_coordinate_search_tries_the_start_first_and_moves_only_to_better_points_within_its_trial_budget()
    {
        var start = new ImplicitAlsOptions { Rank = 16, Iterations = 6, Alpha = 3f, Regularization = 1000f };
        var space = new AlsSearchSpace { MaxTrials = 6, Ranks = [16, 32] };

        var trials = AlsHyperparameterSearch.Coordinate(Split(), start, space);

        Assert.InRange(trials.Count, 2, 6);
        Assert.Equal((16, 3f, 1000f), (trials[0].Rank, trials[0].Alpha, trials[0].Regularization));

        // From lambda 1000 the only lambda neighbour is 300 (the grid's next value below): tried second.
        Assert.Equal(300f, trials[1].Regularization);
        var best = AlsHyperparameterSearch.Best(trials);
        Assert.True(best.Metrics.Ndcg > trials[0].Metrics.Ndcg);
        Assert.Equal(trials.Max(t => t.Metrics.Ndcg), best.Metrics.Ndcg);
        Assert.Equal(trials.Count, trials.Select(t => (t.Rank, t.Alpha, t.Regularization)).Distinct().Count());
    }

    [Fact]
    public void A_spent_budget_still_evaluates_the_starting_point()
    {
        var start = new ImplicitAlsOptions { Rank = 8, Iterations = 2 };

        var trials = AlsHyperparameterSearch.Coordinate(Split(), start, new AlsSearchSpace { Budget = TimeSpan.Zero });

        Assert.Equal((8, start.Alpha, start.Regularization), (trials.Single().Rank, trials.Single().Alpha, trials.Single().Regularization));
    }

    [Fact]
    public void Plain_popularity_ranks_by_count_of_interactions_and_skips_the_users_items()
    {
        var at = new DateTimeOffset(2012, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var popularity = new InteractionCountPopularity();
        popularity.Add(new Interaction("u1", "a", InteractionKind.Click, at));
        popularity.Add(new Interaction("u2", "b", InteractionKind.Click, at));
        popularity.Add(new Interaction("u3", "b", InteractionKind.Purchase, at.AddYears(-10)));
        popularity.Add(new Interaction("u3", "c", InteractionKind.View, at));   // weight 0: not counted

        Assert.Equal(["b", "a"], popularity.Top(5));
        Assert.Equal(["a"], popularity.Top(5, id => id == "b"));
        Assert.Equal((2L, 0L), (popularity.Score("b"), popularity.Score("c")));
    }
}
