namespace StreamOrleans.Tests.Runtime.TestGrains;

/// <summary>A post-like event that fans out to one grain per tag.</summary>
public sealed record TagsTestEvent(string Text, IReadOnlyList<string> Tags);
