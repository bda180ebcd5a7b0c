using System.Globalization;
using StreamOrleans.Streaming.Log;

namespace StreamOrleans.Tests.Support;

/// <summary>Follows a child silo's "checkpoint TOPIC PARTITION OFFSET" lines (Silo:ReportCheckpoints) instead of polling.</summary>
public static class ChildCheckpoints
{
    /// <summary>
    /// Completes when the child has committed every partition of <paramref name="topic"/> up to the end offsets the log has
    /// now (counting what the group committed before); fails with the child's stderr when it exits or stalls. The child's
    /// other lines (its warnings and errors) go to <paramref name="otherLines"/> when given.
    /// </summary>
    public static async Task WaitUntilCommittedAsync(IStreamLog log, ChildProcess child, string topic, TimeSpan timeout, Action<string>? otherLines = null)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(child);
        var ends = (await log.GetOffsetsAsync(topic)).ToDictionary(o => o.Partition, o => o.EndOffset);
        var committed = new Dictionary<int, long>(await log.GetCommittedOffsetsAsync("grains", topic));
        while (ends.Any(e => e.Value > committed.GetValueOrDefault(e.Key)))
        {
            string line;
            try
            {
                line = await child.Lines.ReadAsync().AsTask().WaitAsync(timeout);
            }
            catch (Exception e) when (e is TimeoutException or System.Threading.Channels.ChannelClosedException)
            {
                throw new InvalidOperationException($"The silo did not catch up ({(child.HasExited ? $"exited with {child.ExitCode}" : "timed out")}). stderr: {child.Errors}", e);
            }

            if (line.Split(' ') is ["checkpoint", var lineTopic, var partition, var offset] && lineTopic == topic)
            {
                committed[int.Parse(partition, CultureInfo.InvariantCulture)] = long.Parse(offset, CultureInfo.InvariantCulture);
            }
            else if (!line.StartsWith("checkpoint ", StringComparison.Ordinal))
            {
                otherLines?.Invoke(line);
            }
        }
    }
}
