using System.Text;
using StreamOrleans.Grains.Trends.Sentiment;

namespace StreamOrleans.Grains.Trends.Demo;

/// <summary>
/// Deterministic (by seed) stream of synthetic social-media posts for the demo and for tests: a background of posts
/// whose everyday words (<see cref="DemoVocabulary"/>) follow Zipf frequencies, with hashtags people recognise
/// (<c>#ai</c>, <c>#football</c>, ...; Zipf popularity, <c>#ai</c> first), sentiment cues, negations, emoji, mentions and
/// URLs chosen from the post's label, plus planted bursts with known start and end (<see cref="Bursts"/>): surges of
/// background hashtags and event hashtags (<c>#launchday</c>, <c>#heatwave</c>, ...) that trend on purpose.
/// </summary>
/// <remarks>
/// Arrivals are a non-homogeneous Poisson process (constant background rate plus each burst's trapezoid intensity:
/// linear ramp-up over the first quarter, plateau, ramp-down over the last tenth), drawn per one-minute segment by
/// thinning (Lewis and Shedler, 1979), so posts come out in time order. No clock is read: time starts at
/// <see cref="PostGeneratorOptions.Start"/>.
/// </remarks>
public sealed class PostGenerator
{
    private const int UserCount = 2000;
    private static readonly SentimentLabel[] Labels = [SentimentLabel.Negative, SentimentLabel.Neutral, SentimentLabel.Positive];

    private readonly string[] _words;
    private readonly ZipfSampler _wordSampler;
    private readonly string[] _topics;
    private readonly ZipfSampler _topicSampler;
    private readonly ZipfSampler _userSampler;
    private readonly PlantedBurst[] _bursts;
    private readonly string[][] _burstKeywords;

    /// <summary>Plans the vocabulary, topics and bursts from <paramref name="options"/>.</summary>
    public PostGenerator(PostGeneratorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        var random = new DeterministicRandom(options.Seed);
        _words = [.. DemoVocabulary.FunctionWords.Concat(DemoVocabulary.ContentWords).Distinct(StringComparer.Ordinal).Take(options.VocabularySize)];
        _wordSampler = new ZipfSampler(_words.Length, options.WordZipfExponent);
        _topics = DemoVocabulary.Hashtags(DemoVocabulary.Topics, options.BackgroundTopicCount);
        var taken = new HashSet<string>(_topics, StringComparer.Ordinal);
        _topicSampler = new ZipfSampler(_topics.Length, options.TopicZipfExponent);
        _userSampler = new ZipfSampler(UserCount, 0.8);
        (_bursts, _burstKeywords) = PlanBursts(random, taken);
    }

    /// <summary>Settings.</summary>
    public PostGeneratorOptions Options { get; }

    /// <summary>Ground truth: the planted bursts, ordered by start.</summary>
    public IReadOnlyList<PlantedBurst> Bursts => _bursts;

    /// <summary>Background hashtags, most popular first.</summary>
    public IReadOnlyList<string> BackgroundTopics => _topics;

    /// <summary>The posts, in time order. Every enumeration yields the same sequence.</summary>
    public IEnumerable<GeneratedPost> Generate()
    {
        var random = new DeterministicRandom(Options.Seed ^ 0xA5A5_5A5A_F00D_CAFEUL);
        var text = new StringBuilder(256);
        var words = new List<string>(32);
        var background = Options.BackgroundPostsPerSecond;
        var total = Options.Duration.TotalSeconds;
        var active = new List<int>();
        long postId = 0;
        for (double segment = 0; segment < total; segment += 60)
        {
            var segmentEnd = Math.Min(segment + 60, total);
            active.Clear();
            var maxRate = background;
            for (var j = 0; j < _bursts.Length; j++)
            {
                var (from, to) = Seconds(_bursts[j]);
                if (from < segmentEnd && to > segment)
                {
                    active.Add(j);
                    maxRate += _bursts[j].PeakPostsPerMinute / 60;
                }
            }

            var t = segment + random.Exponential(maxRate);
            while (t < segmentEnd)
            {
                var rate = background;
                foreach (var j in active)
                {
                    rate += BurstRatePerSecond(j, t);
                }

                if (random.NextDouble() * maxRate < rate)
                {
                    var pick = random.NextDouble() * rate;
                    var source = -1;
                    if (pick >= background)
                    {
                        pick -= background;
                        foreach (var j in active)
                        {
                            source = j;
                            pick -= BurstRatePerSecond(j, t);
                            if (pick < 0)
                            {
                                break;
                            }
                        }
                    }

                    var timestamp = Options.Start + TimeSpan.FromTicks((long)(t * TimeSpan.TicksPerSecond));
                    yield return MakePost(++postId, timestamp, source, random, text, words);
                }

                t += random.Exponential(maxRate);
            }
        }
    }

