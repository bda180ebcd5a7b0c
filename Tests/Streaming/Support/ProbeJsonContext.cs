using System.Text.Json.Serialization;

namespace StreamOrleans.Tests.Streaming.Support;

[JsonSerializable(typeof(ProbeEvent))]
internal sealed partial class ProbeJsonContext : JsonSerializerContext;
