using System.Reflection;

namespace StreamOrleans.Runtime.Hosting;

/// <summary>
/// The object behind a grain reference. Each interface call becomes a request in the target's mailbox; the
/// caller gets a task that completes when the grain's turn does (or fails after the call timeout).
/// </summary>
#pragma warning disable CA1852 // DispatchProxy needs a non-sealed proxy type
public class GrainReferenceProxy : DispatchProxy
#pragma warning restore CA1852
{
    private GrainRuntime? _runtime;
    private GrainClassInfo? _classInfo;

    /// <summary>The grain this reference points at.</summary>
    public GrainId GrainId { get; private set; }

    internal void Bind(GrainRuntime runtime, GrainId id, GrainClassInfo classInfo)
    {
        _runtime = runtime;
        GrainId = id;
        _classInfo = classInfo;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        return GrainMethodInvoker.For(targetMethod).Invoke(_runtime!, GrainId, _classInfo!, args);
    }

    /// <inheritdoc />
    public override string ToString() => $"GrainReference({GrainId})";
}
