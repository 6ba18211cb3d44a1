using System.Collections.Concurrent;

namespace TalknShop.Orchestrator.Diagnostics;

/// <summary>
/// What the latest real calls to each dependency (<c>llm</c>, <c>media</c>, <c>catalog_service</c>)
/// said. A probe of a service's <c>/health</c> can pass while every real call fails (a model that
/// answers 400 to every request, a media job that always comes back <c>failed</c>), so the health
/// checks also read this: the last call failed, recently, and why.
/// </summary>
internal sealed class DependencyStatus(TimeProvider time)
{
    /// <summary>A failure older than this no longer degrades <c>/health</c> on its own.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<string, Failure?> _last = new(StringComparer.Ordinal);

    public void Succeeded(string dependency) => _last[dependency] = null;

    /// <param name="reason">Plain words for an operator, e.g. "Bedrock answered 400 ValidationException: …".</param>
    public void Failed(string dependency, string reason)
    {
        var previous = _last.GetValueOrDefault(dependency);
        _last[dependency] = new Failure(reason, time.GetUtcNow(), (previous?.Consecutive ?? 0) + 1);
    }

    /// <summary>The failure of the latest call when it failed within <see cref="Window"/>; otherwise null.</summary>
    public Failure? RecentFailure(string dependency) =>
        _last.GetValueOrDefault(dependency) is { } failure && time.GetUtcNow() - failure.At < Window ? failure : null;

    public sealed record Failure(string Reason, DateTimeOffset At, int Consecutive);
}
