namespace EmploymentDashboard.Data.Entities;

/// <summary>
/// One line of the audit trail: who did what to which record, when, and for a correction the values
/// before and after. The table is append-only in the database itself (a trigger refuses UPDATE, DELETE
/// and TRUNCATE, and the app's role is granted only SELECT and INSERT), so every property is init-only.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; init; }

    /// <summary>Set by the database (<c>now()</c>, the writing transaction's time) unless given.</summary>
    public DateTimeOffset OccurredAt { get; init; }

    /// <summary>The account that acted; null for an anonymous actor (a failed sign-in) or the system.</summary>
    public string? UserId { get; init; }

    /// <summary>The account's user name (e-mail) at the time, so the line stays readable if the account goes.</summary>
    public string? UserName { get; init; }

    /// <summary>One of <see cref="AuditKinds"/>.</summary>
    public required string Kind { get; init; }

    /// <summary>What happened, as a stable dotted code (for example <c>placement.corrected</c>).</summary>
    public required string Action { get; init; }

    /// <summary>What it happened to (for example <c>placement 4711</c>, <c>user 8c1f…</c>, <c>placements</c>).</summary>
    public required string Subject { get; init; }

    /// <summary>Further facts as a JSON object (filters, row counts, roles, delays).</summary>
    public string? Details { get; init; }

    /// <summary>For a change: the changed values before it, as a JSON object.</summary>
    public string? Before { get; init; }

    /// <summary>For a change: the changed values after it, as a JSON object.</summary>
    public string? After { get; init; }

    /// <summary>The client address the request came from, when there was a request.</summary>
    public string? ClientAddress { get; init; }

    /// <summary>The entry this one completes (an export's end refers to its start).</summary>
    public long? RelatesTo { get; init; }
}

/// <summary>The kinds of audited actions: the audit page filters by them.</summary>
public static class AuditKinds
{
    public const string Import = "import";

    public const string Correction = "correction";

    public const string Plan = "plan";

    /// <summary>Accounts and their roles: created, roles changed, disabled, enabled, password reset, unlocked.</summary>
    public const string Account = "account";

    /// <summary>Failed sign-ins that start or lengthen a delay (the throttle, ADR 0009).</summary>
    public const string SignIn = "sign-in";

    /// <summary>Record-level exports, the audit log's own export included.</summary>
    public const string Export = "export";

    public static readonly IReadOnlyList<string> All = [Import, Correction, Plan, Account, SignIn, Export];
}
