using System.Net;
using System.Text.Json;
using StreamOrleans.Api.Security;

namespace StreamOrleans.Tests.Api.OrleansDashboard;

/// <summary>
/// Orleans' dashboard under /orleans: with Api:ApiKey set, the page and its JSON need the key (header, or the cookie a
/// browser gets from ?apiKey=); without a key it is open, like the admin routes.
/// </summary>
[Collection(ApiCollection.Name)]
public class OrleansDashboardTests(ApiHostFixture api)
{
    public static TheoryData<string> Routes => ["/orleans/", "/orleans/index.min.js", "/orleans/version", "/orleans/DashboardCounters", "/orleans/ClusterStats", "/orleans/GrainTypes"];

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task With_a_configured_key_the_dashboard_answers_401_without_it_and_200_with_it(string path)
    {
        using var anonymous = api.CreateClient(new() { AllowAutoRedirect = false });
        using var wrong = api.CreateClient(new() { AllowAutoRedirect = false });
        wrong.DefaultRequestHeaders.Add("X-Api-Key", ApiFactory.ApiKey + "x");
        using var right = api.CreateAuthorizedClient();

        var missing = await Problems.AssertProblemAsync(await anonymous.GetAsync(path), HttpStatusCode.Unauthorized);
        var mismatched = await Problems.AssertProblemAsync(await wrong.GetAsync(path), HttpStatusCode.Unauthorized);
        using var allowed = await right.GetAsync(path);

        Assert.Contains("?apiKey=KEY", missing.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("does not match", mismatched.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        await AssertServedAsync(path, allowed);
    }

    [Fact]
    public async Task A_browser_signs_in_once_with_the_key_in_the_address_and_then_uses_a_cookie_that_is_not_the_key()
    {
        using var browser = api.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });

        using var signIn = await browser.GetAsync($"/orleans/?grainType=x&apiKey={ApiFactory.ApiKey}");

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/orleans/?grainType=x", signIn.Headers.Location?.ToString());
        var cookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith($"{OrleansDashboardKeyFilter.CookieName}=", cookie, StringComparison.Ordinal);
        Assert.Contains("path=/orleans", cookie, StringComparison.Ordinal);
        Assert.Contains("samesite=strict", cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", cookie, StringComparison.Ordinal);
        var value = cookie[(OrleansDashboardKeyFilter.CookieName.Length + 1)..cookie.IndexOf(';', StringComparison.Ordinal)];
        Assert.DoesNotContain(ApiFactory.ApiKey, Uri.UnescapeDataString(value), StringComparison.Ordinal);

        foreach (var path in new[] { "/orleans/", "/orleans/DashboardCounters", "/orleans/ClusterStats" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Add("Cookie", $"{OrleansDashboardKeyFilter.CookieName}={value}");
            using var response = await browser.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            await AssertServedAsync(path, response);
        }

        using var forged = new HttpRequestMessage(HttpMethod.Get, "/orleans/DashboardCounters");
        forged.Headers.Add("Cookie", $"{OrleansDashboardKeyFilter.CookieName}={ApiFactory.ApiKey}");
        var refused = await Problems.AssertProblemAsync(await browser.SendAsync(forged), HttpStatusCode.Unauthorized);
        Assert.Contains("cookie does not match", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await Problems.AssertProblemAsync(await browser.GetAsync($"/orleans/?apiKey={ApiFactory.ApiKey}x"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_cookie_does_not_open_the_admin_routes()
    {
        using var browser = api.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        using var signIn = await browser.GetAsync($"/orleans/?apiKey={ApiFactory.ApiKey}");
        var cookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie")).Split(';')[0];

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/streams/dead-letters");
        request.Headers.Add("Cookie", cookie);

        await Problems.AssertProblemAsync(await browser.SendAsync(request), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_dashboard_routes_stay_out_of_the_openapi_document()
    {
        using var client = api.CreateClient();

        var document = await client.GetStringAsync("/openapi/v1.json");

        Assert.DoesNotContain("/orleans", document, StringComparison.Ordinal);
    }

    // The page is HTML, its script JavaScript, the rest JSON.
    internal static async Task AssertServedAsync(string path, HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        switch (path)
        {
            case "/orleans/":
                Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
                Assert.Contains("index.min.js", text, StringComparison.Ordinal);
                break;
            case "/orleans/index.min.js":
                Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
                break;
            default:
                Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
                using (var json = JsonDocument.Parse(text))
                {
                    Assert.NotEqual(JsonValueKind.Undefined, json.RootElement.ValueKind);
                }

                break;
        }
    }
}
