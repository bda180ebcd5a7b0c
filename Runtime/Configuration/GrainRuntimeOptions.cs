using System.ComponentModel.DataAnnotations;

namespace StreamOrleans.Runtime.Configuration;

/// <summary>Activation, scheduling and call settings (configuration section "GrainRuntime").</summary>
public sealed class GrainRuntimeOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "GrainRuntime";

    /// <summary>An activation idle this long is deactivated (state flushed). Default 15 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00", ErrorMessage = "CollectionAge must be between 1 second and 7 days.")]
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often idle activations are looked for. Default 1 minute.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00", ErrorMessage = "CollectionQuantum must be between 100 ms and 1 day.")]
    public TimeSpan CollectionQuantum { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>A grain call that has not completed after this long fails with GrainCallTimeoutException. Default 30 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00", ErrorMessage = "CallTimeout must be between 10 ms and 1 hour.")]
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Capacity of each activation's mailbox; senders wait (back-pressure) when it is full. Default 1024.</summary>
    [Range(1, 1_000_000, ErrorMessage = "MailboxCapacity must be between 1 and 1,000,000.")]
    public int MailboxCapacity { get; set; } = 1024;

    /// <summary>Longest time OnDeactivateAsync and the final state flush may take. Default 30 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00", ErrorMessage = "DeactivationTimeout must be between 10 ms and 1 hour.")]
    public TimeSpan DeactivationTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
