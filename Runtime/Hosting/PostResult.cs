namespace StreamOrleans.Runtime.Hosting;

/// <summary>Outcome of offering a work item to an activation's mailbox without waiting.</summary>
internal enum PostResult
{
    /// <summary>Queued.</summary>
    Posted,

    /// <summary>The mailbox is full; wait for space.</summary>
    Full,

    /// <summary>The activation is deactivating; use a new activation once this one is gone.</summary>
    Closed,
}
