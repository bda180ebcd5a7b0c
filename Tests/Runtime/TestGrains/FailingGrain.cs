using StreamOrleans.Runtime;

namespace StreamOrleans.Tests.Runtime.TestGrains;

public sealed class FailingGrain : Grain, IFailingGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken) =>
        GetPrimaryKeyString().StartsWith("bad", StringComparison.Ordinal)
            ? throw new InvalidOperationException("refusing to activate")
            : Task.CompletedTask;

    public Task<string> PingAsync() => Task.FromResult("pong " + GetPrimaryKeyString());
}
