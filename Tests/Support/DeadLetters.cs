using Microsoft.Extensions.Logging.Abstractions;
using StreamOrleans.Streaming.Log;

namespace StreamOrleans.Tests.Support;

/// <summary>Reads the dead-letter topic of a log, so a test can say why records it expected were not applied.</summary>
public static class DeadLetters
{
    /// <summary>Every dead letter in <paramref name="log"/>'s "dead-letters" topic (none when the topic does not exist).</summary>
    public static async Task<IReadOnlyList<DeadLetter>> ReadAsync(IStreamLog log)
    {
        ArgumentNullException.ThrowIfNull(log);
        if (await log.GetTopicAsync("dead-letters") is null)
        {
            return [];
        }

        return await new DeadLetterPublisher(log, "dead-letters", TimeProvider.System, NullLogger<DeadLetterPublisher>.Instance).ReadRecentAsync(1000);
    }
}
