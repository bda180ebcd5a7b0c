namespace StreamOrleans.Runtime;

/// <summary>A grain call did not complete within the configured call timeout.</summary>
public sealed class GrainCallTimeoutException : TimeoutException
{
    public GrainCallTimeoutException(GrainId grain, string method, TimeSpan timeout)
        : base($"Call to {method} on grain {grain} did not complete within {timeout.TotalSeconds:0.###} s " +
               "(the grain may be busy, blocked, or waiting on a call back into itself). " +
               "Raise GrainRuntime:CallTimeout if the work is legitimately long.")
    {
        Grain = grain;
        Method = method;
        Timeout = timeout;
    }

    public GrainCallTimeoutException() : this(default, "", TimeSpan.Zero) { }

    public GrainCallTimeoutException(string message) : base(message) => Method = "";

    public GrainCallTimeoutException(string message, Exception innerException) : base(message, innerException) => Method = "";

    /// <summary>The grain that was called.</summary>
    public GrainId Grain { get; }

    /// <summary>The interface method that was called.</summary>
    public string Method { get; }

    /// <summary>The timeout that elapsed.</summary>
    public TimeSpan Timeout { get; }
}
