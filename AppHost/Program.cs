using Microsoft.Extensions.DependencyInjection;
using StreamOrleans.AppHost;

// The whole local system: `scripts/run.sh [--camera-fps 2] [--replicas N] [--state-provider Postgres --postgres CS] [--log-provider Kafka --kafka HOST:PORT] [--demo false]`.
var builder = DistributedApplication.CreateBuilder(args);
if (SystemOptions.Read(builder.Configuration, out var errors) is not { } options)
{
    errors.ToList().ForEach(Console.Error.WriteLine);
    return 2;
}

var cluster = builder.AddOrleans("cluster").WithClusterId("streamorleans").WithServiceId("streamorleans").WithDevelopmentClustering();
var api = builder.AddProject<Projects.StreamOrleans_Api>("api")
    .WithReference(cluster)
    .WithHttpEndpoint(port: options.Port, name: "http")
    .WithHttpHealthCheck("/health")
    .WithEnvironment("Silo__DataDirectory", Path.GetFullPath(options.DataDirectory, Path.Combine(builder.AppHostDirectory, "..")))
    .WithEnvironment("Cluster__Clustering", options.Replicas == 1 ? "Localhost" : "Postgres")
    .WithEnvironment("Silo__LogProvider", options.LogProvider)
    .WithEnvironment("Silo__StateProvider", options.StateProvider)
    .WithReplicas(options.Replicas)
    // Aspire's development default is always_on, which records the requests of the demo's unsampled traces too: follow the caller.
    .WithEnvironment("OTEL_TRACES_SAMPLER", "parentbased_always_on");
if (options.UsesPostgres)
{
    builder.Configuration["ConnectionStrings:Postgres"] = options.Postgres;
    api.WithReference(builder.AddConnectionString("Postgres"));
}

if (options.Kafka is { } kafka)
{
    api.WithEnvironment("Streams__Kafka__BootstrapServers", kafka);
}

if (options.Demo)
{
    // The demo writes ~0.8 GB/h of counter and shopper events: keep an hour of them in the embedded log (README, Disk).
    api.WithEnvironment("Streams__Sqlite__RetentionAgeByTopic__counter-events", "01:00:00")
        .WithEnvironment("Streams__Sqlite__RetentionAgeByTopic__user-events", "01:00:00");
    builder.AddProject<Projects.StreamOrleans_Tools>("demo")
        .WithArgs("demo", "--rate", $"{options.Rate}", "--keys", $"{options.Keys}", "--camera-fps", $"{options.CameraFps}")
        // The demo sends hundreds of records a second: trace 1% of its requests, so the dashboard keeps the traces users send.
        .WithEnvironment("OTEL_TRACES_SAMPLER", "parentbased_traceidratio")
        .WithEnvironment("OTEL_TRACES_SAMPLER_ARG", "0.01")
        .WithReference(api)
        .WaitFor(api);
}

api.OnResourceReady((_, _, _) =>
{
    Console.WriteLine($"StreamOrleans is up ({options.Describe()}). Product dashboard: http://127.0.0.1:{options.Port}/dashboard/   API reference: http://127.0.0.1:{options.Port}/scalar/v1");
    return Task.CompletedTask;
});

// DCP stops every resource at once; the demo must stop first so the replicas' drain at stop reaches the log's end.
builder.Services.AddHostedService<ProducersStopFirst>();
builder.Build().Run();
return 0;
