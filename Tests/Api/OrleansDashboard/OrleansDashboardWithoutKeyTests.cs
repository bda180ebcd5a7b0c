using System.Net;

namespace StreamOrleans.Tests.Api.OrleansDashboard;

/// <summary>Without Api:ApiKey (a local, single-user set-up) Orleans' dashboard is open, as the admin routes are.</summary>
public sealed class OrleansDashboardWithoutKeyTests : IAsyncLifetime
{
    private readonly ApiFactory _api = new(new Dictionary<string, string?> { ["Api:ApiKey"] = null });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task Without_a_configured_key_the_dashboard_and_its_json_are_served()
    {
        using var anonymous = _api.CreateClient();

        foreach (var path in new[] { "/orleans/", "/orleans/index.min.js", "/orleans/version", "/orleans/DashboardCounters", "/orleans/ClusterStats", "/orleans/GrainTypes" })
        {
            using var response = await anonymous.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
            await OrleansDashboardTests.AssertServedAsync(path, response);
        }
    }
}
