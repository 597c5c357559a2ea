using System.Globalization;
using System.Text.Json;
using EmploymentDashboard.Data.Csv;
using EmploymentDashboard.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EmploymentDashboard.Data.Audit;

/// <summary>Which audit entries to show: an inclusive range of UTC days, one account, one kind; any of them may be left open.</summary>
public sealed record AuditFilter(DateOnly? From = null, DateOnly? To = null, string? UserId = null, string? Kind = null)
{
    /// <summary>The value of <see cref="UserId"/> that selects entries without an account (failed sign-ins, the system).</summary>
    public const string NoAccount = "-";

    public IQueryable<AuditEntry> Apply(IQueryable<AuditEntry> entries)
    {
        if (From is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            entries = entries.Where(e => e.OccurredAt >= start);
        }

        if (To is { } to)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            entries = entries.Where(e => e.OccurredAt < end);
        }

        if (UserId == NoAccount)
        {
            entries = entries.Where(e => e.UserId == null);
        }
        else if (!string.IsNullOrEmpty(UserId))
        {
            entries = entries.Where(e => e.UserId == UserId);
        }

        if (!string.IsNullOrEmpty(Kind))
        {
            entries = entries.Where(e => e.Kind == Kind);
        }

        return entries;
    }
}

/// <summary>One page of the audit log, newest first.</summary>
public sealed record AuditPage(IReadOnlyList<AuditEntry> Entries, int Page, int PageSize, long Total)
{
    public int Pages => (int)Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>An account that appears in the audit log, for the page's filter.</summary>
public sealed record AuditActor(string UserId, string? UserName);

/// <summary>A record-level export as the Exports page lists it: its start entry and, once it ended, how.</summary>
public sealed record ExportRecord(DateTimeOffset StartedAt, string? UserName, string Dataset, string Filters, string Status, long? Rows);

/// <summary>Reading the audit log: pages for the admin page, a streamed CSV, the accounts in it and the recent exports.</summary>
public static class AuditLogQueries
{
    public static readonly IReadOnlyList<string> CsvColumns =
        ["id", "occurred_at", "user_id", "user_name", "kind", "action", "subject", "details", "before", "after", "client_address", "relates_to"];

    public static async Task<AuditPage> PageAsync(this DashboardDbContext db, AuditFilter filter, int page, int pageSize, CancellationToken cancellationToken)
    {
        var query = filter.Apply(db.AuditLog.AsNoTracking());
        var total = await query.LongCountAsync(cancellationToken);
        var pages = (int)Math.Max(1, (total + pageSize - 1) / pageSize);
        page = Math.Clamp(page, 1, pages);
        var entries = await query.OrderByDescending(e => e.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new AuditPage(entries, page, pageSize, total);
    }

    /// <summary>Accounts that have entries, by name.</summary>
    public static async Task<IReadOnlyList<AuditActor>> ActorsAsync(this DashboardDbContext db, CancellationToken cancellationToken)
    {
        var actors = await db.AuditLog.AsNoTracking()
            .Where(e => e.UserId != null)
            .GroupBy(e => e.UserId!)
            .Select(g => new { UserId = g.Key, UserName = g.Max(e => e.UserName) })
            .OrderBy(a => a.UserName)
            .ToListAsync(cancellationToken);
        return [.. actors.Select(a => new AuditActor(a.UserId, a.UserName))];
    }

    /// <summary>Streams the filtered entries, oldest first, into the CSV writer (header row of column codes); returns the data rows written.</summary>
    public static async Task<long> WriteCsvAsync(this DashboardDbContext db, AuditFilter filter, CsvWriter csv, CancellationToken cancellationToken)
    {
        foreach (var column in CsvColumns)
        {
            csv.Text(column);
        }

        await csv.EndRowAsync(cancellationToken);
        long rows = 0;
        await foreach (var e in filter.Apply(db.AuditLog.AsNoTracking()).OrderBy(e => e.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            csv.Number(e.Id).Text(e.OccurredAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture))
                .Text(e.UserId).Text(e.UserName).Text(e.Kind).Text(e.Action).Text(e.Subject)
                .Text(e.Details).Text(e.Before).Text(e.After).Text(e.ClientAddress).Number(e.RelatesTo);
            await csv.EndRowAsync(cancellationToken);
            rows++;
        }

        return rows;
    }

    /// <summary>The latest record-level exports: each start entry with the entry that ended it, if any.</summary>
    public static async Task<IReadOnlyList<ExportRecord>> RecentExportsAsync(this DashboardDbContext db, int count, CancellationToken cancellationToken)
    {
        var rows = await (
            from started in db.AuditLog.AsNoTracking()
            where started.Kind == AuditKinds.Export && started.Action == AuditActions.ExportStarted
            orderby started.Id descending
            let ended = db.AuditLog.Where(e => e.RelatesTo == started.Id).OrderBy(e => e.Id).FirstOrDefault()
            select new { started.OccurredAt, started.UserName, started.Subject, started.Details, EndAction = ended == null ? null : ended.Action, EndDetails = ended == null ? null : ended.Details })
            .Take(count)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new ExportRecord(
            r.OccurredAt,
            r.UserName,
            r.Subject,
            JsonText(r.Details, "filters") ?? string.Empty,
            r.EndAction is null ? "started" : r.EndAction[(r.EndAction.LastIndexOf('.') + 1)..],
            JsonNumber(r.EndDetails, "rows")))];
    }

    private static string? JsonText(string? json, string property)
    {
        if (json is null)
        {
            return null;
        }

        using var document = JsonDocument.Parse(json);
        return document.RootElement.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }

    private static long? JsonNumber(string? json, string property)
    {
        if (json is null)
        {
            return null;
        }

        using var document = JsonDocument.Parse(json);
        return document.RootElement.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt64() : null;
    }
}

/// <summary>The action codes written by more than one place (the export start and its ends, the import's outcomes).</summary>
public static class AuditActions
{
    /// <summary>An import committed, written in the import's own transaction (who, dataset, file, year, rows added, updated, unchanged).</summary>
    public const string ImportCommitted = "import.committed";

    /// <summary>A commit asked for on the import page that was refused: the database changed since the preview; nothing was written.</summary>
    public const string ImportRefused = "import.refused";

    /// <summary>A commit asked for on the import page that failed (an error, the database gone); it was rolled back.</summary>
    public const string ImportFailed = "import.failed";

    public const string ExportStarted = "export.started";

    public const string ExportCompleted = "export.completed";

    public const string ExportCancelled = "export.cancelled";

    public const string ExportFailed = "export.failed";
}
