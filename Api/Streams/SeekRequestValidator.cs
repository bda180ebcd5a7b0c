using StreamOrleans.Api.Http;
using StreamOrleans.Api.Streams.Contracts;
using StreamOrleans.Streaming.Log;

namespace StreamOrleans.Api.Streams;

/// <summary>Checks a seek request against the topic and turns it into a <see cref="SeekPosition"/>.</summary>
public static class SeekRequestValidator
{
    /// <summary>The position to seek to, or null with <paramref name="errors"/> filled in.</summary>
    /// <param name="request">The request body.</param>
    /// <param name="topic">The topic (for its partition count).</param>
    /// <param name="group">The consumer group being moved.</param>
    /// <param name="siloGroup">The silo's own consumer group, the only one whose grains' state can be reset.</param>
    /// <param name="errors">Where problems are added.</param>
    public static SeekPosition? Validate(SeekRequest request, TopicInfo topic, string group, string siloGroup, RequestErrors errors)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(topic);
        ArgumentNullException.ThrowIfNull(errors);
        var given = new List<string>(3);
        if (request.To is not null)
        {
            given.Add("to");
        }

        if (request.Offset is not null)
        {
            given.Add("offset");
        }

        if (request.Timestamp is not null)
        {
            given.Add("timestamp");
        }

        if (given.Count == 0)
        {
            errors.Add("to", "one of 'to' (\"earliest\" or \"latest\"), 'offset' or 'timestamp' is required");
        }
        else if (given.Count > 1)
        {
            foreach (var field in given)
            {
                errors.Add(field, $"give only one of 'to', 'offset' or 'timestamp' (got {string.Join(", ", given.Select(g => $"'{g}'"))})");
            }
        }

        SeekPosition? position = null;
        if (request.To is { } to)
        {
            position = to.ToUpperInvariant() switch
            {
                "EARLIEST" => SeekPosition.Earliest,
                "LATEST" => SeekPosition.End,
                _ => null,
            };
            if (position is null)
            {
                errors.Add("to", $"must be \"earliest\" or \"latest\" (got \"{to}\")");
            }
        }
        else if (request.Offset is { } offset)
        {
            if (offset < 0)
            {
                errors.Add("offset", $"must be zero or positive (got {offset})");
            }

            position = SeekPosition.At(offset);
        }
        else if (request.Timestamp is { } timestamp)
        {
            position = SeekPosition.AtTime(timestamp);
        }

        if (request.Partition is { } partition && (partition < 0 || partition >= topic.Partitions))
        {
            errors.Add("partition", $"partition {partition} does not exist: topic '{topic.Name}' has partitions 0..{topic.Partitions - 1}");
        }

        if (request.ResetState == true)
        {
            if (group != siloGroup)
            {
                errors.Add("resetState", $"only the silo's consumer group '{siloGroup}' has grain state to reset (got group '{group}')");
            }

            if (request.Offset is not null)
            {
                errors.Add("resetState", "cannot be combined with 'offset': a rebuild needs a point in time ('to' or 'timestamp') valid for every partition");
            }

            if (request.Partition is not null)
            {
                errors.Add("resetState", "cannot be combined with 'partition': a rebuild replays every partition");
            }
        }

        return errors.IsEmpty ? position : null;
    }
}
