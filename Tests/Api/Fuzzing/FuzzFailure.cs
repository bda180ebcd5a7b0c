namespace StreamOrleans.Tests.Api.Fuzzing;

/// <summary>A case whose answer broke the rules: enough to read what happened and to replay it.</summary>
/// <param name="Index">The case index (replay with FirstCase = Index, Cases = 1 and the same seed).</param>
/// <param name="Kind">"server-error", "not-problem-details", "crash" or "timeout".</param>
/// <param name="Route">The route fuzzed.</param>
/// <param name="Request">Method, path and query, content type and body length as sent.</param>
/// <param name="Status">The status code (0 when there was no answer).</param>
/// <param name="Answer">The start of the answer's body, or the exception.</param>
public sealed record FuzzFailure(int Index, string Kind, string Route, string Request, int Status, string Answer)
{
    /// <inheritdoc />
    public override string ToString() => $"#{Index} {Kind} {Status} on {Route}: {Request} -> {Answer}";
}
