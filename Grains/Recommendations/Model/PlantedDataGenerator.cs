namespace StreamOrleans.Grains.Recommendations.Model;

/// <summary>
/// Generates user-product events with planted structure, so a recommender's quality can be tested against a known
/// truth: products have Zipf popularity (weight 1 / rank^s over a random popularity order) and belong to one of a few
/// taste clusters; each user likes 1..MaxClustersPerUser clusters with random weights. Each event picks, with
/// probability ClusterAffinity, one of the user's clusters and a product from it by popularity, otherwise any product
/// by popularity; its kind is purchase / click / view by the configured shares and its time uniform in the span.
/// Deterministic for a given <see cref="PlantedDataOptions.Seed"/>.
/// </summary>
public static class PlantedDataGenerator
{
    /// <summary>Generates a data set.</summary>
    public static PlantedDataset Generate(PlantedDataOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.PurchaseShare + options.ClickShare > 1d)
        {
            throw new ArgumentException("PurchaseShare + ClickShare must be <= 1 (the rest are views).", nameof(options));
        }

        var random = new Random(options.Seed);
        var itemIds = Ids("p", options.Items);
        var userIds = Ids("u", options.Users);

        // Planted item side: popularity by a random rank order, and one cluster per product.
        var order = Enumerable.Range(0, options.Items).ToArray();
        random.Shuffle(order);
        var popularity = new double[options.Items];
        for (var rank = 0; rank < order.Length; rank++)
        {
            popularity[order[rank]] = 1d / Math.Pow(rank + 1, options.ZipfExponent);
        }

        var itemCluster = new int[options.Items];
        for (var i = 0; i < itemCluster.Length; i++)
        {
            itemCluster[i] = random.Next(options.Clusters);
        }

        var global = CumulativeWeights(Enumerable.Range(0, options.Items).ToArray(), popularity);
        var clusterItems = new int[options.Clusters][];
        var clusterCumulative = new double[options.Clusters][];
        for (var c = 0; c < options.Clusters; c++)
        {
            clusterItems[c] = Enumerable.Range(0, options.Items).Where(i => itemCluster[i] == c).ToArray();
            clusterCumulative[c] = CumulativeWeights(clusterItems[c], popularity);
        }

        var interactions = new List<Interaction>(options.Users * options.MeanInteractionsPerUser);
        var userClusters = new Dictionary<string, IReadOnlyList<int>>(StringComparer.Ordinal);
        var spanTicks = options.Span.Ticks;
        for (var u = 0; u < options.Users; u++)
        {
            var clusters = Enumerable.Range(0, options.Clusters).ToArray();
            random.Shuffle(clusters);
            clusters = clusters[..random.Next(1, Math.Min(options.MaxClustersPerUser, options.Clusters) + 1)];
            var clusterWeights = CumulativeWeights(
                Enumerable.Range(0, clusters.Length).ToArray(), [.. clusters.Select(_ => 0.2 + random.NextDouble())]);
            userClusters.Add(userIds[u], clusters);

            var mean = options.MeanInteractionsPerUser;
            var count = random.Next(Math.Max(1, mean / 2), Math.Max(2, (3 * mean / 2) + 1));
            for (var n = 0; n < count; n++)
            {
                int item;
                if (random.NextDouble() < options.ClusterAffinity)
                {
                    var cluster = clusters[Pick(clusterWeights, random)];
                    item = clusterItems[cluster].Length == 0 ? Pick(global, random) : clusterItems[cluster][Pick(clusterCumulative[cluster], random)];
                }
                else
                {
                    item = Pick(global, random);
                }

                var roll = random.NextDouble();
                var kind = roll < options.PurchaseShare ? InteractionKind.Purchase
                    : roll < options.PurchaseShare + options.ClickShare ? InteractionKind.Click
                    : InteractionKind.View;
                var timestamp = options.Start + TimeSpan.FromTicks((long)(random.NextDouble() * spanTicks));
                interactions.Add(new Interaction(userIds[u], itemIds[item], kind, timestamp));
            }
        }

        var ordered = interactions.OrderBy(i => i.Timestamp).ThenBy(i => i.UserId, StringComparer.Ordinal).ToList();
        var itemClusters = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < itemIds.Length; i++)
        {
            itemClusters.Add(itemIds[i], itemCluster[i]);
        }

        return new PlantedDataset(ordered, userClusters, itemClusters);
    }

    private static string[] Ids(string prefix, int count)
    {
        var digits = Math.Max(1, (int)Math.Floor(Math.Log10(count)) + 1);
        return [.. Enumerable.Range(0, count).Select(i => prefix + i.ToString("D" + digits, System.Globalization.CultureInfo.InvariantCulture))];
    }

    private static double[] CumulativeWeights(int[] members, double[] weights)
    {
        var cumulative = new double[members.Length];
        var total = 0d;
        for (var n = 0; n < members.Length; n++)
        {
            total += weights[members[n]];
            cumulative[n] = total;
        }

        return cumulative;
    }

    // Inverse-CDF sampling: the first position whose cumulative weight exceeds a uniform draw.
    private static int Pick(double[] cumulative, Random random)
    {
        var target = random.NextDouble() * cumulative[^1];
        var found = Array.BinarySearch(cumulative, target);
        var index = found >= 0 ? found + 1 : ~found;
        return Math.Min(index, cumulative.Length - 1);
    }
}
