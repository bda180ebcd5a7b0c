using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StreamOrleans.Silo.Telemetry;

namespace StreamOrleans.Tests.Silo.Telemetry;

/// <summary>
/// The OTLP collector comes from Telemetry:OtlpEndpoint, else from OpenTelemetry's standard variables, which Azure
/// Container Apps' managed OpenTelemetry agent sets in every replica (deploy/azure).
/// </summary>
public sealed class TelemetryOptionsTests
{
    [Fact]
    public void Standard_variables_name_the_collector_when_the_setting_is_absent()
    {
        var services = Build(new()
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://collector:4318",
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        });

        using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<IOptions<TelemetryOptions>>().Value;

        Assert.Equal((new Uri("http://collector:4318"), "http/protobuf"), (options.OtlpEndpoint, options.OtlpProtocol));
        Assert.True(ExportsLogs(services));
    }

    [Fact]
    public void The_setting_wins_over_the_standard_variables_and_nothing_is_exported_without_either()
    {
        var configured = Build(new()
        {
            ["Telemetry:OtlpEndpoint"] = "http://mine:4317",
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://collector:4318",
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        });
        var neither = Build([]);
        using var configuredProvider = configured.BuildServiceProvider();
        using var neitherProvider = neither.BuildServiceProvider();
        var options = configuredProvider.GetRequiredService<IOptions<TelemetryOptions>>().Value;

        Assert.Equal((new Uri("http://mine:4317"), "grpc"), (options.OtlpEndpoint, options.OtlpProtocol));
        Assert.Null(neitherProvider.GetRequiredService<IOptions<TelemetryOptions>>().Value.OtlpEndpoint);
        Assert.False(ExportsLogs(neither));
    }

    private static IServiceCollection Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddStreamOrleansTelemetry(configuration);
    }

    // With a collector, logs are exported too (the SDK's logger provider is registered).
    private static bool ExportsLogs(IServiceCollection services) =>
        services.Any(d => d.ServiceType == typeof(ILoggerProvider) && d.ImplementationType?.Name == "SdkLoggerProvider");
}
