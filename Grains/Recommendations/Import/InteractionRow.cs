using StreamOrleans.Grains.Interfaces.Recommendations;

namespace StreamOrleans.Grains.Recommendations.Import;

/// <summary>One data line of an interaction file: the event, or why the line was rejected.</summary>
/// <param name="Line">1-based line number in the file.</param>
/// <param name="Event">The event; null when the line is bad.</param>
/// <param name="Error">Why the line is bad; null when it is good.</param>
public sealed record InteractionRow(long Line, UserEvent? Event, string? Error);
