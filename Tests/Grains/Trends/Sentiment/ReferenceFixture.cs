namespace StreamOrleans.Tests.Grains.Trends.Sentiment;

/// <summary>The shape of vader-expected.json (written by generate-expected.js).</summary>
internal sealed record ReferenceFixture(string Reference, int Count, IReadOnlyList<ReferenceCase> Cases);
