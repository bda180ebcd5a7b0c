using System.Text.Json;
using System.Text.Json.Serialization;
using StreamOrleans.Api.Http;

namespace StreamOrleans.Tests.Api.Http;

public partial class JsonErrorsTests
{
    [Theory]
    [InlineData("", "$", "")]
    [InlineData("", "$.events[3].key", "events[3].key")]
    [InlineData("events[3].value", "$.amount", "events[3].value.amount")]
    [InlineData("events[3].value", "$", "events[3].value")]
    [InlineData("events[3].value", "$[2]", "events[3].value[2]")]
    [InlineData("events[0].value", "$['odd.name']", "events[0].value['odd.name']")]
    public void Field_joins_a_prefix_and_a_json_path(string prefix, string path, string expected) =>
        Assert.Equal(expected, JsonErrors.Field(prefix, path));

    [Theory]
    [InlineData("""{"items":[{"count":"x"}]}""", "items[0].count", "must be an integer (32-bit)")]
    [InlineData("""{"items":[{"count":1,"when":"soon"}]}""", "items[0].when", "must be an ISO-8601 date and time")]
    [InlineData("""{"items":[{"count":1,"tags":{"a":1}}]}""", "items[0].tags.a", "must be a string")]
    [InlineData("{\"items\":\n[{\"count\":1,}]}", "body", "malformed JSON at line 2")]
    [InlineData("""{"items":[{}]}""", "items[0].count", "is required")]
    [InlineData("""{"items":{}}""", "items", "must be an array")]
    public void Deserialization_failures_name_the_field_and_the_expected_type(string json, string field, string reason)
    {
        var errors = new RequestErrors();

        Assert.Null(JsonErrors.TryDeserialize(System.Text.Encoding.UTF8.GetBytes(json), TestContext.Default.Envelope, errors));

        var found = errors.ToDictionary();
        Assert.True(found.ContainsKey(field), string.Join("; ", found.Select(f => $"{f.Key}: {string.Join(", ", f.Value)}")));
        Assert.Contains(found[field], r => r.StartsWith(reason, StringComparison.Ordinal));
    }

    public sealed record Envelope(IReadOnlyList<Item>? Items);

    public sealed record Item(int Count, DateTimeOffset? When, Dictionary<string, string>? Tags);

    [JsonSourceGenerationOptions(JsonSerializerDefaults.Web, RespectRequiredConstructorParameters = true)]
    [JsonSerializable(typeof(Envelope))]
    internal sealed partial class TestContext : JsonSerializerContext;
}
