namespace StreamOrleans.Grains.Trends.Demo;

/// <summary>
/// Word material for <see cref="PostGenerator"/>: common English function words, invented content words built from
/// syllables (so the vocabulary can be as large as asked without a word list), and small hand-written lists of
/// sentiment-bearing words and emoji.
/// </summary>
public static class DemoVocabulary
{
    /// <summary>Frequent English function words; they take the top Zipf ranks.</summary>
    public static readonly IReadOnlyList<string> FunctionWords =
    [
        "the", "a", "to", "and", "of", "is", "in", "i", "it", "you", "that", "this", "for", "on", "with", "just", "my",
        "so", "we", "at", "be", "was", "are", "have", "all", "they", "what", "about", "today", "now", "new", "get",
        "out", "from", "up", "here", "one", "more", "time", "people",
    ];

    /// <summary>Words that signal positive sentiment.</summary>
    public static readonly IReadOnlyList<string> PositiveWords =
    [
        "love", "great", "amazing", "happy", "excellent", "awesome", "good", "nice", "wonderful", "best", "fantastic",
        "beautiful", "brilliant", "enjoy", "fun", "glad", "perfect", "win", "thanks", "cool", "superb", "delighted",
        "excited", "impressive", "lovely", "proud", "congrats", "yay", "incredible", "helpful",
    ];

    /// <summary>Words that signal negative sentiment.</summary>
    public static readonly IReadOnlyList<string> NegativeWords =
    [
        "hate", "awful", "terrible", "bad", "worst", "horrible", "sad", "angry", "disappointed", "broken", "fail",
        "annoying", "ugly", "boring", "poor", "useless", "disgusting", "scam", "sucks", "nasty", "pathetic", "lousy",
        "upset", "ruined", "wrong", "furious", "slow", "crash", "mess", "fake",
    ];

    /// <summary>Emoji that usually come with positive posts.</summary>
    public static readonly IReadOnlyList<string> PositiveEmoji = ["😀", "😍", "👍", "🎉", "❤️", "😂", ":)"];

    /// <summary>Emoji that usually come with negative posts.</summary>
    public static readonly IReadOnlyList<string> NegativeEmoji = ["😡", "😢", "👎", "💔", "😤", ":("];

    /// <summary>Emoji without a clear polarity.</summary>
    public static readonly IReadOnlyList<string> NeutralEmoji = ["🤔", "📰", "👀", "📍"];

    private static readonly string[] Onsets = ["b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "z", "br", "ch", "cl", "dr", "fl", "gr", "pl", "sh", "st", "tr"];
    private static readonly string[] Vowels = ["a", "e", "i", "o", "u", "ai", "ea", "ou"];
    private static readonly string[] Codas = ["", "", "n", "r", "s", "t", "l", "m", "ck", "nd"];

    /// <summary>
    /// <paramref name="count"/> distinct invented words of 1 or 2 syllables, none equal to a listed word or to any
    /// string in <paramref name="exclude"/>.
    /// </summary>
    public static string[] InventWords(DeterministicRandom random, int count, ISet<string>? exclude = null)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var taken = new HashSet<string>(FunctionWords, StringComparer.Ordinal);
        taken.UnionWith(PositiveWords);
        taken.UnionWith(NegativeWords);
        if (exclude is not null)
        {
            taken.UnionWith(exclude);
        }

        var words = new string[count];
        var made = 0;
        while (made < count)
        {
            var syllables = random.Next(1, 2);
            var word = string.Concat(Enumerable.Range(0, syllables).Select(_ =>
                Onsets[random.Next(Onsets.Length)] + Vowels[random.Next(Vowels.Length)] + Codas[random.Next(Codas.Length)]));
            if (word.Length >= 3 && taken.Add(word))
            {
                words[made++] = word;
            }
        }

        return words;
    }
}
