using System.Reflection;

namespace StreamOrleans.Runtime.Hosting;

/// <summary>Creates grain references: proxies whose calls are queued to the target activation's mailbox.</summary>
internal sealed class GrainFactory(GrainRuntime runtime) : IGrainFactory
{
    public TGrainInterface GetGrain<TGrainInterface>(string key)
        where TGrainInterface : IGrainWithStringKey
    {
        if (GrainId.ValidateKey(key) is { } reason)
        {
            throw new ArgumentException($"Invalid grain key for {typeof(TGrainInterface).Name}: {reason}.", nameof(key));
        }

        var classInfo = runtime.Registry.GetByInterface(typeof(TGrainInterface));
        var proxy = DispatchProxy.Create<TGrainInterface, GrainReferenceProxy>();
        ((GrainReferenceProxy)(object)proxy).Bind(runtime, new GrainId(classInfo.TypeName, key), classInfo);
        return proxy;
    }
}
