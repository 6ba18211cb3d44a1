using System.Diagnostics;
using System.Globalization;

namespace TalknShop.Orchestrator.Benchmarks.Load;

/// <summary>Keeps every sample: runs are bounded, so exact percentiles cost at most a few MB.</summary>
internal sealed class LatencyRecorder
{
    private readonly List<double> _millis = [];
    private readonly Lock _gate = new();

    public int Count
    {
        get { lock (_gate) { return _millis.Count; } }
    }

    public double Mean
    {
        get { lock (_gate) { return _millis.Count == 0 ? double.NaN : _millis.Average(); } }
    }

    public void Record(long startTimestamp) => Add(Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds);

    public void Add(double millis)
    {
        lock (_gate)
        {
            _millis.Add(millis);
        }
    }

    public double Percentile(double p)
    {
        lock (_gate)
        {
            if (_millis.Count == 0)
            {
                return double.NaN;
            }

            _millis.Sort();
            var index = (int)Math.Ceiling(p / 100 * _millis.Count) - 1;
            return _millis[Math.Clamp(index, 0, _millis.Count - 1)];
        }
    }

    public static string Ms(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
