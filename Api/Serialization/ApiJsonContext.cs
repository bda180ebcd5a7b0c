using System.Text.Json.Serialization;
using StreamOrleans.Api.Counters.Contracts;
using StreamOrleans.Api.Health.Contracts;
using StreamOrleans.Api.Streams.Contracts;

namespace StreamOrleans.Api.Serialization;

/// <summary>
/// Source-generated JSON metadata for the API's requests and responses. Requests are read strictly: numbers must be
/// JSON numbers (no "5" for 5), no duplicate or unknown properties.
/// </summary>
[JsonSourceGenerationOptions(
    System.Text.Json.JsonSerializerDefaults.Web,
    NumberHandling = JsonNumberHandling.Strict,
    AllowDuplicateProperties = false)]
[JsonSerializable(typeof(IngestRequest))]
[JsonSerializable(typeof(IngestResponse))]
[JsonSerializable(typeof(TopicResponse))]
[JsonSerializable(typeof(SeekRequest))]
[JsonSerializable(typeof(SeekResponse))]
[JsonSerializable(typeof(DeadLettersResponse))]
[JsonSerializable(typeof(CounterResponse))]
[JsonSerializable(typeof(HealthResponse))]
public sealed partial class ApiJsonContext : JsonSerializerContext;
