using System.Globalization;
using EmploymentDashboard.Data;
using EmploymentDashboard.Data.Audit;
using EmploymentDashboard.Data.Csv;
using EmploymentDashboard.Data.Entities;
using EmploymentDashboard.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace EmploymentDashboard.Web.Pages.Admin.Audit;

/// <summary>
/// The audit trail for administrators (folder convention): newest first, paged, filtered by a range of
/// UTC days, an account and a kind; the same selection downloads as CSV through the app's CSV writer
/// (formula injection neutralised), and that download is itself written to the trail.
/// </summary>
public sealed class IndexModel(DashboardDbContext db, AuditTrail audit, UserManager<DashboardUser> users, IStringLocalizer<SharedResource> localizer) : DashboardPageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "from")]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true, Name = "to")]
    public string? To { get; set; }

    [BindProperty(SupportsGet = true, Name = "user")]
    public string? UserId { get; set; }

    [BindProperty(SupportsGet = true, Name = "kind")]
    public string? Kind { get; set; }

    [BindProperty(SupportsGet = true, Name = "pageNumber")]
    public string? PageNumber { get; set; }

    public AuditPage? Entries { get; private set; }

    public IReadOnlyList<AuditActor> Actors { get; private set; } = [];

    public IReadOnlyList<string> Errors { get; private set; } = [];

    /// <summary>The fields the errors are about ("from", "to", "user", "kind", "pageNumber"), marked aria-invalid.</summary>
    public IReadOnlySet<string> InvalidFields { get; private set; } = new HashSet<string>();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Actors = await db.ActorsAsync(cancellationToken);
        var (filter, page) = Parse();
        if (filter is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        Entries = await db.PageAsync(filter, page, PageSize, cancellationToken);
        return Page();
    }

    /// <summary>The filtered entries as CSV (column codes as headers), in the user's remembered layout unless one is asked for.</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        var (filter, _) = Parse();
        var user = await users.GetUserAsync(User);
        var (request, problem) = ExportRequest.Parse(Request.Query, user?.CsvDelimiter);
        if (filter is null || problem is not null || request!.Format != "csv")
        {
            Actors = await db.ActorsAsync(cancellationToken);
            Errors = problem is null ? Errors : [.. Errors, problem];
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var started = await audit.WriteAsync(AuditKinds.Export, AuditActions.ExportStarted, "audit-log", new { filters = QueryText() }, cancellationToken: cancellationToken);
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = $"attachment; filename=\"audit-log_{DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.csv\"";
        Response.Headers.CacheControl = "no-store";
        long? rows = null;
        var action = AuditActions.ExportFailed;
        try
        {
            var csv = new CsvWriter(Response.Body, request.Csv);
            await using (csv)
            {
                rows = await db.WriteCsvAsync(filter, csv, cancellationToken);
            }

            action = AuditActions.ExportCompleted;
        }
        catch (OperationCanceledException)
        {
            action = AuditActions.ExportCancelled;
        }
        finally
        {
            await audit.WriteAsync(AuditKinds.Export, action, "audit-log", new { filters = QueryText(), rows }, relatesTo: started.Id, cancellationToken: CancellationToken.None);
        }

        return new EmptyResult();
    }

    /// <summary>This page's address with the current filters and the given page (or handler).</summary>
    public string Link(int? page = null, string? handler = null)
    {
        var query = new Dictionary<string, string?>
        {
            ["from"] = From,
            ["to"] = To,
            ["user"] = UserId,
            ["kind"] = Kind,
            ["pageNumber"] = page?.ToString(CultureInfo.InvariantCulture),
            ["handler"] = handler,
        };
        return "/Admin/Audit" + QueryString.Create(query.Where(q => !string.IsNullOrEmpty(q.Value)));
    }

    private string QueryText() => Request.QueryString.Value ?? string.Empty;

    private (AuditFilter? Filter, int Page) Parse()
    {
        var errors = new List<string>();
        var invalid = new HashSet<string>();
        DateOnly? Date(string? text, string field)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }

            if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date;
            }

            errors.Add(localizer["Audit.BadDate", text]);
            invalid.Add(field);
            return null;
        }

        var from = Date(From, "from");
        var to = Date(To, "to");
        if (from > to)
        {
            errors.Add(localizer["Audit.FromAfterTo"]);
            invalid.Add("from");
            invalid.Add("to");
        }

        if (!string.IsNullOrEmpty(Kind) && !AuditKinds.All.Contains(Kind))
        {
            errors.Add(localizer["Audit.BadKind", Kind]);
            invalid.Add("kind");
        }

        if (UserId is { Length: > 450 })
        {
            errors.Add(localizer["Audit.BadUser"]);
            invalid.Add("user");
        }

        var page = 1;
        if (!string.IsNullOrEmpty(PageNumber) && (!int.TryParse(PageNumber, NumberStyles.None, CultureInfo.InvariantCulture, out page) || page < 1))
        {
            errors.Add(localizer["Audit.BadPage", PageNumber]);
            invalid.Add("pageNumber");
        }

        Errors = errors;
        InvalidFields = invalid;
        return errors.Count > 0 ? (null, 1) : (new AuditFilter(from, to, string.IsNullOrEmpty(UserId) ? null : UserId, string.IsNullOrEmpty(Kind) ? null : Kind), page);
    }
}
