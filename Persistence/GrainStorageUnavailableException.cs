namespace StreamOrleans.Persistence;

/// <summary>
/// The grain state store (SQLite or PostgreSQL) is briefly unavailable: a restart, a broken connection. It replaces
/// the driver's exception, which Orleans cannot serialize: a grain call to another silo whose activation failed to read
/// its state arrived as "Could not find a codec for type Npgsql.NpgsqlException" (found by the chaos harness). The
/// driver's message is kept in <see cref="Exception.Message"/>; the API answers it with 503 and Retry-After.
/// </summary>
[GenerateSerializer]
public sealed class GrainStorageUnavailableException : Exception
{
    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    public GrainStorageUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public GrainStorageUnavailableException()
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/> and <paramref name="innerException"/> (not sent across silos).</summary>
    public GrainStorageUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
