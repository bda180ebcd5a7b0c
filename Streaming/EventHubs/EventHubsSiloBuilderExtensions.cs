using Orleans.Configuration;
using Orleans.Hosting;

namespace StreamOrleans.Streaming.EventHubs;

/// <summary>Registers Orleans' Azure Event Hubs stream provider, validated, with its checkpoints in Azure Table storage.</summary>
public static class EventHubsSiloBuilderExtensions
{
    /// <summary>
    /// Adds stream provider <paramref name="name"/> on Event Hubs (implicit subscriptions only, as the log provider).
    /// Throws at once, naming every missing or bad setting, when <paramref name="options"/> are not valid.
    /// </summary>
    public static ISiloBuilder AddStreamOrleansEventHubs(this ISiloBuilder builder, string name, EventHubsStreamOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException($"The Event Hubs stream provider '{name}' cannot start: {string.Join("; ", errors)}.");
        }

        builder.AddEventHubStreams(name, stream =>
        {
            stream.ConfigureEventHub(hub => hub.Configure(o =>
                o.ConfigureEventHubConnection(options.CreateConnection, options.EventHubName!, options.ConsumerGroup)));
            stream.UseAzureTableCheckpointer(checkpoints => checkpoints.Configure(o =>
            {
                o.TableName = options.CheckpointTable;
                o.TableServiceClient = options.CreateCheckpointTableServiceClient();
            }));
            stream.ConfigureStreamPubSub(Orleans.Streams.StreamPubSubType.ImplicitOnly);
        });
        return builder;
    }
}
