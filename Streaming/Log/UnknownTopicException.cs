namespace StreamOrleans.Streaming.Log;

/// <summary>Thrown when an operation names a topic that does not exist.</summary>
public sealed class UnknownTopicException : Exception
{
    public UnknownTopicException(string topic)
        : base($"Topic '{topic}' does not exist. Create it first, or check the name.") => Topic = topic;

    public UnknownTopicException() : this("") { }

    public UnknownTopicException(string message, Exception innerException) : base(message, innerException) => Topic = "";

    /// <summary>The topic that was named.</summary>
    public string Topic { get; }
}
