namespace StreamOrleans.Streaming.Log;

/// <summary>Why a record went to the dead-letter topic.</summary>
public enum DeadLetterKind
{
    /// <summary>The value could not be decoded as the subscriber's event type.</summary>
    Undecodable,

    /// <summary>The value decoded but failed validation.</summary>
    Invalid,

    /// <summary>The grain kept failing on it after the configured retries.</summary>
    Failed,
}
