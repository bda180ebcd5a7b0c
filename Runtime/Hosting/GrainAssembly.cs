using System.Reflection;

namespace StreamOrleans.Runtime.Hosting;

/// <summary>An assembly registered with <c>AddGrains</c> to be scanned for grain classes.</summary>
public sealed record GrainAssembly(Assembly Assembly);
