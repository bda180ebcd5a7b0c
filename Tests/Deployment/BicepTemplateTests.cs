using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using StreamOrleans.Api.Configuration;
using StreamOrleans.Api.Dashboard;
using StreamOrleans.Grains;
using StreamOrleans.Persistence.AzureStorage;
using StreamOrleans.Streaming.Log.Kafka;
using StreamOrleans.Silo;
using StreamOrleans.Silo.Configuration;
using StreamOrleans.Streaming.Configuration;
using StreamOrleans.Streaming.EventHubs;
using StreamOrleans.Tests.Support;

namespace StreamOrleans.Tests.Deployment;

/// <summary>
/// deploy/azure/main.bicep, checked without Azure: it compiles with the Bicep CLI (NuGet Azure.Bicep.CommandLine.linux-x64,
/// restored by the test project's PackageDownload) with no error or warning and has the pieces the deployment needs;
/// every environment variable it gives the container is a setting the app binds; with exactly those settings (for
/// either way of carrying streams) the silo's start-up validation passes, so nothing the app reads at start is missing;
/// and every topic the grains use has an event hub.
/// </summary>
public sealed partial class BicepTemplateTests
{
    private const string BicepVersion = "0.49.2";
    private static readonly string Template = Path.Combine(RepositoryPaths.Root, "deploy", "azure", "main.bicep");

