using Microsoft.Extensions.Options;

namespace StreamOrleans.Streaming.Log.Kafka;

/// <summary>Validates <see cref="KafkaOptions"/> at start-up (ValidateOnStart) with <see cref="KafkaOptions.Validate"/>.</summary>
public sealed class KafkaOptionsValidator : IValidateOptions<KafkaOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, KafkaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
