namespace StreamOrleans.Runtime;

/// <summary>Marker for grain interfaces. Every method of a grain interface returns Task, Task{T}, ValueTask or ValueTask{T}.</summary>
#pragma warning disable CA1040 // marker interface, as in Orleans
public interface IGrain;
#pragma warning restore CA1040
