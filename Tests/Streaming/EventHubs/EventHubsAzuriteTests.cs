using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Streaming.EventHubs;
using StreamOrleans.Streaming.EventHubs;
using StreamOrleans.Tests.Support;

namespace StreamOrleans.Tests.Streaming.EventHubs;

/// <summary>
/// What of Orleans' Event Hubs provider runs without a namespace: its checkpointer, as our registration configures it,
/// keeps each partition's offset in Azure Table storage (Azurite) across checkpointer instances (a silo restart or a
/// queue moving to another silo); and the Event Hubs client is created from our settings, with a connection string
/// or with the managed identity, without reaching Azure.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Azurite")]
public sealed class EventHubsAzuriteTests(AzuriteFixture fixture)
{
    [Fact]
    public async Task The_checkpointer_keeps_each_partitions_offset_in_table_storage_across_instances()
    {
        var table = AzuriteFixture.UniqueName("checkpoints");
        using var host = Build(Settings() with { CheckpointConnectionString = fixture.Azurite.ConnectionString, CheckpointTable = table });
        var factory = EventHubCheckpointerFactory.CreateFactory(host.Services, "log");

        var first = await factory.Create("0", CancellationToken.None);
        var nothingYet = await first.Load(CancellationToken.None);
        Assert.False(first.CheckpointExists, $"a checkpoint '{nothingYet}' exists before any was written");
        first.Update("1234", DateTime.UtcNow, CancellationToken.None);
        await first.FlushAsync(CancellationToken.None);
        var other = await factory.Create("1", CancellationToken.None);
        other.Update("77", DateTime.UtcNow, CancellationToken.None);
        await other.FlushAsync(CancellationToken.None);

        var again = await factory.Create("0", CancellationToken.None);
        Assert.Equal("1234", await again.Load(CancellationToken.None));
        Assert.True(again.CheckpointExists);
        Assert.Equal("77", await (await factory.Create("1", CancellationToken.None)).Load(CancellationToken.None));
    }

    [Fact]
    public async Task The_client_is_created_from_a_connection_string_or_a_namespace_with_the_managed_identity()
    {
        using var withKey = Build(Settings() with { CheckpointConnectionString = fixture.Azurite.ConnectionString });
        using var withIdentity = Build(Settings() with
        {
            ConnectionString = null,
            FullyQualifiedNamespace = "ns.servicebus.windows.net",
            CheckpointConnectionString = null,
            CheckpointTableServiceUri = new Uri("https://acct.table.core.windows.net"),
        });

        foreach (var settings in new[] { Settings(), Settings() with { ConnectionString = null, FullyQualifiedNamespace = "ns.servicebus.windows.net" } })
        {
            await using var connection = settings.CreateConnection();
            Assert.Equal(("ns.servicebus.windows.net", "orders"), (connection.FullyQualifiedNamespace, connection.EventHubName));
        }

        // Orleans' own validator (run when the silo starts) accepts the connection the registration configured.
        foreach (var host in new[] { withKey, withIdentity })
        {
            new EventHubOptionsValidator(host.Services.GetRequiredService<IOptionsMonitor<EventHubOptions>>().Get("log"), "log").ValidateConfiguration();
        }

        var checkpoints = withIdentity.Services.GetRequiredService<IOptionsMonitor<AzureTableStreamCheckpointerOptions>>().Get("log");
        Assert.Equal(new Uri("https://acct.table.core.windows.net"), checkpoints.TableServiceClient!.Uri);
    }

    private static IHost Build(EventHubsStreamOptions options)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Testing" });
        builder.UseOrleans(silo => silo.UseLocalhostClustering().AddStreamOrleansEventHubs("log", options));
        return builder.Build();
    }

    private static EventHubsStreamOptions Settings() => new()
    {
        ConnectionString = "Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=key;SharedAccessKey=c2VjcmV0",
        EventHubName = "orders",
        ConsumerGroup = "silos",
    };
}
