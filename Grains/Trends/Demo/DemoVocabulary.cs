namespace StreamOrleans.Grains.Trends.Demo;

/// <summary>
/// Word material for <see cref="PostGenerator"/>, all fixed lists of real words: English function words, everyday
/// content words, hashtags people recognise (the first ones the most popular: <c>#ai</c> is always busy, so the
/// README's <c>/api/topics/ai</c> answers while the demo runs), event hashtags for topics that appear with a burst, and
/// sentiment cues: single words that VADER's lexicon knows and phrases it does not ("no refund", "back in stock"), which
/// is what a model learned from labelled posts can pick up beyond the lexicon.
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

    /// <summary>Everyday content words without a sentiment of their own, most common first.</summary>
    public static readonly IReadOnlyList<string> ContentWords =
    [
        "phone", "update", "app", "game", "team", "news", "coffee", "work", "week", "weekend", "morning", "night", "city",
        "train", "bus", "weather", "rain", "music", "album", "song", "movie", "show", "episode", "book", "store", "price",
        "order", "delivery", "release", "version", "model", "chip", "code", "data", "server", "market", "stock", "vote",
        "school", "exam", "class", "office", "meeting", "dinner", "lunch", "recipe", "kitchen", "garden", "dog", "cat",
        "video", "stream", "camera", "photo", "laptop", "screen", "battery", "charger", "headphones", "ticket", "flight",
        "airport", "hotel", "beach", "road", "traffic", "bike", "car", "match", "goal", "season", "league", "coach",
        "player", "score", "final", "stadium", "concert", "tour", "band", "festival", "festival", "crowd", "queue",
        "line", "shop", "mall", "sale", "discount", "package", "parcel", "email", "message", "account", "password",
        "login", "website", "browser", "search", "feature", "setting", "design", "color", "size", "shirt", "shoes",
        "jacket", "menu", "pizza", "burger", "salad", "tea", "bakery", "bread", "market", "farm", "river", "park",
        "mountain", "snow", "storm", "wind", "sun", "cloud", "forecast", "report", "study", "paper", "research",
        "lab", "startup", "company", "chief", "manager", "engineer", "teacher", "student", "doctor", "nurse",
        "hospital", "clinic", "bank", "card", "payment", "bill", "rent", "apartment", "neighbour", "street", "bridge",
        "station", "platform", "schedule", "plan", "idea", "question", "answer", "thread", "post", "comment", "channel",
        "podcast", "interview", "speech", "debate", "policy", "law", "court", "council", "budget", "tax", "energy",
        "power", "grid", "solar", "wind", "water", "plastic", "recycling", "planet", "ocean", "forest", "fire", "rocket",
        "satellite", "launch", "moon", "telescope", "robot", "drone", "network", "signal", "chart", "graph", "number",
        "minute", "hour", "day", "month", "year", "friend", "family", "kids", "parents", "home", "room", "window", "door",
    ];

    /// <summary>Hashtags (without '#'), most popular first.</summary>
    public static readonly IReadOnlyList<string> Topics =
    [
        "ai", "tech", "music", "football", "weather", "gaming", "movies", "news", "crypto", "climate", "coffee", "travel",
        "food", "fitness", "nba", "election", "bitcoin", "books", "startup", "science", "space", "art", "fashion",
        "photography", "android", "iphone", "apple", "google", "linux", "opensource", "python", "dotnet", "javascript",
        "rust", "cloud", "cybersecurity", "datascience", "machinelearning", "robotics", "ev", "tesla", "nasa",
        "formula1", "tennis", "cricket", "rugby", "baseball", "hockey", "olympics", "worldcup", "premierleague",
        "championsleague", "marathon", "yoga", "running", "cycling", "hiking", "camping", "cooking", "baking", "vegan",
        "recipes", "wine", "beer", "tea", "pets", "dogs", "cats", "gardening", "diy", "homedecor", "realestate",
        "finance", "stocks", "economy", "jobs", "remotework", "education", "teachers", "students", "health",
        "mentalhealth", "medicine", "covid", "vaccines", "parenting", "family", "wedding", "history", "politics",
        "democracy", "law", "privacy", "socialmedia", "streaming", "netflix", "podcasts", "anime", "comics", "kpop",
        "hiphop", "jazz", "rock", "classical", "concerts", "festivals", "theatre", "poetry", "writing", "design",
        "architecture", "cars", "motorsport", "aviation", "trains", "cities", "urbanism", "sustainability",
        "renewables", "solar", "recycling", "oceans", "wildlife", "birds", "nature", "rain", "snow", "heat", "storms",
        "earthquake", "energy", "oil", "markets", "retail", "shopping", "sales", "deals", "smallbusiness",
        "marketing", "branding", "ux", "webdev", "mobile", "5g", "wifi", "hardware", "chips", "semiconductors",
        "quantum", "biotech", "genomics", "medtech", "agriculture", "farming", "food waste", "nutrition", "sleep",
        "productivity", "motivation", "career", "leadership", "mondays", "weekend", "holidays", "christmas",
    ];

    /// <summary>Hashtags of events, used for topics that appear only with their burst ("new topic" bursts).</summary>
    public static readonly IReadOnlyList<string> EventTopics =
    [
        "launchday", "blackfriday", "electionnight", "eclipse", "heatwave", "stormwatch", "outage", "transferdeadline",
        "devday", "openbeta", "productlaunch", "techconf", "musicawards", "filmfestival", "snowday", "cupfinal",
        "derbyday", "trainstrike", "powercut", "budgetday", "ratecut", "ipo", "keynote", "gameawards", "newalbum",
        "seasonfinale", "boxingday", "primeday", "citymarathon", "flooding", "wildfire", "aurora", "meteorshower",
        "rocketlaunch", "moonlanding", "bigupdate", "servicedown", "datarelease", "hackathon", "pitchnight",
    ];

    /// <summary>Words that signal positive sentiment (VADER's lexicon knows them).</summary>
    public static readonly IReadOnlyList<string> PositiveWords =
    [
        "love", "great", "amazing", "happy", "excellent", "awesome", "good", "nice", "wonderful", "best", "fantastic",
        "beautiful", "brilliant", "enjoy", "fun", "glad", "perfect", "win", "thanks", "cool", "superb", "delighted",
        "excited", "impressive", "lovely", "proud", "congrats", "yay", "incredible", "helpful",
    ];

    /// <summary>Words that signal negative sentiment (VADER's lexicon knows them).</summary>
    public static readonly IReadOnlyList<string> NegativeWords =
    [
        "hate", "awful", "terrible", "bad", "worst", "horrible", "sad", "angry", "disappointed", "broken", "fail",
        "annoying", "ugly", "boring", "poor", "useless", "disgusting", "scam", "sucks", "nasty", "pathetic", "lousy",
        "upset", "ruined", "wrong", "furious", "slow", "crash", "mess", "fake",
    ];

    /// <summary>Phrases people use for good news that carry no lexicon word: learnable, invisible to VADER.</summary>
    public static readonly IReadOnlyList<string> PositivePhrases =
    [
        "back in stock", "arrived early", "worth every penny", "finally fixed", "on time for once", "works out of the box",
        "sold out in minutes", "two thumbs up", "five stars", "highly recommend", "best purchase this year",
        "fast shipping", "smooth update", "battery lasts all day", "money well spent", "exceeded expectations",
    ];

    /// <summary>Phrases people use for bad news that carry no lexicon word: learnable, invisible to VADER.</summary>
    public static readonly IReadOnlyList<string> NegativePhrases =
    [
        "still no refund", "on hold for two hours", "stopped working", "battery died", "sold out again", "keeps freezing",
        "cancelled last minute", "delayed again", "waste of money", "one star", "never again", "asked for a refund",
        "support never replied", "worse than the old one", "missing parts", "overpriced",
    ];

    /// <summary>Emoji that usually come with positive posts.</summary>
    public static readonly IReadOnlyList<string> PositiveEmoji = ["😀", "😍", "👍", "🎉", "❤️", "😂", ":)"];

    /// <summary>Emoji that usually come with negative posts.</summary>
    public static readonly IReadOnlyList<string> NegativeEmoji = ["😡", "😢", "👎", "💔", "😤", ":("];

    /// <summary>Emoji without a clear polarity.</summary>
    public static readonly IReadOnlyList<string> NeutralEmoji = ["🤔", "📰", "👀", "📍"];

    private static readonly string[] TagSuffixes = ["news", "fans", "talk", "life", "week", "live", "daily", "2026"];

    /// <summary>
    /// <paramref name="count"/> distinct hashtags from <paramref name="source"/> in order, none in <paramref name="exclude"/>;
    /// when the list runs out, its tags with a suffix ("#musicnews", "#techfans", ...).
    /// </summary>
    public static string[] Hashtags(IReadOnlyList<string> source, int count, ISet<string>? exclude = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var taken = new HashSet<string>(exclude ?? new HashSet<string>(), StringComparer.Ordinal);
        var tags = new List<string>(count);
        foreach (var candidate in source.Select(Clean).Concat(TagSuffixes.SelectMany(suffix => source.Select(t => Clean(t) + suffix))))
        {
            if (tags.Count == count)
            {
                break;
            }

            if (taken.Add(candidate))
            {
                tags.Add(candidate);
            }
        }

        if (tags.Count < count)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"The vocabulary has only {tags.Count} hashtags left.");
        }

        return [.. tags];
    }

    private static string Clean(string tag) => tag.Replace(" ", "", StringComparison.Ordinal);
}
