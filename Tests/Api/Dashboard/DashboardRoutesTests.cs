using System.Net;
using System.Text.Json;
using StreamOrleans.Tests.Support;

namespace StreamOrleans.Tests.Api.Dashboard;

[Collection(ApiCollection.Name)]
public class DashboardRoutesTests(ApiHostFixture api)
{
    [Fact]
    public async Task Root_redirects_to_the_dashboard_page()
    {
        using var client = api.CreateClient(new() { AllowAutoRedirect = false });
        using var response = await client.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/dashboard/", response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task Page_script_and_style_are_served_with_their_content_types()
    {
        using var client = api.CreateClient();
        Assert.Contains("<title>StreamOrleans dashboard</title>", await client.GetStringAsync(new Uri("/dashboard/", UriKind.Relative)), StringComparison.Ordinal);
        using var script = await client.GetAsync(new Uri("/dashboard/dashboard.js", UriKind.Relative));
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        using var style = await client.GetAsync(new Uri("/dashboard/dashboard.css", UriKind.Relative));
        Assert.Equal("text/css", style.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Chart_library_is_served_from_the_set_up_cache()
    {
        var library = Path.Combine(RepositoryPaths.Cache, "npm", "uplot-1.6.32", "package", "dist", "uPlot.esm.js");
        Assert.True(File.Exists(library), $"{library} is missing: run scripts/setup.sh (step 60-dashboard).");
        using var client = api.CreateClient();
        Assert.Equal(await File.ReadAllTextAsync(library), await client.GetStringAsync(new Uri("/dashboard/lib/uplot/uPlot.esm.js", UriKind.Relative)));
    }

    [Theory]
    [InlineData("/dashboard/missing.js")]
    [InlineData("/dashboard/..%2F..%2FProgram.cs")]
    [InlineData("/dashboard/lib/uplot/..%2F..%2Fpackage.json")]
    public async Task Unknown_or_escaping_file_names_get_404_problem_details(string path)
    {
        using var client = api.CreateClient();
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Features_list_four_flags()
    {
        using var client = api.CreateClient();
        using var doc = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/dashboard/features", UriKind.Relative)));
        Assert.Equal(["trends", "recommendations", "popularProducts", "cameras"], doc.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.All(doc.RootElement.EnumerateObject(), p => Assert.True(p.Value.ValueKind is JsonValueKind.True or JsonValueKind.False));
    }

    [Fact]
    public async Task Event_stream_sends_snapshot_events_as_json()
    {
        using var client = api.CreateClient();
        using var response = await client.GetAsync(new Uri("/api/dashboard/events", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        Assert.Equal("event: snapshot", await reader.ReadLineAsync());
        var data = await reader.ReadLineAsync();
        Assert.StartsWith("data: ", data, StringComparison.Ordinal);
        using var snapshot = JsonDocument.Parse(data!["data: ".Length..]);
        Assert.True(snapshot.RootElement.GetProperty("topics").GetArrayLength() > 0);
        Assert.True(snapshot.RootElement.TryGetProperty("p99IngestToAppliedMs", out _));
        Assert.True(snapshot.RootElement.TryGetProperty("p99TurnMs", out _));
    }
}
