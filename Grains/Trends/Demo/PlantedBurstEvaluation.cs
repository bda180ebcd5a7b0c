using StreamOrleans.Grains.Trends.Detection;

namespace StreamOrleans.Grains.Trends.Demo;

/// <summary>
/// Runs one <see cref="TopicTrendTracker"/> per hashtag (as one TopicTrendGrain per topic would) over a generated
/// stream with planted bursts, advancing every tracker at each window boundary (as a grain timer would), and scores
/// the detections against the generator's ground truth.
/// </summary>
/// <remarks>
/// Definitions (window = the tracker's detection window, 1 minute by default):
/// <list type="bullet">
/// <item>True-positive rate, per planted burst: the burst is detected if its topic's tracker emits a Start event at a
/// time t with burst.Start &lt; t &lt;= burst.End + 1 window (the window holding End closes at most one window after
/// it). TPR = detected bursts / planted bursts. Detection delay = t - burst.Start.</item>
/// <item>False-positive rate, per non-burst topic-window: the denominator counts every (topic, window) pair in which the
/// topic had at least one post and the window does not overlap [burst.Start, burst.End + 2 windows] of a burst planted
/// on that topic (the 2-window tail lets the stop decision happen); the numerator counts those pairs in which the
/// topic's tracker reports a running burst after the window closed. FPR = numerator / denominator.</item>
/// <item>Spurious starts: Start events that match no planted burst (reported, not bounded).</item>
/// <item>Coverage: of the windows lying wholly inside planted bursts, the fraction in which the topic's tracker reports
/// a running burst (reported: shows whether bursts are held for their length or cut short).</item>
/// </list>
/// </remarks>
public static class PlantedBurstEvaluation
{
    /// <summary>Runs the evaluation over every post of <paramref name="generator"/> with <paramref name="trackerOptions"/>.</summary>
    public static PlantedBurstEvaluationResult Run(PostGenerator generator, TopicTrendTrackerOptions trackerOptions)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentNullException.ThrowIfNull(trackerOptions);
        var window = trackerOptions.Window;
        var trackers = new Dictionary<string, TopicTrendTracker>(StringComparer.Ordinal);
        var starts = new Dictionary<string, List<DateTimeOffset>>(StringComparer.Ordinal);
        var postsInWindow = new HashSet<string>(StringComparer.Ordinal);
        var events = new List<BurstEvent>();
        var burstsByTopic = generator.Bursts.ToLookup(b => b.Topic, StringComparer.Ordinal);
        long nonBurstWindows = 0;
        long falsePositiveWindows = 0;
        long plantedWindows = 0;
        long plantedWindowsBursting = 0;

        var windowEnd = generator.Options.Start + window;
        void CloseWindowsUpTo(DateTimeOffset time)
        {
            while (windowEnd <= time)
            {
                foreach (var (topic, tracker) in trackers)
                {
                    events.Clear();
                    tracker.AdvanceTo(windowEnd, events);
                    Collect(topic, events);
                }

                foreach (var burst in generator.Bursts)
                {
                    if (windowEnd - window >= burst.Start && windowEnd <= burst.End)
                    {
                        plantedWindows++;
                        if (trackers.TryGetValue(burst.Topic, out var t) && t.IsBursting)
                        {
                            plantedWindowsBursting++;
                        }
                    }
                }

                foreach (var topic in postsInWindow)
                {
                    var windowStart = windowEnd - window;
                    if (!burstsByTopic[topic].Any(b => windowStart < b.End + (2 * window) && windowEnd > b.Start))
                    {
                        nonBurstWindows++;
                        if (trackers[topic].IsBursting)
                        {
                            falsePositiveWindows++;
                        }
                    }
                }

                postsInWindow.Clear();
                windowEnd += window;
            }
        }

        void Collect(string topic, List<BurstEvent> decided)
        {
            foreach (var e in decided)
            {
                if (e.Kind == BurstEventKind.Start)
                {
                    if (!starts.TryGetValue(topic, out var list))
                    {
                        starts[topic] = list = [];
                    }

                    list.Add(e.At);
                }
            }
        }

        foreach (var post in generator.Generate())
        {
            CloseWindowsUpTo(post.Timestamp);
            foreach (var tag in post.Hashtags)
            {
                if (!trackers.TryGetValue(tag, out var tracker))
                {
                    trackers[tag] = tracker = new TopicTrendTracker(trackerOptions);
                }

                events.Clear();
                tracker.Record(post.Timestamp, events);
                Collect(tag, events);
                postsInWindow.Add(tag);
            }
        }

        CloseWindowsUpTo(generator.Options.Start + generator.Options.Duration + window);

        var delays = new List<TimeSpan>();
        var matchedStarts = 0;
        foreach (var burst in generator.Bursts)
        {
            var hit = starts.GetValueOrDefault(burst.Topic)?.Where(t => t > burst.Start && t <= burst.End + window).ToList() ?? [];
            if (hit.Count > 0)
            {
                delays.Add(hit.Min() - burst.Start);
            }

            matchedStarts += hit.Count;
        }

        delays.Sort();
        var totalStarts = starts.Values.Sum(l => l.Count);
        return new PlantedBurstEvaluationResult(
            PlantedBursts: generator.Bursts.Count,
            DetectedBursts: delays.Count,
            NonBurstTopicWindows: nonBurstWindows,
            FalsePositiveTopicWindows: falsePositiveWindows,
            SpuriousStarts: totalStarts - matchedStarts,
            Coverage: plantedWindows == 0 ? 0 : (double)plantedWindowsBursting / plantedWindows,
            Delays: delays);
    }
}
