using System.Net;
using System.Text.Json;

namespace StreamOrleans.Tests.Api;

/// <summary>Assertions on ProblemDetails answers (RFC 7807).</summary>
public static class Problems
{
    /// <summary>Asserts an application/problem+json answer with <paramref name="status"/>; returns its body.</summary>
    public static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        ArgumentNullException.ThrowIfNull(response);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal((int)status, body.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("title").GetString()));
        return body;
    }

    /// <summary>Asserts a 400 ValidationProblem whose "errors" has <paramref name="field"/> with a reason containing <paramref name="reason"/>.</summary>
    public static async Task<JsonElement> AssertInvalidAsync(HttpResponseMessage response, string field, string reason)
    {
        var body = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        var errors = body.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var reasons), $"no error for field '{field}' in {errors}");
        Assert.True(
            reasons.EnumerateArray().Any(r => r.GetString()!.Contains(reason, StringComparison.Ordinal)),
            $"no reason containing '{reason}' for '{field}': {reasons}");
        return body;
    }
}
