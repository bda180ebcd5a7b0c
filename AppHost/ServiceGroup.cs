namespace StreamOrleans.AppHost;

/// <summary>Stops every started process (last started first) when the AppHost leaves, whatever the path out.</summary>
internal sealed class ServiceGroup : IAsyncDisposable
{
    private readonly List<ServiceProcess> _processes = [];

    /// <summary>Stops <paramref name="process"/> with the group (before those added earlier).</summary>
    public void Add(ServiceProcess process) => _processes.Add(process);

    public async ValueTask DisposeAsync()
    {
        foreach (var process in Enumerable.Reverse(_processes))
        {
            await process.DisposeAsync();
        }
    }
}
