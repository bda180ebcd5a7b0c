using StreamOrleans.Grains.Recommendations.Model;

namespace StreamOrleans.Tests.Grains.Recommendations.Model;

public class TimeDecayedPopularityTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    [Fact]
    public void An_event_counts_half_after_one_half_life()
    {
        var popularity = new TimeDecayedPopularity(Day);
        popularity.Add(new Interaction("u", "p", InteractionKind.Purchase, T0));
        Assert.Equal(3d, popularity.Score("p", T0), 12);
        Assert.Equal(1.5, popularity.Score("p", T0 + Day), 12);
        Assert.Equal(0.75, popularity.Score("p", T0 + (2 * Day)), 12);
        Assert.Equal(0d, popularity.Score("unknown", T0));
    }

    [Fact]
    public void Recent_activity_outranks_older_heavier_activity()
    {
        var popularity = new TimeDecayedPopularity(Day);
        for (var i = 0; i < 3; i++)
        {
            popularity.Add("old", 1f, T0);
        }

        popularity.Add("new", 1f, T0 + (2 * Day));  // 1 vs 3 x 2^-2 = 0.75 at T0 + 2 days
        popularity.Add("newer", 0.5f, T0 + (2 * Day));

        Assert.Equal(["new", "old", "newer"], popularity.Top(3));
        Assert.Equal(["old", "newer"], popularity.Top(5, id => id == "new"));
    }

    [Fact]
    public void Years_of_events_do_not_overflow()
    {
        var popularity = new TimeDecayedPopularity(TimeSpan.FromHours(1));
        popularity.Add("first", 1f, T0);
        popularity.Add("last", 1f, T0.AddYears(2));
        popularity.Add("last", 1f, T0.AddYears(2).AddHours(1));

        Assert.Equal(1.5, popularity.Score("last", T0.AddYears(2).AddHours(1)), 9);
        Assert.Equal(["last", "first"], popularity.Top(2));
        Assert.True(double.IsFinite(popularity.Score("first", T0.AddYears(2))));
    }

    [Fact]
    public void Views_count_only_with_a_view_weight()
    {
        var ignoring = new TimeDecayedPopularity(Day);
        var counting = new TimeDecayedPopularity(Day, new FeedbackWeights { ViewWeight = 0.25f });
        var view = new Interaction("u", "p", InteractionKind.View, T0);
        ignoring.Add(view);
        counting.Add(view);
        Assert.Empty(ignoring.Top(5));
        Assert.Equal(0.25, counting.Score("p", T0), 12);
    }
}
