namespace StreamOrleans.Grains.Interfaces.Trends;

/// <summary>
/// The learned sentiment models: the online FTRL model's prequential (test-then-train) quality over every labelled post
/// and over the recent window, which learned model serves and its weight in the combination, and the kept versions.
/// </summary>
/// <param name="LabelledPosts">Labelled posts learned from.</param>
/// <param name="Accuracy">FTRL's prequential accuracy.</param>
/// <param name="MacroF1">FTRL's prequential macro-F1.</param>
/// <param name="WindowAccuracy">FTRL's prequential accuracy over the recent window.</param>
/// <param name="WindowMacroF1">FTRL's prequential macro-F1 over the recent window.</param>
/// <param name="LearnedWeight">Weight of the serving learned model in the combined score.</param>
/// <param name="Served">"mlnet" or "ftrl" (FTRL until the first version is trained).</param>
/// <param name="Versions">Kept versions, newest first.</param>
[Orleans.GenerateSerializer, Orleans.Immutable]
public sealed record SentimentModelMetrics(
    [property: Orleans.Id(0)] long LabelledPosts,
    [property: Orleans.Id(1)] double Accuracy,
    [property: Orleans.Id(2)] double MacroF1,
    [property: Orleans.Id(3)] double WindowAccuracy,
    [property: Orleans.Id(4)] double WindowMacroF1,
    [property: Orleans.Id(5)] double LearnedWeight,
    [property: Orleans.Id(6)] string Served = "ftrl",
    [property: Orleans.Id(7)] IReadOnlyList<SentimentModelVersion>? Versions = null);
