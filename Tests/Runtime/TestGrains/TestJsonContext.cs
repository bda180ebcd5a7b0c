using System.Text.Json.Serialization;

namespace StreamOrleans.Tests.Runtime.TestGrains;

[JsonSerializable(typeof(TestState))]
[JsonSerializable(typeof(CounterTestEvent))]
[JsonSerializable(typeof(TagsTestEvent))]
internal sealed partial class TestJsonContext : JsonSerializerContext;
