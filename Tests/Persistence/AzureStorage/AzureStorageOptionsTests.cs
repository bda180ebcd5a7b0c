using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Azure.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using StreamOrleans.Persistence.AzureStorage;
using StreamOrleans.Silo;

namespace StreamOrleans.Tests.Persistence.AzureStorage;

/// <summary>
/// The Azure Storage settings are checked before the silo starts, every problem named with the setting and what would be
/// accepted; a service URI (managed identity) gives a client of that account without any call to Azure; a Blob request
/// that gets no answer is given up after Storage:AzureBlob:NetworkTimeout and tried again.
/// </summary>
public sealed class AzureStorageOptionsTests
{
    [Fact]
    public void Blob_state_needs_exactly_one_of_a_connection_string_and_a_service_uri_and_a_valid_container()
    {
        var none = new AzureBlobStateOptions { ContainerName = "Bad_Name" }.Validate();
        var both = new AzureBlobStateOptions { ConnectionString = "UseDevelopmentStorage=true", ServiceUri = new Uri("https://acct.blob.core.windows.net") }.Validate();
        var relative = new AzureBlobStateOptions { ServiceUri = new Uri("acct", UriKind.Relative) }.Validate();

        Assert.Equal(2, none.Count);
        Assert.Contains("set exactly one of Storage:AzureBlob:ConnectionString", none[0], StringComparison.Ordinal);
        Assert.Contains("Storage:AzureBlob:ServiceUri (\"https://<account>.blob.core.windows.net\"", none[0], StringComparison.Ordinal);
        Assert.Contains("Storage:AzureBlob:ContainerName must be 3-63 lower-case letters", none[1], StringComparison.Ordinal);
        Assert.Contains("'Bad_Name'", none[1], StringComparison.Ordinal);
        Assert.EndsWith(", not both", Assert.Single(both), StringComparison.Ordinal);
        Assert.Contains("Storage:AzureBlob:ServiceUri must be an absolute http(s) URI", Assert.Single(relative), StringComparison.Ordinal);
        Assert.Empty(new AzureBlobStateOptions { ServiceUri = new Uri("https://acct.blob.core.windows.net") }.Validate());
    }

    [Fact]
    public void Blob_network_timeout_defaults_to_10_s_and_must_be_between_1_s_and_10_min()
    {
        var valid = new AzureBlobStateOptions { ServiceUri = new Uri("https://acct.blob.core.windows.net") };
        var client = AzureStorageSiloBuilderExtensions.BlobClientOptions(valid);

        Assert.Equal(TimeSpan.FromSeconds(10), valid.NetworkTimeout);
        Assert.Equal(TimeSpan.FromSeconds(10), client.Retry.NetworkTimeout);
        // The SDK's retry policy as the documented worst case (6 tries x 10 s + ~25 s backoff < MaxDeliveryTime) assumes.
        Assert.Equal((5, TimeSpan.FromSeconds(0.8), RetryMode.Exponential), (client.Retry.MaxRetries, client.Retry.Delay, client.Retry.Mode));
        Assert.Contains("Storage:AzureBlob:NetworkTimeout must be between 00:00:01 and 00:10:00 (got '00:00:00.5000000')",
            Assert.Single(new AzureBlobStateOptions { ServiceUri = valid.ServiceUri, NetworkTimeout = TimeSpan.FromSeconds(0.5) }.Validate()), StringComparison.Ordinal);
        Assert.Single(new AzureBlobStateOptions { ServiceUri = valid.ServiceUri, NetworkTimeout = TimeSpan.FromMinutes(11) }.Validate());
    }

