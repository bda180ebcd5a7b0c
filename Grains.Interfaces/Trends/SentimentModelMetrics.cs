namespace StreamOrleans.Grains.Interfaces.Trends;

/// <summary>The learned sentiment model's prequential (test-then-train) quality and its weight in the combination.</summary>
public sealed record SentimentModelMetrics(long LabelledPosts, double Accuracy, double MacroF1, double WindowAccuracy, double WindowMacroF1, double LearnedWeight);
