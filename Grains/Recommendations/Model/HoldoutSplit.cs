namespace StreamOrleans.Grains.Recommendations.Model;

/// <summary>
/// A leave-last-out split for offline evaluation. Per user, (user, item) pairs with a positive rating are ordered by
/// their last event's timestamp; the last k pairs are held out (all their events go to the test side, none to
/// training), so the model must predict what the user turns to next. A user keeps at least one training pair:
/// users with n &lt;= k positive pairs hold out n - 1 of them, and users with a single pair are not evaluated.
/// </summary>
public sealed class HoldoutSplit
{
    private HoldoutSplit(IReadOnlyList<Interaction> train, IReadOnlyDictionary<string, IReadOnlySet<string>> test)
    {
        Train = train;
        Test = test;
    }

    /// <summary>The events to train on.</summary>
    public IReadOnlyList<Interaction> Train { get; }

    /// <summary>Held-out (relevant) items per evaluated user.</summary>
    public IReadOnlyDictionary<string, IReadOnlySet<string>> Test { get; }

    /// <summary>Holds out each user's last <paramref name="holdoutPerUser"/> positive items.</summary>
    public static HoldoutSplit LastPerUser(IEnumerable<Interaction> interactions, int holdoutPerUser, FeedbackWeights? weights = null)
    {
        ArgumentNullException.ThrowIfNull(interactions);
        ArgumentOutOfRangeException.ThrowIfLessThan(holdoutPerUser, 1);
        weights ??= FeedbackWeights.Default;

        var all = interactions.ToList();
        var pairs = new Dictionary<(string User, string Item), (float Rating, DateTimeOffset Last)>();
        foreach (var interaction in all)
        {
            var key = (interaction.UserId, interaction.ItemId);
            var (rating, last) = pairs.GetValueOrDefault(key, (0f, DateTimeOffset.MinValue));
            pairs[key] = (rating + weights.Weight(interaction.Kind), interaction.Timestamp > last ? interaction.Timestamp : last);
        }

        var held = new HashSet<(string User, string Item)>();
        var test = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        foreach (var user in pairs.Where(p => p.Value.Rating > 0f).GroupBy(p => p.Key.User, StringComparer.Ordinal))
        {
            var ordered = user.OrderBy(p => p.Value.Last).ThenBy(p => p.Key.Item, StringComparer.Ordinal).ToList();
            var take = Math.Min(holdoutPerUser, ordered.Count - 1);
            if (take <= 0)
            {
                continue;
            }

            var items = new HashSet<string>(StringComparer.Ordinal);
            foreach (var pair in ordered.Skip(ordered.Count - take))
            {
                held.Add(pair.Key);
                items.Add(pair.Key.Item);
            }

            test.Add(user.Key, items);
        }

        var train = all.Where(i => !held.Contains((i.UserId, i.ItemId))).ToList();
        return new HoldoutSplit(train, test);
    }
}
