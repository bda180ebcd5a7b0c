namespace StreamOrleans.Benchmarks.OrleansPipeline;

/// <summary>One measured round of one side.</summary>
/// <param name="Rate">Events applied per second.</param>
/// <param name="CpuMicros">Process CPU time per applied event, microseconds.</param>
/// <param name="AllocatedBytes">Bytes allocated by the process per applied event.</param>
/// <param name="EventsPerDelivery">Applied events per grain delivery (each delivery is one state write).</param>
internal sealed record RoundResult(double Rate, double CpuMicros, double AllocatedBytes, double EventsPerDelivery)
{
    public override string ToString() =>
        $"{Rate:N0} events/s, {CpuMicros:N1} µs CPU, {AllocatedBytes:N0} B allocated per event, {EventsPerDelivery:N2} events per delivery";
}