    [Fact]
    public async Task A_blob_write_that_gets_no_answer_is_tried_again_after_the_network_timeout()
    {
        // A "storage account" that accepts connections and takes requests but never answers (a hung server or a dead path).
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var stop = new CancellationTokenSource();
        var tries = Channel.CreateUnbounded<TimeSpan>();
        var clock = Stopwatch.StartNew();
        var accepting = Task.Run(async () =>
        {
            var held = new List<Socket>();
            try
            {
                while (true)
                {
                    held.Add(await listener.AcceptSocketAsync(stop.Token));
                    tries.Writer.TryWrite(clock.Elapsed);
                }
            }
            catch (OperationCanceledException)
            {
                held.ForEach(socket => socket.Dispose());
            }
        });
        var options = new AzureBlobStateOptions
        {
            ConnectionString = $"DefaultEndpointsProtocol=http;AccountName=acct;AccountKey={Convert.ToBase64String(new byte[64])};" +
                $"BlobEndpoint=http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/acct;",
            NetworkTimeout = TimeSpan.FromSeconds(1),
        };
        var blob = AzureStorageSiloBuilderExtensions.CreateBlobServiceClient(options).GetBlobContainerClient("grainstate").GetBlobClient("counter-x.json");
        using var giveUp = new CancellationTokenSource();

        var started = clock.Elapsed;
        var upload = blob.UploadAsync(BinaryData.FromString("{}"), giveUp.Token);
        await tries.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        var second = await tries.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<Exception>(() => upload); // cancelled (with the timed-out first try in an AggregateException)
        await stop.CancelAsync();
        await accepting;

        // The first try was given up after 1 s and retried after the SDK's first backoff (0.8 s +-20%): not after 100 s.
        // Measured from the upload's start: an accept time is when the loop above got to the connection, which on a
        // busy machine can be long after the client connected (it once made the first try look 0.8 s before the second).
        Assert.InRange(second - started, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Table_clustering_needs_exactly_one_of_a_connection_string_and_a_service_uri_and_a_valid_table()
    {
        var errors = new AzureTableClusteringOptions { TableName = "1x" }.Validate();

        Assert.Equal(2, errors.Count);
        Assert.Contains("set exactly one of Cluster:AzureTable:ConnectionString", errors[0], StringComparison.Ordinal);
        Assert.Contains("Cluster:AzureTable:ServiceUri (\"https://<account>.table.core.windows.net\"", errors[0], StringComparison.Ordinal);
        Assert.Contains("Cluster:AzureTable:TableName must be 3-63 letters or digits starting with a letter (got '1x')", errors[1], StringComparison.Ordinal);
        Assert.Empty(new AzureTableClusteringOptions { ConnectionString = "UseDevelopmentStorage=true" }.Validate());
    }

    [Fact]
    public void A_service_uri_gives_clients_of_that_account_with_the_managed_identity()
    {
        var blobs = AzureStorageSiloBuilderExtensions.CreateBlobServiceClient(new AzureBlobStateOptions { ServiceUri = new Uri("https://acct.blob.core.windows.net") });
        var tables = AzureStorageSiloBuilderExtensions.CreateTableServiceClient(null, new Uri("https://acct.table.core.windows.net"));

        Assert.Equal(("acct", "https://acct.blob.core.windows.net/"), (blobs.AccountName, blobs.Uri.ToString()));
        Assert.Equal(("acct", "https://acct.table.core.windows.net/"), (tables.AccountName, tables.Uri.ToString()));
    }

    [Fact]
    public void A_silo_on_blob_state_without_settings_stops_naming_them()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Build(new() { ["Silo:StateProvider"] = "AzureBlob" }));

        Assert.Contains("grain storage 'grains' on Azure Blob storage cannot start", error.Message, StringComparison.Ordinal);
        Assert.Contains("Storage:AzureBlob:ConnectionString", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_silo_on_table_clustering_needs_shared_state_and_table_settings()
    {
        var sqlite = Assert.Throws<InvalidOperationException>(() => Build(new() { ["Cluster:Clustering"] = "AzureTable" }));
        var noTable = Assert.Throws<InvalidOperationException>(() => Build(new()
        {
            ["Cluster:Clustering"] = "AzureTable",
            ["Silo:StateProvider"] = "AzureBlob",
            ["Storage:AzureBlob:ConnectionString"] = "UseDevelopmentStorage=true",
        }));

        Assert.Contains("Cluster:Clustering=AzureTable forms a cluster of machines, so grain state must be shared: set Silo:StateProvider=Postgres or AzureBlob", sqlite.Message, StringComparison.Ordinal);
        Assert.Contains("Azure Table clustering cannot start: set exactly one of Cluster:AzureTable:ConnectionString", noTable.Message, StringComparison.Ordinal);
    }

    // UseOrleans runs its configuration delegate while the host is built.
    private static void Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddStreamOrleansSilo();
        using var host = builder.Build();
    }
}
