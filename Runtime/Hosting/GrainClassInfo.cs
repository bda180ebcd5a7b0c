using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using StreamOrleans.Runtime.Persistence;
using StreamOrleans.Runtime.Streams;

namespace StreamOrleans.Runtime.Hosting;

/// <summary>
/// What the runtime knows about one grain class: its type name, the persistent states its constructor asks for,
/// and its implicit stream subscriptions. Built once at start-up; creating an activation's object is then a
/// compiled factory call.
/// </summary>
public sealed class GrainClassInfo
{
    private readonly ObjectFactory _factory;
    private readonly Func<GrainActivation, object>[] _stateFactories;

    internal GrainClassInfo(Type classType)
    {
        ClassType = classType;
        TypeName = classType.Name;
        Interfaces = [.. classType.GetInterfaces().Where(i => i != typeof(IGrainWithStringKey) && typeof(IGrainWithStringKey).IsAssignableFrom(i))];

        var constructor = classType.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault()
            ?? throw new InvalidOperationException($"Grain class {classType.Name} has no public constructor.");
        var stateParameters = constructor.GetParameters()
            .Where(p => p.ParameterType.IsGenericType && p.ParameterType.GetGenericTypeDefinition() == typeof(IPersistentState<>))
            .ToArray();
        States = [.. stateParameters.Select(p => (Parameter: p, Attribute: p.GetCustomAttribute<PersistentStateAttribute>())).Select(x => new PersistentStateInfo(
            x.Parameter.ParameterType.GetGenericArguments()[0],
            x.Attribute?.StateName ?? x.Parameter.Name ?? "state",
            x.Attribute?.StorageName))];
        _stateFactories = [.. States.Select(PersistentStateFactory.Create)];
        _factory = ActivatorUtilities.CreateFactory(classType, [.. stateParameters.Select(p => p.ParameterType)]);
    }

    /// <summary>The implementation class.</summary>
    public Type ClassType { get; }

    /// <summary>Stable name used in grain ids and storage (the class name).</summary>
    public string TypeName { get; }

    /// <summary>Grain interfaces the class implements.</summary>
    public IReadOnlyList<Type> Interfaces { get; }

    /// <summary>Persistent states injected through the constructor, in parameter order.</summary>
    public IReadOnlyList<PersistentStateInfo> States { get; }

    /// <summary>Topics this grain consumes through implicit subscriptions (filled in by the stream registry).</summary>
    public IList<StreamSubscription> Subscriptions { get; } = [];

    internal Grain CreateInstance(GrainActivation activation)
    {
        var arguments = new object[_stateFactories.Length];
        for (var i = 0; i < arguments.Length; i++)
        {
            arguments[i] = _stateFactories[i](activation);
        }

        return (Grain)_factory(activation.Runtime.Services, arguments);
    }
}