    private (PlantedBurst[] Bursts, string[][] Keywords) PlanBursts(DeterministicRandom random, HashSet<string> taken)
    {
        var o = Options;
        var bursts = new List<(PlantedBurst Burst, string[] Keywords)>();
        var surgeCandidates = Enumerable.Range(0, _topics.Length).ToList();
        for (var i = 0; i < o.BurstCount; i++)
        {
            var isNew = random.Chance(o.NewTopicBurstFraction) || surgeCandidates.Count == 0;
            string topic;
            if (isNew)
            {
                var fresh = DemoVocabulary.EventTopics.Where(t => !taken.Contains(t)).ToList();
                topic = fresh.Count > 0 ? fresh[random.Next(fresh.Count)] : DemoVocabulary.Hashtags(DemoVocabulary.EventTopics, 1, taken)[0];
                taken.Add(topic);
            }
            else
            {
                var k = random.Next(surgeCandidates.Count);
                topic = _topics[surgeCandidates[k]];
                surgeCandidates.RemoveAt(k);
            }

            var duration = TimeSpan.FromSeconds(Math.Round(random.NextDouble(o.MinBurstDuration.TotalSeconds, o.MaxBurstDuration.TotalSeconds)));
            var latestStart = (o.Duration - duration - o.BurstFreeWarmup).TotalSeconds;
            var start = o.Start + o.BurstFreeWarmup + TimeSpan.FromSeconds(Math.Round(random.NextDouble() * latestStart));
            var peak = Math.Round(random.NextDouble(o.MinBurstPostsPerMinute, o.MaxBurstPostsPerMinute), 1);
            var sentiment = Labels[random.Next(Labels.Length)];
            // Keywords from the mid-frequency band, so they are ordinary words that the burst makes frequent.
            var keywords = Enumerable.Range(0, 3).Select(_ => _words[random.Next(_words.Length / 10, _words.Length - 1)]).ToArray();
            bursts.Add((new PlantedBurst(topic, start, start + duration, peak, sentiment, isNew), keywords));
        }

        var ordered = bursts.OrderBy(b => b.Burst.Start).ThenBy(b => b.Burst.Topic, StringComparer.Ordinal).ToArray();
        return ([.. ordered.Select(b => b.Burst)], [.. ordered.Select(b => b.Keywords)]);
    }

    private (double From, double To) Seconds(PlantedBurst burst) =>
        ((burst.Start - Options.Start).TotalSeconds, (burst.End - Options.Start).TotalSeconds);

    private double BurstRatePerSecond(int j, double t)
    {
        var (from, to) = Seconds(_bursts[j]);
        if (t < from || t > to)
        {
            return 0;
        }

        var length = to - from;
        var rampUp = 0.25 * length;
        var rampDown = 0.1 * length;
        var shape = t < from + rampUp ? (t - from) / rampUp
            : t > to - rampDown ? (to - t) / rampDown
            : 1.0;
        return shape * _bursts[j].PeakPostsPerMinute / 60;
    }

