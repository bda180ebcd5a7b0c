using System.Diagnostics;
using System.Text.Json;
using StreamOrleans.Streaming.Log;
using StreamOrleans.Streaming.Log.Sqlite;

namespace StreamOrleans.Benchmarks.Streams;

/// <summary>
/// Load driver for <see cref="SqliteStreamLog"/>: appends batches of records with ~100-byte values, reads them all
/// back in batches, then appends again while one tailing reader per partition follows the log (the pipeline's shape).
/// Uses a fresh temporary file, deleted afterwards.
/// </summary>
public static class SqliteLogThroughput
{
    /// <summary>Runs the measurement and optionally writes the result as JSON.</summary>
    /// <param name="records">Records to append in each phase.</param>
    /// <param name="batchSize">Records per append batch and per read.</param>
    /// <param name="valueBytes">Bytes per value.</param>
    /// <param name="partitions">Partitions of the topic.</param>
    /// <param name="synchronous">SQLite synchronous mode.</param>
    /// <param name="resultJsonPath">Where to write the JSON result; null to skip.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    public static async Task<SqliteLogThroughputResult> RunAsync(
        int records = 200_000,
        int batchSize = 1000,
        int valueBytes = 100,
        int partitions = 8,
        SqliteSynchronousMode synchronous = SqliteSynchronousMode.Normal,
        string? resultJsonPath = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(records, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(valueBytes);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);

        var directory = Path.Combine(Path.GetTempPath(), "streamorleans-sqlite-bench-" + Guid.NewGuid().ToString("N"));
        try
        {
            var options = new SqliteStreamLogOptions { DataDirectory = directory, Synchronous = synchronous };
            SqliteLogThroughputResult result;
            await using (var log = new SqliteStreamLog(options, TimeProvider.System))
            {
                await log.CreateTopicAsync("bench", partitions, cancellationToken);
                await log.CreateTopicAsync("bench-tailed", partitions, cancellationToken);
                var batches = MakeBatches(records, batchSize, valueBytes);

                var appendCpu = CpuSeconds();
                var appendSeconds = await AppendAllAsync(log, "bench", batches, cancellationToken);
                appendCpu = CpuSeconds() - appendCpu;
                var readCpu = CpuSeconds();
                var readStopwatch = Stopwatch.StartNew();
                var read = 0L;
                for (var p = 0; p < partitions; p++)
                {
                    read += await DrainAsync(log, "bench", p, 0, long.MaxValue, batchSize, cancellationToken);
                }

                var readSeconds = readStopwatch.Elapsed.TotalSeconds;
                readCpu = CpuSeconds() - readCpu;
                if (read != records)
                {
                    throw new InvalidOperationException($"Read back {read} records, appended {records}.");
                }

                var concurrentRecordsPerSecond = await AppendWhileTailingAsync(log, batches, partitions, batchSize, cancellationToken);
                result = new SqliteLogThroughputResult(
                    records, batchSize, valueBytes, partitions, synchronous.ToString(),
                    appendSeconds, records / appendSeconds, records / appendCpu,
                    readSeconds, records / readSeconds, records / readCpu, concurrentRecordsPerSecond,
                    FileSize(log.FilePath));
            }

            if (resultJsonPath is not null)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(resultJsonPath))!);
                await File.WriteAllTextAsync(resultJsonPath, JsonSerializer.Serialize(result, JsonOptions), cancellationToken);
            }

            return result;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    private static List<StreamRecord[]> MakeBatches(int records, int batchSize, int valueBytes)
    {
        var random = new Random(42);
        var batches = new List<StreamRecord[]>();
        for (var start = 0; start < records; start += batchSize)
        {
            var batch = new StreamRecord[Math.Min(batchSize, records - start)];
            for (var i = 0; i < batch.Length; i++)
            {
                var value = new byte[valueBytes];
                random.NextBytes(value);
                batch[i] = new StreamRecord($"user-{random.Next(100_000)}", value);
            }

            batches.Add(batch);
        }

        return batches;
    }

    private static async Task<double> AppendAllAsync(SqliteStreamLog log, string topic, List<StreamRecord[]> batches, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        foreach (var batch in batches)
        {
            await log.AppendAsync(topic, batch, cancellationToken);
        }

        return stopwatch.Elapsed.TotalSeconds;
    }

    /// <summary>Reads the partition from <paramref name="from"/> until <paramref name="until"/> records were seen or the end.</summary>
    private static async Task<long> DrainAsync(SqliteStreamLog log, string topic, int partition, long from, long until, int batchSize, CancellationToken cancellationToken)
    {
        long count = 0;
        while (count < until)
        {
            var batch = await log.ReadAsync(topic, partition, from, batchSize, cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            count += batch.Count;
            from = batch[^1].Offset + 1;
        }

        return count;
    }

    /// <summary>Appends every batch to a second topic while one task per partition waits for and reads new records.</summary>
    private static async Task<double> AppendWhileTailingAsync(SqliteStreamLog log, List<StreamRecord[]> batches, int partitions, int batchSize, CancellationToken cancellationToken)
    {
        var expected = new long[partitions];
        foreach (var record in batches.SelectMany(b => b))
        {
            expected[StreamPartitioner.GetPartition(record.Key, partitions)]++;
        }

        var stopwatch = Stopwatch.StartNew();
        var tails = Enumerable.Range(0, partitions).Select(p => Task.Run(async () =>
        {
            long next = 0;
            while (next < expected[p])
            {
                await log.WaitForRecordsAsync("bench-tailed", p, next, cancellationToken);
                var batch = await log.ReadAsync("bench-tailed", p, next, batchSize, cancellationToken);
                next += batch.Count;
            }
        }, cancellationToken)).ToArray();

        await AppendAllAsync(log, "bench-tailed", batches, cancellationToken);
        await Task.WhenAll(tails);
        return batches.Sum(b => b.Length) / stopwatch.Elapsed.TotalSeconds;
    }

    private static double CpuSeconds()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime.TotalSeconds;
    }

    private static long FileSize(string path)
    {
        long size = 0;
        foreach (var file in new[] { path, path + "-wal" })
        {
            if (File.Exists(file))
            {
                size += new FileInfo(file).Length;
            }
        }

        return size;
    }
}
