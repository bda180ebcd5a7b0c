namespace StreamOrleans.Tools;

/// <summary>How a tool reaches the API: the address Aspire injects for the "api" resource, else the local default.</summary>
internal static class ApiConnection
{
    /// <summary>Default base address: <c>services__api__http__0</c> (set by the app host's WithReference), else http://127.0.0.1:5080.</summary>
    public static string DefaultUrl() =>
        Environment.GetEnvironmentVariable("services__api__http__0") is { Length: > 0 } injected ? injected : "http://127.0.0.1:5080";

    /// <summary>An HttpClient on <paramref name="url"/> sending <paramref name="apiKey"/> as X-Api-Key when given.</summary>
    public static HttpClient Create(string url, string? apiKey, TimeSpan timeout)
    {
        var http = new HttpClient { BaseAddress = new Uri(url.TrimEnd('/') + "/"), Timeout = timeout };
        if (!string.IsNullOrEmpty(apiKey))
        {
            http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        }

        return http;
    }
}
