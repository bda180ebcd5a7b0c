namespace StreamOrleans.Grains.Cameras.Imaging;

/// <summary>
/// The bytes are not an image we accept: not a JPEG, corrupt or truncated, or larger than the configured pixel limit.
/// Callers turn it into a ProblemDetails response or a dead letter; it never signals a bug in our code.
/// </summary>
public sealed class InvalidImageException : Exception
{
    public InvalidImageException()
    {
    }

    public InvalidImageException(string message)
        : base(message)
    {
    }

    public InvalidImageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
