using StreamOrleans.Streaming.Log;
using StreamOrleans.Streaming.Log.Sqlite;
using StreamOrleans.Tests.Support;

namespace StreamOrleans.Tests.Streaming.Log.Sqlite;

public sealed class SqliteStreamLogOptionsTests
{
    [Fact]
    public void Defaults_are_the_documented_ones_and_valid()
    {
        var options = new SqliteStreamLogOptions();

        options.Validate();
        Assert.Equal(TimeSpan.FromDays(7), options.RetentionAge);
        Assert.Null(options.RetentionBytesPerPartition);
        Assert.Equal(TimeSpan.FromMilliseconds(100), options.PollInterval);
        Assert.Equal(SqliteSynchronousMode.Normal, options.Synchronous);
        Assert.Equal(Path.GetFullPath(Path.Combine(".data", "streams.db")), options.ResolveFilePath());
    }

    [Fact]
    public void File_path_wins_over_data_directory()
    {
        var options = new SqliteStreamLogOptions { DataDirectory = "/tmp/a", FilePath = "/tmp/b/log.sqlite" };

        Assert.Equal("/tmp/b/log.sqlite", options.ResolveFilePath());
    }

    [Fact]
    public async Task The_log_keeps_its_own_copy_of_the_options()
    {
        using var directory = new SqliteLogTestDirectory();
        var clock = new ManualTimeProvider();
        var options = directory.Options(o => o.RetentionAge = TimeSpan.FromHours(1));
        await using var log = new SqliteStreamLog(options, clock);
        await log.CreateTopicAsync("t", 1);
        await log.AppendAsync("t", [new StreamRecord("k", new byte[] { 1 })]);

        options.RetentionAge = TimeSpan.FromMinutes(1);
        clock.Advance(TimeSpan.FromMinutes(30));

        Assert.Equal(0, await log.ApplyRetentionAsync());
    }

    public static TheoryData<string, Action<SqliteStreamLogOptions>> OutOfRange => new()
    {
        { "RetentionAge", o => o.RetentionAge = TimeSpan.Zero },
        { "RetentionAge", o => o.RetentionAge = TimeSpan.MaxValue },
        { "RetentionBytesPerPartition", o => o.RetentionBytesPerPartition = 0 },
        { "PollInterval", o => o.PollInterval = TimeSpan.Zero },
        { "PollInterval", o => o.PollInterval = TimeSpan.FromMinutes(2) },
        { "Synchronous", o => o.Synchronous = (SqliteSynchronousMode)7 },
        { "ReaderPoolSize", o => o.ReaderPoolSize = 0 },
        { "BusyTimeout", o => o.BusyTimeout = TimeSpan.Zero },
        { "RetentionDeleteBatchSize", o => o.RetentionDeleteBatchSize = 10 },
        { "DataDirectory", o => o.DataDirectory = "" },
        { "PageSize", o => o.PageSize = 5000 },
        { "PageSize", o => o.PageSize = 2048 },
        { "CheckpointThresholdBytes", o => o.CheckpointThresholdBytes = 1000 },
    };

    [Theory]
    [MemberData(nameof(OutOfRange))]
    public void Out_of_range_settings_are_named_in_the_error(string setting, Action<SqliteStreamLogOptions> breakIt)
    {
        var options = new SqliteStreamLogOptions();
        breakIt(options);

        var error = Assert.ThrowsAny<ArgumentException>(options.Validate);
        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
        Assert.ThrowsAny<ArgumentException>(() => new SqliteStreamLog(options, TimeProvider.System));
    }
}
