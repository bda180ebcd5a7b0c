namespace StreamOrleans.Runtime.Hosting;

/// <summary>Life cycle of an activation.</summary>
internal enum ActivationStatus
{
    Activating,
    Valid,
    Deactivating,
    Deactivated,
}
