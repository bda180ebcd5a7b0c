using StreamOrleans.Tests.Support;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace StreamOrleans.Tests.Api;

/// <summary>Hosts with other settings than the shared one: no API key, a failing request, invalid options.</summary>
public class ApiHostDefaultsTests
{
    [Fact]
    public async Task Without_a_configured_key_ingest_is_open_and_unhandled_errors_are_500_problems_without_internals()
    {
        await using var api = new ApiFactory(
            new Dictionary<string, string?> { ["Api:ApiKey"] = null },
            services => services.AddSingleton<IStartupFilter, ThrowingFallbackStartupFilter>());
        using var client = api.CreateClient();

        var ingest = await client.PostAsync("/api/streams/raw-events/events", JsonBodies.Json("""{"events":[{"key":"a","value":1}]}"""));
        Assert.Equal(HttpStatusCode.OK, ingest.StatusCode);

        var failure = await client.GetAsync("/no-such-route");
        var body = await Problems.AssertProblemAsync(failure, HttpStatusCode.InternalServerError);
        var text = body.GetRawText();
        Assert.DoesNotContain(ThrowingFallbackStartupFilter.Secret, text, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", text, StringComparison.Ordinal);
        Assert.DoesNotContain(".cs:line", text, StringComparison.Ordinal);
        Assert.True(body.TryGetProperty("traceId", out _));
    }

    [Theory]
    [InlineData("Api:MaxEventsPerBatch", "0", "MaxEventsPerBatch must be between 1 and 1,000,000.")]
    [InlineData("Api:MaxRequestBodyBytes", "10", "MaxRequestBodyBytes must be between 1 KiB and 1 GiB.")]
    [InlineData("Api:MaxDeadLetters", "0", "MaxDeadLetters must be between 1 and 100,000.")]
    [InlineData("Api:ApiKey", " ", "ApiKey must not be empty or whitespace")]
    [InlineData("Api:RateLimit:PermitLimit", "-1", "Api:RateLimit:PermitLimit must be between 0 (off) and 10,000,000.")]
    [InlineData("Api:RateLimit:Window", "00:00:00", "Api:RateLimit:Window must be between 10 ms and 1 hour.")]
    [InlineData("Api:RateLimit:QueueLimit", "100000", "Api:RateLimit:QueueLimit must be between 0 and 10,000.")]
    [InlineData("Silo:LogProvider", "Mongo", "Silo:LogProvider must be one of")]
    [InlineData("Silo:StateProvider", "Kafka", "Silo:StateProvider must be one of")]
    public async Task Invalid_api_options_stop_the_host_at_start_with_the_reason(string key, string value, string reason)
    {
        await using var api = new ApiFactory(new Dictionary<string, string?> { [key] = value });

        var error = Assert.ThrowsAny<OptionsValidationException>(() => api.CreateClient());

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Postgres", "Postgres", "Localhost", null, "ConnectionStrings:Postgres is not set")]
    [InlineData("Sqlite", "Postgres", "Localhost", null, "ConnectionStrings:Postgres is not set")]
    [InlineData("Sqlite", "Sqlite", "Postgres", null, "ConnectionStrings:Postgres is not set")]
    // A cluster of machines shares grains, so their state must be shared, whatever the log.
    [InlineData("Postgres", "Sqlite", "Postgres", "Host=127.0.0.1", "Silo:StateProvider=Postgres")]
    [InlineData("Kafka", "Sqlite", "Postgres", "Host=127.0.0.1", "Silo:StateProvider=Postgres")]
    public async Task Provider_combinations_that_cannot_work_stop_the_host_naming_the_setting(string log, string state, string clustering, string? connectionString, string reason)
    {
        await using var api = new ApiFactory(new Dictionary<string, string?>
        {
            ["Silo:LogProvider"] = log, ["Silo:StateProvider"] = state, ["Cluster:Clustering"] = clustering, ["ConnectionStrings:Postgres"] = connectionString,
        });

        var error = Assert.ThrowsAny<InvalidOperationException>(() => api.CreateClient());

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_Kafka_log_without_bootstrap_servers_stops_the_host_naming_the_setting()
    {
        await using var api = new ApiFactory(new Dictionary<string, string?>
        {
            ["Silo:LogProvider"] = "Kafka", ["Silo:StateProvider"] = "Postgres", ["ConnectionStrings:Postgres"] = PostgresDatabase.ConnectionString,
        });

        // Checked while the silo is wired (the Kafka log is built from these settings), before the host starts.
        var error = Assert.ThrowsAny<ArgumentException>(() => api.CreateClient());

        Assert.Contains("Streams:Kafka:BootstrapServers is required", error.Message, StringComparison.Ordinal);
    }
}
