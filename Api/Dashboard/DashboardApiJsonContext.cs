using System.Text.Json.Serialization;
using StreamOrleans.Api.Dashboard.Contracts;

namespace StreamOrleans.Api.Dashboard;

/// <summary>Source-generated JSON metadata for the dashboard's responses.</summary>
[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(SystemSnapshot))]
[JsonSerializable(typeof(DashboardFeatures))]
public sealed partial class DashboardApiJsonContext : JsonSerializerContext;
