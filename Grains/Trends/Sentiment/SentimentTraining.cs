using System.Diagnostics;
using StreamOrleans.Grains.Interfaces.Trends;

namespace StreamOrleans.Grains.Trends.Sentiment;

/// <summary>
/// One retraining of the learned sentiment models, off any grain turn: the newest <c>holdoutFraction</c> of the labelled
/// posts (log order, so the models are scored on posts that came after what they learned) is held out; the ML.NET
/// classifier is fitted on the rest, a fresh FTRL model learns the rest in order, and both are scored with VADER on the
/// holdout. The better learned model by macro-F1 serves (ML.NET on ties: it saw every post at once).
/// </summary>
public static class SentimentTraining
{
    /// <summary>The version and its ML.NET classifier (fitted on the training side, the one the holdout scored).</summary>
    public static (SentimentModelVersion Version, MlNetSentimentClassifier MlNet) Run(
        IReadOnlyList<LabelledPost> posts, VaderSentimentAnalyzer vader, double holdoutFraction, int version, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(posts);
        ArgumentNullException.ThrowIfNull(vader);
        ArgumentNullException.ThrowIfNull(time);
        var started = Stopwatch.GetTimestamp();
        var holdout = Math.Clamp((int)Math.Round(posts.Count * holdoutFraction), 1, posts.Count - 1);
        var train = posts.Take(posts.Count - holdout).ToList();
        var test = posts.Skip(posts.Count - holdout).ToList();

        var mlnet = MlNetSentimentClassifier.Train(train);
        var ftrl = new OnlineSentimentClassifier();
        foreach (var post in train)
        {
            ftrl.Learn(Split(post.Features), post.Label);
        }

        var mlnetScores = Score(test, p => mlnet.Predict(p.Features).Label);
        var ftrlScores = Score(test, p => ftrl.Predict(Split(p.Features)).Label);
        var vaderScores = Score(test, p => VaderLabel(vader.Analyze(p.Text).Compound));
        var served = mlnetScores.MacroF1 >= ftrlScores.MacroF1 ? "mlnet" : "ftrl";
        var info = new SentimentModelVersion(
            version, time.GetUtcNow(), Stopwatch.GetElapsedTime(started).TotalMilliseconds, train.Count, test.Count, mlnetScores, ftrlScores, vaderScores, served);
        return (info, mlnet);
    }

    /// <summary>Accuracy and macro-F1 of <paramref name="predict"/> on <paramref name="posts"/>.</summary>
    public static SentimentHoldoutScores Score(IReadOnlyList<LabelledPost> posts, Func<LabelledPost, SentimentLabel> predict)
    {
        ArgumentNullException.ThrowIfNull(posts);
        ArgumentNullException.ThrowIfNull(predict);
        var confusion = new PrequentialMetrics(3, Math.Max(1, posts.Count));
        foreach (var post in posts)
        {
            confusion.Record((int)post.Label, (int)predict(post));
        }

        return new SentimentHoldoutScores(confusion.Accuracy, confusion.MacroF1);
    }

    /// <summary>VADER's convention: compound &gt;= 0.05 positive, &lt;= -0.05 negative, else neutral.</summary>
    public static SentimentLabel VaderLabel(double compound) =>
        compound >= SentimentScorer.NeutralBand ? SentimentLabel.Positive
        : compound <= -SentimentScorer.NeutralBand ? SentimentLabel.Negative
        : SentimentLabel.Neutral;

    private static string[] Split(string features) => features.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
