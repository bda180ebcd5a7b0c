namespace StreamOrleans.Api.Streams.Contracts;

/// <summary>Recent dead letters, newest first.</summary>
public sealed record DeadLettersResponse(IReadOnlyList<DeadLetterEntry> DeadLetters);
