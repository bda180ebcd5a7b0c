namespace StreamOrleans.Tests.Api.Fuzzing;

/// <summary>Answers of one route by status class.</summary>
public sealed class FuzzRouteCounts
{
    private int _cases;
    private int _success;
    private int _redirect;
    private int _clientError;
    private int _serverError;
    private int _failures;
    private long _totalTicks;
    private long _maxTicks;

    /// <summary>Requests sent to the route.</summary>
    public int Cases => _cases;

    /// <summary>1xx and 2xx answers.</summary>
    public int Success => _success;

    /// <summary>3xx answers.</summary>
    public int Redirect => _redirect;

    /// <summary>4xx answers.</summary>
    public int ClientError => _clientError;

    /// <summary>5xx answers.</summary>
    public int ServerError => _serverError;

    /// <summary>Answers that broke a rule (5xx, a 4xx without ProblemDetails, no answer).</summary>
    public int Failures => _failures;

    /// <summary>Mean time to an answer, in milliseconds.</summary>
    public double MeanMilliseconds => _cases == 0 ? 0 : TimeSpan.FromTicks(Interlocked.Read(ref _totalTicks) / _cases).TotalMilliseconds;

    /// <summary>Longest time to an answer, in milliseconds.</summary>
    public double MaxMilliseconds => TimeSpan.FromTicks(Interlocked.Read(ref _maxTicks)).TotalMilliseconds;

    /// <summary>Counts one answer (status 0: none) that took <paramref name="elapsed"/>.</summary>
    public void Add(int status, bool failed, TimeSpan elapsed)
    {
        Interlocked.Add(ref _totalTicks, elapsed.Ticks);
        var max = Interlocked.Read(ref _maxTicks);
        while (elapsed.Ticks > max && Interlocked.CompareExchange(ref _maxTicks, elapsed.Ticks, max) != max)
        {
            max = Interlocked.Read(ref _maxTicks);
        }

        Interlocked.Increment(ref _cases);
        switch (status)
        {
            case >= 500 or 0:
                Interlocked.Increment(ref _serverError);
                break;
            case >= 400:
                Interlocked.Increment(ref _clientError);
                break;
            case >= 300:
                Interlocked.Increment(ref _redirect);
                break;
            default:
                Interlocked.Increment(ref _success);
                break;
        }

        if (failed)
        {
            Interlocked.Increment(ref _failures);
        }
    }
}
