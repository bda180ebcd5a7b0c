using System.Text.Json;
using Npgsql;
using StreamOrleans.Streaming.Log;

namespace StreamOrleans.Tests.Integration.Chaos;

/// <summary>
/// The ground truth of a chaos run: what the log holds (read incrementally, straight from PostgreSQL), turned into the
/// totals each grain must have once everything is applied exactly once, and compared with what the grains persisted
/// (table grain_state). A record whose ingest answer was lost in a fault may or may not be in the log: the log decides.
/// Acknowledged appends are checked against the log too (an acknowledged record missing from it is lost).
/// </summary>
internal sealed class ChaosLedger(IStreamLog log, NpgsqlDataSource dataSource)
{
    private readonly Dictionary<(string Topic, int Partition), long> _read = [];
    private readonly Dictionary<(string Topic, int Partition, long Offset), string> _keys = [];

    /// <summary>Counter key -> (count, sum).</summary>
    public Dictionary<string, (long Count, long Sum)> Counters { get; } = [];

    /// <summary>"user/product/kind" -> count, and "user" -> events.</summary>
    public Dictionary<string, long> Users { get; } = [];

    /// <summary>Hashtag ("#tag") -> posts.</summary>
    public Dictionary<string, long> Topics { get; } = [];

    /// <summary>Camera -> frames.</summary>
    public Dictionary<string, long> Cameras { get; } = [];

    /// <summary>Records read from the log so far.</summary>
    public long Records => _keys.Count;

    /// <summary>Reads what was appended since the last call.</summary>
    public async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        foreach (var topic in ChaosWorkload.Topics)
        {
            foreach (var range in await log.GetOffsetsAsync(topic, cancellationToken))
            {
                var from = _read.GetValueOrDefault((topic, range.Partition));
                while (from < range.EndOffset)
                {
                    var records = await log.ReadAsync(topic, range.Partition, from, 5000, cancellationToken);
                    if (records.Count == 0)
                    {
                        break;
                    }

                    foreach (var record in records)
                    {
                        _keys[(topic, range.Partition, record.Offset)] = record.Key;
                        Count(topic, record);
                    }

                    from = records[^1].Offset + 1;
                }

                _read[(topic, range.Partition)] = from;
            }
        }
    }

    /// <summary>Acknowledged appends missing from the log (or holding another key there).</summary>
    public List<string> MissingAcknowledged(IEnumerable<ChaosWorkload.Acknowledged> acknowledged) =>
        [.. acknowledged
            .Where(a => !_keys.TryGetValue((a.Topic, a.Partition, a.Offset), out var key) || key != a.Key)
            .Select(a => $"{a.Topic}/{a.Partition}@{a.Offset} ({a.Key})")];

    /// <summary>Differences between what the grains persisted and the log: missing (lost) and extra (applied twice).</summary>
    public async Task<ChaosDifferences> CompareAsync(CancellationToken cancellationToken)
    {
        var differences = new ChaosDifferences();
        var counters = new Dictionary<string, (long Count, long Sum)>();
        var users = new Dictionary<string, long>();
        var topics = new Dictionary<string, long>();
        var cameras = new Dictionary<string, long>();
        await using (var command = dataSource.CreateCommand("SELECT state_name, grain_key, payload FROM grain_state WHERE state_name IN ('counter', 'user', 'topic', 'camera')"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var key = reader.GetString(1);
                using var json = JsonDocument.Parse((byte[])reader.GetValue(2));
                var state = json.RootElement;
                switch (reader.GetString(0))
                {
                    case "counter":
                        counters[key] = (state.GetProperty("count").GetInt64(), state.GetProperty("sum").GetInt64());
                        break;
                    case "user":
                        users[key] = state.GetProperty("events").GetInt64();
                        foreach (var product in state.GetProperty("products").EnumerateObject())
                        {
                            foreach (var kind in ChaosWorkload.Kinds)
                            {
                                users[$"{key}/{product.Name}/{kind}"] = product.Value.GetProperty(kind + "s").GetInt64();
                            }
                        }

                        break;
                    case "topic":
                        topics[key] = state.GetProperty("positive").GetInt64() + state.GetProperty("neutral").GetInt64() + state.GetProperty("negative").GetInt64();
                        break;
                    case "camera":
                        cameras[key] = state.GetProperty("frames").GetInt64() + state.GetProperty("skipped").GetInt64() + state.GetProperty("rejected").GetInt64();
                        break;
                }
            }
        }

        foreach (var key in Counters.Keys.Union(counters.Keys))
        {
            var expected = Counters.GetValueOrDefault(key);
            var actual = counters.GetValueOrDefault(key);
            differences.Add($"counter {key}", expected.Count, actual.Count, $"count {actual.Count}, sum {actual.Sum}; the log: count {expected.Count}, sum {expected.Sum}");
            if (expected.Count == actual.Count && expected.Sum != actual.Sum)
            {
                differences.Add($"counter {key} sum", expected.Sum, actual.Sum, "same count, another sum");
            }
        }

        Compare(differences, "user", Users, users);
        Compare(differences, "topic", Topics, topics);
        Compare(differences, "camera", Cameras, cameras);
        return differences;
    }

    private static void Compare(ChaosDifferences differences, string what, Dictionary<string, long> expected, Dictionary<string, long> actual)
    {
        foreach (var key in expected.Keys.Union(actual.Keys))
        {
            var e = expected.GetValueOrDefault(key);
            var a = actual.GetValueOrDefault(key);
            differences.Add($"{what} {key}", e, a, $"{a}; the log: {e}", counted: !key.Contains('/', StringComparison.Ordinal));
        }
    }

    private void Count(string topic, LogRecord record)
    {
        switch (topic)
        {
            case ChaosWorkload.CounterTopic:
                using (var json = JsonDocument.Parse(record.Value))
                {
                    var (count, sum) = Counters.GetValueOrDefault(record.Key);
                    Counters[record.Key] = (count + 1, sum + json.RootElement.GetProperty("amount").GetInt64());
                }

                break;
            case ChaosWorkload.UserTopic:
                using (var json = JsonDocument.Parse(record.Value))
                {
                    var user = json.RootElement.GetProperty("userId").GetString()!;
                    var product = json.RootElement.GetProperty("productId").GetString()!;
                    var kind = json.RootElement.GetProperty("kind").GetString()!;
                    Users[user] = Users.GetValueOrDefault(user) + 1;
                    foreach (var k in ChaosWorkload.Kinds)
                    {
                        var key = $"{user}/{product}/{k}";
                        Users[key] = Users.GetValueOrDefault(key) + (k == kind ? 1 : 0);
                    }
                }

                break;
            case ChaosWorkload.PostTopic:
                using (var json = JsonDocument.Parse(record.Value))
                {
                    foreach (var word in json.RootElement.GetProperty("text").GetString()!.Split(' ').Where(w => w.StartsWith('#')))
                    {
                        Topics[word] = Topics.GetValueOrDefault(word) + 1;
                    }
                }

                break;
            case ChaosWorkload.FrameTopic:
                Cameras[record.Key] = Cameras.GetValueOrDefault(record.Key) + 1;
                break;
        }
    }
}
