using System.Collections.Concurrent;

namespace StreamOrleans.Runtime.Hosting;

/// <summary>
/// The directory of live activations in this process: at most one activation per grain id, created on first use,
/// removed when it has deactivated. Work for a grain whose activation is deactivating waits for it to finish
/// (state flushed) and goes to a fresh activation, so two activations of one grain never overlap.
/// </summary>
internal sealed class ActivationCatalog(GrainRuntime runtime)
{
    private readonly ConcurrentDictionary<GrainId, GrainActivation> _activations = new();
    private readonly ConcurrentDictionary<GrainId, Exception> _flushFailures = new();

    public int Count => _activations.Count;

    public IEnumerable<GrainActivation> Activations => _activations.Values;

    /// <summary>Queues <paramref name="item"/> on the grain's activation, creating it if needed; waits while the mailbox is full.</summary>
    public ValueTask PostAsync(GrainId id, GrainClassInfo classInfo, WorkItem item, CancellationToken cancellationToken = default)
    {
        var activation = GetOrCreate(id, classInfo);
        return activation.TryPost(item) == PostResult.Posted ? ValueTask.CompletedTask : PostSlowAsync(activation, id, classInfo, item, cancellationToken);
    }

    private async ValueTask PostSlowAsync(GrainActivation activation, GrainId id, GrainClassInfo classInfo, WorkItem item, CancellationToken cancellationToken)
    {
        while (!await activation.PostAsync(item, cancellationToken))
        {
            // Closed: let the old activation finish (it flushes its state), then use a new one.
            await activation.Deactivated.WaitAsync(cancellationToken);
            _activations.TryRemove(new KeyValuePair<GrainId, GrainActivation>(id, activation));
            activation = GetOrCreate(id, classInfo);
        }
    }

    public GrainActivation GetOrCreate(GrainId id, GrainClassInfo classInfo)
    {
        if (!_activations.TryGetValue(id, out var activation))
        {
            activation = _activations.GetOrAdd(id, static (key, state) => new GrainActivation(state.runtime, state.classInfo, key), (runtime, classInfo));
        }

        activation.EnsureStarted();
        return activation;
    }

    public GrainActivation? TryGet(GrainId id) => _activations.TryGetValue(id, out var activation) ? activation : null;

    public void Remove(GrainActivation activation) =>
        _activations.TryRemove(new KeyValuePair<GrainId, GrainActivation>(activation.Id, activation));

    /// <summary>Deactivates every activation idle for at least the collection age. Returns how many were deactivated.</summary>
    public async Task<int> CollectIdleAsync()
    {
        var now = runtime.TimeProvider.GetTimestamp();
        var age = runtime.Options.CollectionAge;
        var victims = _activations.Values.Where(a => a.IsIdle(now, age)).ToList();
        foreach (var activation in victims)
        {
            activation.StartDeactivation(DeactivationReason.IdleCollection);
        }

        await Task.WhenAll(victims.Select(a => a.Deactivated));
        return victims.Count;
    }

    /// <summary>Deactivates the given activations (or all) and waits until they are gone.</summary>
    public async Task DeactivateAsync(Func<GrainActivation, bool> predicate, DeactivationReason reason)
    {
        var victims = _activations.Values.Where(predicate).ToList();
        foreach (var activation in victims)
        {
            activation.StartDeactivation(reason);
        }

        await Task.WhenAll(victims.Select(a => a.Deactivated));
    }

    public void RecordFlushFailure(GrainId id, Exception error) => _flushFailures[id] = error;

    /// <summary>Takes (and forgets) the error of a failed final flush of <paramref name="id"/>, if there was one.</summary>
    public Exception? TakeFlushFailure(GrainId id) => _flushFailures.TryRemove(id, out var error) ? error : null;
}
