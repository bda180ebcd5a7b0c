namespace StreamOrleans.Tests.Grains.Recommendations.Model;

/// <summary>An IProgress that reports on the caller's thread (Progress&lt;T&gt; posts to the thread pool, which would race the asserts).</summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
