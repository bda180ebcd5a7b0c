using System.Text.Json;
using Orleans.Storage;

namespace StreamOrleans.Persistence.AzureStorage;

/// <summary>
/// Grain state as System.Text.Json with web defaults, the format our group-commit stores write: a state blob reads the
/// same as a grain_state row (camelCase, no type names), and <see cref="AzureBlobStreamStateReset"/> finds the states
/// built from a topic by their <c>applied</c> positions.
/// </summary>
public sealed class WebJsonGrainStorageSerializer : IGrainStorageSerializer
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <inheritdoc />
    public BinaryData Serialize<T>(T? input) => new(JsonSerializer.SerializeToUtf8Bytes(input, Json));

    /// <inheritdoc />
    public T? Deserialize<T>(BinaryData input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return JsonSerializer.Deserialize<T>(input.ToMemory().Span, Json);
    }
}
