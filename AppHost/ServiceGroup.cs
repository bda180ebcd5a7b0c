namespace StreamOrleans.AppHost;

/// <summary>Stops every started process (last started first) when the AppHost leaves, whatever the path out.</summary>
internal sealed class ServiceGroup(IEnumerable<ServiceProcess> processes) : IAsyncDisposable
{
    private readonly List<ServiceProcess> _processes = [.. processes];

    public async ValueTask DisposeAsync()
    {
        foreach (var process in Enumerable.Reverse(_processes))
        {
            await process.DisposeAsync();
        }
    }
}
