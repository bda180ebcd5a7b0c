namespace StreamOrleans.Runtime;

/// <summary>A grain whose identity is a string key (user id, topic, camera id).</summary>
#pragma warning disable CA1040 // marker interface, as in Orleans
public interface IGrainWithStringKey : IGrain;
#pragma warning restore CA1040