    [Fact]
    [Trait("Category", "Process")]
    public async Task Template_compiles_without_warnings_into_the_resources_the_deployment_needs()
    {
        var (exitCode, json, errors) = await RunBicepAsync("build", Template, "--stdout");

        Assert.True(exitCode == 0, $"bicep build failed ({exitCode}): {errors}");
        Assert.True(errors.Trim().Length == 0, $"bicep build reported: {errors}");
        using var arm = JsonDocument.Parse(json);
        var resources = arm.RootElement.GetProperty("resources").EnumerateArray().ToList();
        var types = resources.Select(r => r.GetProperty("type").GetString()).ToHashSet();
        foreach (var type in new[]
        {
            "Microsoft.App/managedEnvironments", "Microsoft.App/containerApps", "Microsoft.ManagedIdentity/userAssignedIdentities",
            "Microsoft.OperationalInsights/workspaces", "Microsoft.Insights/components", "Microsoft.Storage/storageAccounts",
            "Microsoft.Storage/storageAccounts/blobServices/containers", "Microsoft.Storage/storageAccounts/tableServices/tables",
            "Microsoft.EventHub/namespaces", "Microsoft.EventHub/namespaces/eventhubs", "Microsoft.Authorization/roleAssignments",
        })
        {
            Assert.Contains(type, types);
        }

        var app = resources.Single(r => r.GetProperty("type").GetString() == "Microsoft.App/containerApps").GetProperty("properties");
        var ports = app.GetProperty("configuration").GetProperty("ingress").GetProperty("additionalPortMappings").EnumerateArray()
            .Select(p => (p.GetProperty("external").GetBoolean(), p.GetProperty("targetPort").ToString())).ToList();
        Assert.Equal([(false, "[variables('siloPort')]"), (false, "[variables('gatewayPort')]")], ports);
        var probes = app.GetProperty("template").GetProperty("containers")[0].GetProperty("probes").EnumerateArray()
            .Select(p => (p.GetProperty("type").GetString(), p.GetProperty("httpGet").GetProperty("path").GetString())).ToList();
        Assert.Equal([("Startup", "/health/live"), ("Liveness", "/health/live"), ("Readiness", "/health/ready")], probes);
        Assert.Equal("UserAssigned", resources.Single(r => r.GetProperty("type").GetString() == "Microsoft.App/containerApps").GetProperty("identity").GetProperty("type").GetString());

        // main.parameters.json only gives parameters the template declares (a stale name fails the deployment).
        var declared = arm.RootElement.GetProperty("parameters").EnumerateObject().Select(p => p.Name).ToHashSet();
        using var parameters = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "deploy", "azure", "main.parameters.json")));
        Assert.All(parameters.RootElement.GetProperty("parameters").EnumerateObject(), p => Assert.Contains(p.Name, declared));
    }

    [Theory]
    [InlineData("Kafka")]
    [InlineData("EventHubs")]
    public void Every_setting_the_app_reads_at_start_is_provided_by_the_template(string streams)
    {
        var source = File.ReadAllText(Template);
        Assert.Contains("env: concat(commonEnv, streams == 'Kafka' ? kafkaEnv : eventHubsEnv)", source, StringComparison.Ordinal);
        var env = EnvArray(source, "commonEnv").Concat(EnvArray(source, streams == "Kafka" ? "kafkaEnv" : "eventHubsEnv")).ToList();

        // Every variable is a setting the app binds (a misspelt name would be silently ignored).
        var known = KnownSettings();
        var unknown = env.Select(e => e.Name.Replace("__", ":", StringComparison.Ordinal)).Where(k => !known.Contains(k)).ToList();
        Assert.True(unknown.Count == 0, $"the template sets settings the app does not read: {string.Join(", ", unknown)}");
        Assert.Equal(env.Count, env.Select(e => e.Name).Distinct().Count());

        // With exactly these settings, the silo wires every provider and its options validate: nothing required is missing.
        var settings = env.ToDictionary(e => e.Name.Replace("__", ":", StringComparison.Ordinal), e => (string?)Sample(e));
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddStreamOrleansSilo();
        using var host = builder.Build();
        var silo = host.Services.GetRequiredService<IOptions<SiloOptions>>().Value;
        var cluster = host.Services.GetRequiredService<IOptions<OrleansSiloOptions>>().Value;

        Assert.Equal((streams, "AzureBlob"), (silo.LogProvider, silo.StateProvider));
        Assert.Equal(("AzureTable", 11111, 30000), (cluster.Clustering, cluster.SiloPort, cluster.GatewayPort));
        Assert.Contains(env, e => e.Name == "Api__ApiKey" && e.SecretRef == "api-key");
        Assert.Contains(env, e => e.Name == "AZURE_CLIENT_ID");
        Assert.Empty(Validate<AzureBlobStateOptions>(settings, AzureBlobStateOptions.SectionName).Validate());
        Assert.Empty(Validate<AzureTableClusteringOptions>(settings, AzureTableClusteringOptions.SectionName).Validate());
        if (streams == "EventHubs")
        {
            Assert.Empty(Validate<EventHubsStreamOptions>(settings, EventHubsStreamOptions.SectionName).Validate());
        }
        else
        {
            Validate<KafkaOptions>(settings, KafkaOptions.SectionName).ThrowIfInvalid(KafkaOptions.SectionName);
        }
    }

    [Fact]
    public void Every_topic_the_grains_use_and_the_dead_letter_topic_has_an_event_hub()
    {
        var topics = TopicsParameter().Matches(File.ReadAllText(Template)).Single().Groups[1].Value
            .Split(',').Select(t => t.Trim().Trim('\'')).ToHashSet();

        var needed = GrainStreamTopics.All.Select(t => t.Name).Append(new LogStreamOptions().DeadLetterTopic).ToHashSet();

        Assert.Equal(needed.Order(), topics.Order());
    }

    // Section:Property of every options class the silo and the API bind, and the host's own variables.
    private static HashSet<string> KnownSettings()
    {
        var known = new HashSet<string>(StringComparer.Ordinal) { "ASPNETCORE_ENVIRONMENT", "ASPNETCORE_HTTP_PORTS", "AZURE_CLIENT_ID", "OTEL_SERVICE_NAME", Microsoft.Extensions.Hosting.ServiceDefaultsExtensions.TelemetryEnabledKey };
        foreach (var type in new[]
        {
            typeof(SiloOptions), typeof(OrleansSiloOptions), typeof(AzureBlobStateOptions), typeof(AzureTableClusteringOptions),
            typeof(LogStreamOptions), typeof(KafkaOptions), typeof(EventHubsStreamOptions),
            typeof(ApiOptions), typeof(DashboardOptions),
        })
        {
            var section = (string)type.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
            {
                known.Add($"{section}:{property.Name}");
            }
        }

        return known;
    }

    private static T Validate<T>(Dictionary<string, string?> settings, string section)
        where T : new() =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection(section).Get<T>() ?? new T();

    // Literal values as the template gives them; values Azure computes at deployment (endpoints, ids, secrets) get a
    // sample of the same shape.
    private static string Sample((string Name, string? Value, string? SecretRef) variable) => variable switch
    {
        { SecretRef: not null } => $"secret-{variable.SecretRef}",
        { Value: ['\'', .. var literal, '\''] } when !literal.Contains("${", StringComparison.Ordinal) => literal,
        { Value: "string(siloPort)" } => "11111",
        { Value: "string(gatewayPort)" } => "30000",
        { Value: "string(partitions)" } => "8",
        { Name: var n } when n.EndsWith("ServiceUri", StringComparison.Ordinal) && n.Contains("Blob", StringComparison.Ordinal) => "https://acct.blob.core.windows.net/",
        { Name: var n } when n.EndsWith("ServiceUri", StringComparison.Ordinal) => "https://acct.table.core.windows.net/",
        { Value: ['\'', .. var interpolated, '\''] } => interpolated.Replace("${eventHubsName}", "streamorl-eh-x", StringComparison.Ordinal),
        _ => "sample",
    };

    // The { name: ..., value: ... } / { name: ..., secretRef: ... } entries of "var NAME = [ ... ]".
    private static List<(string Name, string? Value, string? SecretRef)> EnvArray(string source, string variable)
    {
        var start = source.IndexOf($"var {variable} = [", StringComparison.Ordinal);
        Assert.True(start >= 0, $"var {variable} not found in main.bicep");
        var end = source.IndexOf("\n]", start, StringComparison.Ordinal);
        return [.. EnvEntry().Matches(source[start..end]).Select(m => (
            m.Groups["name"].Value,
            m.Groups["value"].Success ? m.Groups["value"].Value.Trim() : null,
            m.Groups["secret"].Success ? m.Groups["secret"].Value : null))];
    }

    private static async Task<(int ExitCode, string Output, string Errors)> RunBicepAsync(params string[] arguments)
    {
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var bicep = Path.Combine(packages, "azure.bicep.commandline.linux-x64", BicepVersion, "tools", "bicep");
        Assert.True(File.Exists(bicep), $"{bicep} is missing: restore the test project (its PackageDownload brings Azure.Bicep.CommandLine.linux-x64 {BicepVersion}).");
        if (!OperatingSystem.IsWindows() && !File.GetUnixFileMode(bicep).HasFlag(UnixFileMode.UserExecute))
        {
            File.SetUnixFileMode(bicep, File.GetUnixFileMode(bicep) | UnixFileMode.UserExecute);
        }

        var info = new ProcessStartInfo(bicep, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(info) ?? throw new InvalidOperationException("bicep did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        return (process.ExitCode, await output, await errors);
    }

    [GeneratedRegex(@"\{\s*name:\s*'(?<name>[^']+)',?\s*(?:value:\s*(?<value>'[^']*'|[^'{}\n]+?)|secretRef:\s*'(?<secret>[^']+)')\s*\}")]
    private static partial Regex EnvEntry();

    [GeneratedRegex(@"param topics array = \[(.*?)\]")]
    private static partial Regex TopicsParameter();
}
