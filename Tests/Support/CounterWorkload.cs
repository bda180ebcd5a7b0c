using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using StreamOrleans.Streaming.Log;

namespace StreamOrleans.Tests.Support;

/// <summary>
/// Random counter events ({"amount":n} keyed by counter name) with the totals each counter must end with: the workload
/// of the crash, replica and provider tests, which then compare what grains persisted against <see cref="Expected"/>.
/// </summary>
public sealed class CounterWorkload(Random random, string keyPrefix = "counter", int keys = 400)
{
    /// <summary>The topic counter events travel on.</summary>
    public const string Topic = "counter-events";

    /// <summary>Count and sum each counter must have once every generated event is applied exactly once.</summary>
    public Dictionary<string, (long Count, long Sum)> Expected { get; } = [];

    /// <summary>Makes <paramref name="count"/> more events (and counts them in <see cref="Expected"/>).</summary>
    public List<StreamRecord> Next(int count)
    {
        var records = new List<StreamRecord>(count);
        for (var i = 0; i < count; i++)
        {
            var key = $"{keyPrefix}-{random.Next(keys)}";
            var amount = random.Next(1, 1000);
            var (c, s) = Expected.GetValueOrDefault(key);
            Expected[key] = (c + 1, s + amount);
            records.Add(new StreamRecord(key, Encoding.UTF8.GetBytes($$"""{"amount":{{amount}}}""")));
        }

        return records;
    }

    /// <summary>Appends <paramref name="count"/> more events to the log, in chunks of 500 as a producer would.</summary>
    public async Task AppendAsync(IStreamLog log, int count)
    {
        ArgumentNullException.ThrowIfNull(log);
        foreach (var chunk in Next(count).Chunk(500))
        {
            await log.AppendAsync(Topic, chunk);
        }
    }

    /// <summary>Asserts that the SQLite state database holds exactly <see cref="Expected"/> for grain type <paramref name="grainType"/>.</summary>
    public void AssertPersisted(string grainsDatabase, string grainType, string when)
    {
        var actual = new Dictionary<string, (long Count, long Sum)>();
        using (var connection = new SqliteConnection($"Data Source={grainsDatabase};Mode=ReadOnly;Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT grain_key, payload FROM grain_state WHERE grain_type = $type AND state_name = 'counter'";
            command.Parameters.AddWithValue("$type", grainType);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                actual[reader.GetString(0)] = Totals((byte[])reader.GetValue(1));
            }
        }

        AssertMatches(actual, when);
    }

    /// <summary>A counter state's totals, from its JSON payload as the stores keep it.</summary>
    public static (long Count, long Sum) Totals(byte[] payload)
    {
        using var json = JsonDocument.Parse(payload);
        return (json.RootElement.GetProperty("count").GetInt64(), json.RootElement.GetProperty("sum").GetInt64());
    }

    /// <summary>Asserts that <paramref name="actual"/> (key -> totals read from some store) is exactly <see cref="Expected"/>.</summary>
    public void AssertMatches(IReadOnlyDictionary<string, (long Count, long Sum)> actual, string when)
    {
        ArgumentNullException.ThrowIfNull(actual);
        Assert.True(Expected.Count == actual.Count, $"{when}: {actual.Count} counters persisted, {Expected.Count} expected");
        foreach (var (key, totals) in Expected)
        {
            Assert.True(actual.TryGetValue(key, out var found) && found == totals, $"{when}: {key} has {found}, expected {totals}");
        }
    }
}
