namespace StreamOrleans.Runtime.Placement;

/// <summary>A grain call that ran on another replica failed there; the message carries the remote error's type and text.</summary>
public sealed class RemoteGrainCallException : Exception
{
    public RemoteGrainCallException() { }

    public RemoteGrainCallException(string message) : base(message) { }

    public RemoteGrainCallException(string message, Exception innerException) : base(message, innerException) { }
}
