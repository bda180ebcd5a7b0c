using Microsoft.Extensions.DependencyInjection;
using StreamOrleans.Runtime.Hosting;

namespace StreamOrleans.Runtime.Persistence;

/// <summary>Builds, per constructor parameter, the delegate that creates its <see cref="PersistentState{TState}"/>.</summary>
internal static class PersistentStateFactory
{
    /// <summary>Storage provider name used when a state names none.</summary>
    public const string DefaultStorageName = "Default";

    public static Func<GrainActivation, object> Create(PersistentStateInfo info)
    {
        var method = typeof(PersistentStateFactory).GetMethod(nameof(CreateTyped), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(info.StateType);
        return (Func<GrainActivation, object>)method.Invoke(null, [info])!;
    }

    private static Func<GrainActivation, object> CreateTyped<TState>(PersistentStateInfo info)
        where TState : new() =>
        activation =>
        {
            var storage = activation.Runtime.Services.GetKeyedService<IGrainStorage>(info.StorageName ?? DefaultStorageName)
                ?? throw new InvalidOperationException(
                    $"Grain {activation.Id} asks for state '{info.StateName}' in storage '{info.StorageName ?? DefaultStorageName}', but no such storage provider is registered.");
            var state = new PersistentState<TState>(activation, info.StateName, storage);
            activation.AddState(state);
            return state;
        };
}
