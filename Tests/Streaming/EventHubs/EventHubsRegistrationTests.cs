using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Hosting;
using StreamOrleans.Streaming.EventHubs;
using StreamOrleans.Tests.Support;

namespace StreamOrleans.Tests.Streaming.EventHubs;

/// <summary>
/// Orleans' Event Hubs provider chosen by configuration: no namespace is reachable here, so what is tested is the
/// validation (every missing setting named) and the registration (the options Orleans' provider will use).
/// </summary>
public sealed class EventHubsRegistrationTests
{
    [Fact]
    public void Empty_settings_name_every_missing_setting()
    {
        var errors = new EventHubsStreamOptions().Validate();

        Assert.Equal(3, errors.Count);
        Assert.Contains(errors, e => e.Contains("Streams:EventHubs:ConnectionString", StringComparison.Ordinal) && e.Contains("FullyQualifiedNamespace", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Streams:EventHubs:EventHubName is not set", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Streams:EventHubs:CheckpointConnectionString", StringComparison.Ordinal));
    }

    [Fact]
    public void Both_a_connection_string_and_a_namespace_or_a_bad_table_name_are_refused()
    {
        var errors = Valid() with { FullyQualifiedNamespace = "ns.servicebus.windows.net" };
        Assert.Single(errors.Validate(), e => e.Contains("exactly one of Streams:EventHubs:ConnectionString", StringComparison.Ordinal));
        Assert.Single((Valid() with { CheckpointTable = "1-bad" }).Validate(), e => e.Contains("'1-bad'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_valid_configuration_registers_Orleans_provider_with_its_table_checkpointer()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleans(silo => silo.UseLocalhostClustering().AddStreamOrleansEventHubs("log", Valid()));
        using var host = builder.Build();

        // Orleans' own validator (run when the silo starts) accepts the connection our settings configured.
        var hub = host.Services.GetRequiredService<IOptionsMonitor<EventHubOptions>>().Get("log");
        new EventHubOptionsValidator(hub, "log").ValidateConfiguration();
        Assert.Throws<Orleans.Runtime.OrleansConfigurationException>(() => new EventHubOptionsValidator(new EventHubOptions(), "log").ValidateConfiguration());
        Assert.Equal("streamcheckpoints", host.Services.GetRequiredService<IOptionsMonitor<AzureTableStreamCheckpointerOptions>>().Get("log").TableName);
    }

    [Fact]
    [Trait("Category", "Process")]
    public async Task A_silo_asked_for_Event_Hubs_without_settings_stops_naming_them()
    {
        using var directory = new TempDirectory();
        await using var silo = ChildProcess.StartDotnet(RepositoryPaths.ProjectAssembly("Silo", "StreamOrleans.Silo"), [
            "--Silo:LogProvider=EventHubs", $"--Silo:DataDirectory={directory.Path}",
            "--Streams:EventHubs:ConnectionString=Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=k;SharedAccessKey=s",
        ]);

        await silo.WaitForExitAsync(TimeSpan.FromSeconds(60));
        Assert.NotEqual(0, silo.ExitCode);
        Assert.Contains("Streams:EventHubs:EventHubName is not set", silo.Errors, StringComparison.Ordinal);
        Assert.Contains("Streams:EventHubs:CheckpointConnectionString", silo.Errors, StringComparison.Ordinal);
    }

    private static EventHubsStreamOptions Valid() => new()
    {
        ConnectionString = "Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=key;SharedAccessKey=c2VjcmV0",
        EventHubName = "orders",
        ConsumerGroup = "silos",
        CheckpointConnectionString = "UseDevelopmentStorage=true",
    };
}
