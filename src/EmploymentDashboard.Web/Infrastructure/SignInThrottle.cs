using System.Collections.Concurrent;

namespace EmploymentDashboard.Web.Infrastructure;

/// <summary>
/// Growing delays after failed sign-ins, per key (a client address, an e-mail as typed, or a known
/// device). The first failures of a key are free; each further one doubles the wait before the key may
/// try again (1 s, 2 s, 4 s … capped at <see cref="MaximumDelay"/>). Nothing is ever locked for good:
/// a key's count is forgotten an hour after its last failure and a success clears it. See
/// docs/decisions/0009-sign-in-throttling-not-lockout.md.
/// </summary>
/// <remarks>
/// Kept in process memory on purpose: it holds no session and nothing a second instance needs; with N
/// instances an attacker gets at most N times the attempts, while the per-address rate limit and the
/// doubling still bound guessing. The table is capped so that spraying many e-mails cannot exhaust memory.
/// </remarks>
public sealed class SignInThrottle(TimeProvider time)
{
    public static readonly TimeSpan MaximumDelay = TimeSpan.FromMinutes(15);

    public static readonly TimeSpan ForgetAfter = TimeSpan.FromHours(1);

    public const int MaximumKeys = 100_000;

    private readonly ConcurrentDictionary<string, Failures> _failures = new(StringComparer.Ordinal);

    /// <summary>How long the key must still wait before its next attempt (zero when it may try now).</summary>
    public TimeSpan WaitFor(string key, int freeFailures)
    {
        var now = time.GetUtcNow();
        if (!_failures.TryGetValue(key, out var failures) || now - failures.Last >= ForgetAfter || failures.Count <= freeFailures)
        {
            return TimeSpan.Zero;
        }

        var exponent = Math.Min(failures.Count - freeFailures - 1, 20);
        var delay = TimeSpan.FromSeconds(Math.Min(Math.Pow(2, exponent), MaximumDelay.TotalSeconds));
        var wait = failures.Last + delay - now;
        return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
    }

    /// <summary>Counts one failure against the key.</summary>
    public void Failed(string key)
    {
        var now = time.GetUtcNow();
        if (_failures.Count >= MaximumKeys && !_failures.ContainsKey(key))
        {
            Forget(now);
        }

        _failures.AddOrUpdate(
            key,
            _ => new Failures(1, now),
            (_, previous) => now - previous.Last >= ForgetAfter ? new Failures(1, now) : new Failures(previous.Count + 1, now));
    }

    /// <summary>Clears the key (after a successful sign-in, or when an administrator unlocks an account).</summary>
    public void Clear(string key) => _failures.TryRemove(key, out _);

    private void Forget(DateTimeOffset now)
    {
        foreach (var (key, failures) in _failures)
        {
            if (now - failures.Last >= ForgetAfter)
            {
                _failures.TryRemove(key, out _);
            }
        }

        // Still full of fresh keys: an e-mail spray. The oldest half goes; the per-address limits still hold.
        if (_failures.Count >= MaximumKeys)
        {
            foreach (var (key, _) in _failures.OrderBy(f => f.Value.Last).Take(MaximumKeys / 2))
            {
                _failures.TryRemove(key, out _);
            }
        }
    }

    private sealed record Failures(int Count, DateTimeOffset Last);
}
