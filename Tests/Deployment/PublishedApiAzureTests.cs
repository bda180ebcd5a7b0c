using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using StreamOrleans.Tests.Support;

namespace StreamOrleans.Tests.Deployment;

/// <summary>
/// The published Api (what the image runs) on the Azure settings deploy/azure gives it, against Azurite: Production
/// environment, membership in Table storage, grain state in Blob storage, all from environment variables. It joins the
/// cluster (its row is Active in the membership table), answers the probes, applies an ingested event into a state blob,
/// and on SIGTERM leaves the cluster and exits 0.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class PublishedApiAzureTests(AzuriteFixture fixture)
{
    [Fact]
    [Trait("Category", "Process")]
    [Trait("Category", "Azurite")]
    public async Task Published_api_starts_on_Azure_storage_settings_applies_an_event_and_stops_cleanly()
    {
        using var output = new TempDirectory();
        using var data = new TempDirectory();
        var publish = Path.Combine(output.Path, "app");
        await PublishedApiTests.PublishAsync(publish);
        var table = AzuriteFixture.UniqueName("members");
        var container = AzuriteFixture.UniqueName("published");
        var ports = FreePorts.Take(2);

        var (api, baseAddress) = await ApiProcess.StartAsync(Path.Combine(publish, "StreamOrleans.Api.dll"), [$"--contentRoot={publish}"], new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Api__ApiKey"] = "deploy-test-key",
            ["Silo__DataDirectory"] = data.Path,
            ["Silo__ReportCheckpoints"] = "true",
            ["Cluster__Clustering"] = "AzureTable",
            ["Cluster__ClusterId"] = "published",
            ["Cluster__SiloPort"] = ports[0].ToString(CultureInfo.InvariantCulture),
            ["Cluster__GatewayPort"] = ports[1].ToString(CultureInfo.InvariantCulture),
            ["Cluster__AzureTable__ConnectionString"] = fixture.Azurite.ConnectionString,
            ["Cluster__AzureTable__TableName"] = table,
            ["Silo__StateProvider"] = "AzureBlob",
            ["Storage__AzureBlob__ConnectionString"] = fixture.Azurite.ConnectionString,
            ["Storage__AzureBlob__ContainerName"] = container,
            ["Telemetry__Enabled"] = "false",
            ["Dashboard__LibraryFolder"] = Path.Combine(RepositoryPaths.Cache, "npm", "uplot-1.6.32", "package", "dist"),
        });
        await using var _ = api;
        using var http = new HttpClient { BaseAddress = baseAddress };

        foreach (var path in new[] { "health/live", "health/ready" })
        {
            using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET /{path}: {(int)response.StatusCode}");
        }

        Assert.Equal(["Active"], await StatusesAsync(table));

        using (var ingest = new HttpRequestMessage(HttpMethod.Post, "api/streams/counter-events/events"))
        {
            ingest.Headers.Add("X-Api-Key", "deploy-test-key");
            ingest.Content = new StringContent("""{"events":[{"key":"smoke","value":{"amount":7}}]}""", Encoding.UTF8, "application/json");
            using var accepted = await http.SendAsync(ingest);
            Assert.True(accepted.IsSuccessStatusCode, $"ingest: {(int)accepted.StatusCode} {await accepted.Content.ReadAsStringAsync()}");
        }

        // The silo reports the commit of the event's partition once the state holding it is written.
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            await foreach (var line in api.Lines.ReadAllAsync(timeout.Token))
            {
                if (line.Split(' ') is ["checkpoint", "counter-events", _, var offset] && long.Parse(offset, CultureInfo.InvariantCulture) > 0)
                {
                    break;
                }
            }
        }

        using (var counter = await http.GetAsync(new Uri("api/counters/smoke", UriKind.Relative)))
        {
            using var json = JsonDocument.Parse(await counter.Content.ReadAsStringAsync());
            Assert.Equal((1, 7), (json.RootElement.GetProperty("count").GetInt64(), json.RootElement.GetProperty("sum").GetInt64()));
        }

        var blob = await new BlobServiceClient(fixture.Azurite.ConnectionString).GetBlobContainerClient(container).GetBlobClient("counter-counter/smoke.json").DownloadContentAsync();
        Assert.Equal((1, 7), CounterWorkload.Totals(blob.Value.Content.ToArray()));

        PosixSignals.Terminate(api.Id);
        await api.WaitForExitAsync(TimeSpan.FromSeconds(60));
        Assert.True(api.ExitCode == 0, $"exit code {api.ExitCode}: {api.Errors}");
        Assert.Equal(["Dead"], await StatusesAsync(table));
    }

    private async Task<List<string>> StatusesAsync(string table)
    {
        var statuses = new List<string>();
        await foreach (var row in new TableClient(fixture.Azurite.ConnectionString, table).QueryAsync<TableEntity>())
        {
            if (row.TryGetValue("Status", out var status))
            {
                statuses.Add(status.ToString()!);
            }
        }

        return statuses;
    }
}
