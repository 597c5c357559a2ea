namespace EmploymentDashboard.Tests.Infrastructure;

/// <summary>A clock the test moves by hand, so that hours of session life pass without sleeping.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; private set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Now += by;
}