    private GeneratedPost MakePost(long postId, DateTimeOffset timestamp, int burst, DeterministicRandom random, StringBuilder text, List<string> words)
    {
        var label = burst >= 0
            ? (random.Chance(0.7) ? _bursts[burst].Sentiment : Labels[random.Next(Labels.Length)])
            : DrawBackgroundLabel(random);

        words.Clear();
        var fillers = random.Next(4, 14);
        for (var i = 0; i < fillers; i++)
        {
            words.Add(_words[_wordSampler.Sample(random)]);
        }

        if (burst >= 0)
        {
            var keywords = _burstKeywords[burst];
            words.Insert(random.Next(words.Count + 1), keywords[random.Next(keywords.Length)]);
        }

        AddSentimentWords(label, random, words);

        var hashtags = new List<string>(2);
        if (burst >= 0)
        {
            hashtags.Add(_bursts[burst].Topic);
        }

        var tagProbability = burst >= 0 ? 0.2 : Options.HashtagProbability;
        if (random.Chance(tagProbability))
        {
            AddDistinct(hashtags, _topics[_topicSampler.Sample(random)]);
            if (random.Chance(tagProbability / 5))
            {
                AddDistinct(hashtags, _topics[_topicSampler.Sample(random)]);
            }
        }

        text.Clear();
        if (random.Chance(0.25))
        {
            text.Append("@user").Append(_userSampler.Sample(random)).Append(' ');
        }

        text.AppendJoin(' ', words);
        var emoji = EmojiFor(label, random);
        if (emoji is not null)
        {
            text.Append(' ').Append(emoji);
        }

        foreach (var tag in hashtags)
        {
            text.Append(" #").Append(tag);
        }

        if (random.Chance(0.15))
        {
            text.Append(" https://t.co/");
            for (var i = 0; i < 8; i++)
            {
                text.Append("abcdefghijklmnopqrstuvwxyz0123456789"[random.Next(36)]);
            }
        }

        if (random.Chance(Options.LabelNoise))
        {
            label = Labels[((int)label + random.Next(1, 2)) % Labels.Length];
        }

        var author = "user" + _userSampler.Sample(random).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new GeneratedPost(postId, author, timestamp, text.ToString(), hashtags, label, burst >= 0 ? _bursts[burst].Topic : null);
    }

    private static SentimentLabel DrawBackgroundLabel(DeterministicRandom random)
    {
        var u = random.NextDouble();
        return u < 0.3 ? SentimentLabel.Negative : u < 0.7 ? SentimentLabel.Neutral : SentimentLabel.Positive;
    }

    // Positive and negative posts carry a cue of their polarity: a word VADER's lexicon knows (three posts in four), a
    // phrase it does not know (three in five), at least one of the two; sometimes a word of the other polarity (mixed
    // feelings) or a negated one ("not bad"). Neutral posts occasionally carry a stray sentiment word. The classes are
    // learnable but not separable by one word, and a lexicon alone misses the phrases.
    private static void AddSentimentWords(SentimentLabel label, DeterministicRandom random, List<string> words)
    {
        if (label == SentimentLabel.Neutral)
        {
            if (random.Chance(0.12))
            {
                var list = random.Chance(0.5) ? DemoVocabulary.PositiveWords : DemoVocabulary.NegativeWords;
                words.Insert(random.Next(words.Count + 1), list[random.Next(list.Count)]);
            }

            return;
        }

        var positive = label == SentimentLabel.Positive;
        var own = positive ? DemoVocabulary.PositiveWords : DemoVocabulary.NegativeWords;
        var other = positive ? DemoVocabulary.NegativeWords : DemoVocabulary.PositiveWords;
        var phrases = positive ? DemoVocabulary.PositivePhrases : DemoVocabulary.NegativePhrases;
        var word = random.Chance(0.75);
        var phrase = random.Chance(0.6) || !word;
        if (word)
        {
            words.Insert(random.Next(words.Count + 1), own[random.Next(own.Count)]);
        }

        if (phrase)
        {
            words.Insert(random.Next(words.Count + 1), phrases[random.Next(phrases.Count)]);
        }

        if (random.Chance(0.15))
        {
            words.Insert(random.Next(words.Count + 1), other[random.Next(other.Count)]);
        }

        if (random.Chance(0.15))
        {
            var at = random.Next(words.Count + 1);
            words.Insert(at, other[random.Next(other.Count)]);
            words.Insert(at, "not");
        }
    }

    private static string? EmojiFor(SentimentLabel label, DeterministicRandom random)
    {
        var (list, p) = label switch
        {
            SentimentLabel.Positive => (DemoVocabulary.PositiveEmoji, 0.35),
            SentimentLabel.Negative => (DemoVocabulary.NegativeEmoji, 0.35),
            _ => (DemoVocabulary.NeutralEmoji, 0.15),
        };
        return random.Chance(p) ? list[random.Next(list.Count)] : null;
    }

    private static void AddDistinct(List<string> tags, string tag)
    {
        if (!tags.Contains(tag))
        {
            tags.Add(tag);
        }
    }
}
