using StreamOrleans.Grains.Recommendations.Model;

namespace StreamOrleans.Tests.Grains.Recommendations.Model;

public class HoldoutSplitTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Holds_out_each_users_last_items_by_their_last_event()
    {
        Interaction[] events =
        [
            new("u", "old", InteractionKind.Click, T0),
            new("u", "mid", InteractionKind.Click, T0.AddHours(1)),
            new("u", "late", InteractionKind.Click, T0.AddHours(2)),
            new("u", "old", InteractionKind.Purchase, T0.AddHours(3)), // "old" becomes the most recent pair
            new("u", "seen", InteractionKind.View, T0.AddHours(4)),    // weight 0: never relevant
        ];

        var split = HoldoutSplit.LastPerUser(events, 2);

        Assert.Equal(["late", "old"], split.Test["u"].Order());
        Assert.DoesNotContain(split.Train, i => i.ItemId is "late" or "old");
        Assert.Equal(["mid", "seen"], split.Train.Select(i => i.ItemId).Order());
    }

    [Fact]
    public void Users_keep_at_least_one_training_item()
    {
        Interaction[] events =
        [
            new("two", "a", InteractionKind.Click, T0),
            new("two", "b", InteractionKind.Click, T0.AddHours(1)),
            new("one", "a", InteractionKind.Purchase, T0),
        ];

        var split = HoldoutSplit.LastPerUser(events, 5);

        Assert.Equal(["b"], split.Test["two"]);
        Assert.False(split.Test.ContainsKey("one"));
        Assert.Equal(2, split.Train.Count);
    }
}
