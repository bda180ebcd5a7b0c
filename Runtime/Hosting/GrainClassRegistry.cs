using System.Reflection;

namespace StreamOrleans.Runtime.Hosting;

/// <summary>Finds grain classes in the registered assemblies and maps each grain interface to its one implementation.</summary>
public sealed class GrainClassRegistry
{
    private readonly Dictionary<Type, GrainClassInfo> _byInterface = [];
    private readonly Dictionary<string, GrainClassInfo> _byTypeName = new(StringComparer.Ordinal);

    /// <summary>Scans <paramref name="assemblies"/> for non-abstract subclasses of <see cref="Grain"/>.</summary>
    /// <exception cref="InvalidOperationException">Two classes implement the same grain interface or share a name.</exception>
    public GrainClassRegistry(IEnumerable<Assembly> assemblies)
    {
        ArgumentNullException.ThrowIfNull(assemblies);
        foreach (var type in assemblies.Distinct().SelectMany(a => a.GetTypes()).Where(t => t.IsClass && !t.IsAbstract && typeof(Grain).IsAssignableFrom(t)))
        {
            var info = new GrainClassInfo(type);
            if (!_byTypeName.TryAdd(info.TypeName, info))
            {
                throw new InvalidOperationException($"Two grain classes are named {info.TypeName} ({type.FullName} and {_byTypeName[info.TypeName].ClassType.FullName}); grain type names must be unique.");
            }

            foreach (var grainInterface in info.Interfaces)
            {
                if (!_byInterface.TryAdd(grainInterface, info))
                {
                    throw new InvalidOperationException($"Grain interface {grainInterface.Name} is implemented by both {type.Name} and {_byInterface[grainInterface].ClassType.Name}; each grain interface needs exactly one implementation.");
                }
            }
        }
    }

    /// <summary>Every registered grain class.</summary>
    public IEnumerable<GrainClassInfo> Classes => _byTypeName.Values;

    /// <summary>The class implementing <paramref name="grainInterface"/>.</summary>
    /// <exception cref="InvalidOperationException">None is registered.</exception>
    public GrainClassInfo GetByInterface(Type grainInterface) =>
        _byInterface.TryGetValue(grainInterface, out var info)
            ? info
            : throw new InvalidOperationException($"No grain class implements {grainInterface.Name}. Register its assembly with AddGrains(typeof(SomeGrain).Assembly).");

    /// <summary>The class with grain type name <paramref name="typeName"/>, or null.</summary>
    public GrainClassInfo? FindByTypeName(string typeName) => _byTypeName.GetValueOrDefault(typeName);
}
