using System.Globalization;
using EmploymentDashboard.Data;
using EmploymentDashboard.Data.Corrections;
using EmploymentDashboard.Data.Entities;
using EmploymentDashboard.Data.Statistics;
using EmploymentDashboard.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace EmploymentDashboard.Web.Pages.Records;

/// <summary>
/// Corrects one record (staff, the fallback policy): a placement's measure or date, a quota's filled places,
/// a grant's amount. The form carries the row's version (PostgreSQL's xmin); a save against an older version
/// (someone else saved in between) is refused with 409 and overwrites nothing. A save writes the record, an
/// audit entry with the values before and after, and the dataset's last-update stamp in one transaction; the
/// rollup triggers follow in it, and the cached reference data and public answers are dropped at once.
/// </summary>
public sealed class EditModel(
    DashboardDbContext db,
    AuditTrail audit,
    ReferenceDataCache referenceData,
    TimeProvider time,
    IStringLocalizer<SharedResource> localizer) : DashboardPageModel
{
    public const string Placement = "placement";

    public const string Grant = "grant";

    public const string Quota = "quota";

    /// <summary>The largest grant amount the form accepts (the state grant is about 400 MCI, under 2 million tenge).</summary>
    public const decimal MaximumGrantKzt = 100_000_000m;

    [BindProperty(SupportsGet = true)]
    public string Kind { get; set; } = string.Empty;

    [BindProperty(SupportsGet = true)]
    public long Id { get; set; }

    /// <summary>What the form posts; on GET, the saved values.</summary>
    [BindProperty]
    public CorrectionForm Form { get; set; } = new();

    /// <summary>The record as saved now, for the read-only facts beside the form.</summary>
    public RecordFacts? Facts { get; private set; }

    public IReadOnlyList<MeasureReference> Measures { get; private set; } = [];

    public IReadOnlyList<string> Errors { get; private set; } = [];

    /// <summary>The fields the errors are about, marked aria-invalid.</summary>
    public IReadOnlySet<string> InvalidFields { get; private set; } = new HashSet<string>();

    public bool Conflict { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        Form = Facts!.Current;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        var reference = await referenceData.GetAsync(db, cancellationToken);
        var errors = new List<string>();
        var invalid = new HashSet<string>();
        if (Form.Reason is { Length: > 500 })
        {
            errors.Add(localizer["Records.ReasonTooLong", 500]);
            invalid.Add("reason");
        }

        var now = time.GetUtcNow();
        var saved = Facts!.Current;
        object before;
        object after;
        switch (Kind)
        {
            case Placement:
                var measure = Measures.FirstOrDefault(m => m.Code == Form.Measure);
                if (measure is null)
                {
                    errors.Add(localizer["Records.UnknownMeasure"]);
                    invalid.Add("measure");
                }

                var date = ParseDate(Form.Date, reference, DateOnly.FromDateTime(now.UtcDateTime), errors, invalid);
                before = new { measure = saved.Measure, date = saved.Date };
                after = new { measure = Form.Measure, date = date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) };
                if (errors.Count == 0)
                {
                    var placement = await db.Placements.SingleAsync(p => p.Id == Id, cancellationToken);
                    Expect(placement);
                    placement.MeasureId = measure!.Id;
                    placement.Date = date!.Value;
                }

                break;
            case Grant:
                var amount = ParseAmount(Form.Amount, errors, invalid);
                before = new { amountKzt = decimal.Parse(saved.Amount!, CultureInfo.InvariantCulture) };
                after = new { amountKzt = amount };
                if (errors.Count == 0)
                {
                    var grant = await db.Grants.SingleAsync(g => g.Id == Id, cancellationToken);
                    Expect(grant);
                    grant.AmountKzt = amount!.Value;
                }

                break;
            default:
                var filled = ParsePlaces(Form.PlacesFilled, Facts.PlacesSet!.Value, errors, invalid);
                before = new { placesFilled = int.Parse(saved.PlacesFilled!, CultureInfo.InvariantCulture) };
                after = new { placesFilled = filled };
                if (errors.Count == 0)
                {
                    var quota = await db.EmployerQuotas.SingleAsync(q => q.Id == Id, cancellationToken);
                    Expect(quota);
                    quota.PlacesFilled = filled!.Value;
                }

                break;
        }

        if (errors.Count > 0)
        {
            return Refuse(errors, invalid, StatusCodes.Status400BadRequest);
        }

        if (!db.ChangeTracker.HasChanges())
        {
            TempData["Message"] = localizer["Records.NoChange"].Value;
            return Redirect(Path);
        }

        audit.Add(AuditKinds.Correction, $"{Kind}.corrected", $"{Kind} {Id}", string.IsNullOrWhiteSpace(Form.Reason) ? null : new { reason = Form.Reason.Trim() }, before, after);
        await db.StampLastUpdateAsync(now, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone saved this record after the form was opened: nothing of this save is kept.
            db.ChangeTracker.Clear();
            await LoadAsync(cancellationToken);
            Conflict = true;
            var mine = Form;
            Form = Facts!.Current with { Reason = mine.Reason };
            return Refuse([localizer["Records.Conflict"]], new HashSet<string>(), StatusCodes.Status409Conflict);
        }

        referenceData.Invalidate();
        TempData["Message"] = localizer["Records.Saved"].Value;
        return Redirect(Path);
    }

    /// <summary>This record's correction page.</summary>
    public string Path => $"/Records/Edit/{Kind}/{Id}";

    /// <summary>The version the form was opened on is the one the save must find; otherwise SaveChanges throws.</summary>
    private void Expect(object entity)
    {
        if (!uint.TryParse(Form.Version, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            version = 0;
        }

        db.Entry(entity).Property("Version").OriginalValue = version;
    }

    private PageResult Refuse(IReadOnlyList<string> errors, IReadOnlySet<string> invalid, int status)
    {
        Errors = errors;
        InvalidFields = invalid;
        Response.StatusCode = status;
        return Page();
    }

    private DateOnly? ParseDate(string? text, ReferenceData reference, DateOnly today, List<string> errors, HashSet<string> invalid)
    {
        text = text?.Trim();
        if (string.IsNullOrEmpty(text)
            || !DateOnly.TryParseExact(text, ["yyyy-MM-dd", "dd.MM.yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            errors.Add(localizer["Records.BadDate", text ?? string.Empty]);
            invalid.Add("date");
            return null;
        }

        var firstYear = reference.Regions.SelectMany(r => r.Years).DefaultIfEmpty(today.Year).Min();
        if (date > today)
        {
            errors.Add(localizer["Records.DateInFuture", text]);
            invalid.Add("date");
            return null;
        }

        if (date.Year < firstYear)
        {
            errors.Add(localizer["Records.DateTooEarly", text, firstYear]);
            invalid.Add("date");
            return null;
        }

        return date;
    }

    private decimal? ParseAmount(string? text, List<string> errors, HashSet<string> invalid)
    {
        // People type "1 572 800,50" as often as "1572800.50": spaces (also no-break) go, a decimal comma becomes a point.
        var normal = (text ?? string.Empty).Trim().Replace(" ", string.Empty, StringComparison.Ordinal).Replace("\u00a0", string.Empty, StringComparison.Ordinal)
            .Replace("\u202f", string.Empty, StringComparison.Ordinal).Replace(',', '.');
        if (normal.Length == 0 || normal.Length > 20
            || !decimal.TryParse(normal, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount)
            || decimal.Round(amount, 2) != amount)
        {
            errors.Add(localizer["Records.BadAmount", text ?? string.Empty]);
            invalid.Add("amount");
            return null;
        }

        if (amount <= 0 || amount > MaximumGrantKzt)
        {
            errors.Add(localizer["Records.AmountRange", MaximumGrantKzt.ToString("N0", CultureInfo.CurrentCulture)]);
            invalid.Add("amount");
            return null;
        }

        return amount;
    }

    private int? ParsePlaces(string? text, int placesSet, List<string> errors, HashSet<string> invalid)
    {
        if (!int.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var places))
        {
            errors.Add(localizer["Records.BadPlaces", text ?? string.Empty]);
            invalid.Add("placesFilled");
            return null;
        }

        if (places > placesSet)
        {
            errors.Add(localizer["Records.PlacesRange", placesSet]);
            invalid.Add("placesFilled");
            return null;
        }

        return places;
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        Measures = [.. (await referenceData.GetAsync(db, cancellationToken)).Measures.Where(m => m.Kind != MeasureKind.Grant)];
        Facts = Kind switch
        {
            Placement => await db.Placements.AsNoTracking().Where(p => p.Id == Id)
                .Select(p => new RecordFacts(
                    new CorrectionForm { Measure = p.Measure!.Code, Date = p.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Version = p.Version.ToString(CultureInfo.InvariantCulture) },
                    p.ParticipantId.ToString(),
                    p.District!.Name,
                    p.Employer != null ? p.Employer.Name : null,
                    null))
                .SingleOrDefaultAsync(cancellationToken),
            Grant => await db.Grants.AsNoTracking().Where(g => g.Id == Id)
                .Select(g => new RecordFacts(
                    new CorrectionForm { Amount = g.AmountKzt.ToString(CultureInfo.InvariantCulture), Version = g.Version.ToString(CultureInfo.InvariantCulture) },
                    g.ParticipantId.ToString(),
                    g.District!.Name,
                    null,
                    null) { Date = g.Date, Sector = g.Sector.ToString() })
                .SingleOrDefaultAsync(cancellationToken),
            Quota when Id <= int.MaxValue => await db.EmployerQuotas.AsNoTracking().Where(q => q.Id == Id)
                .Select(q => new RecordFacts(
                    new CorrectionForm { PlacesFilled = q.PlacesFilled.ToString(CultureInfo.InvariantCulture), Version = q.Version.ToString(CultureInfo.InvariantCulture) },
                    null,
                    q.Employer!.District!.Name,
                    q.Employer.Name + " (" + q.Employer.Bin + ")",
                    q.PlacesSet) { Year = q.Year })
                .SingleOrDefaultAsync(cancellationToken),
            _ => null,
        };
        return Facts is not null;
    }

    /// <summary>The correction form's fields, as typed (parsed and checked on save).</summary>
    public sealed record CorrectionForm
    {
        public string? Measure { get; set; }

        public string? Date { get; set; }

        public string? Amount { get; set; }

        public string? PlacesFilled { get; set; }

        /// <summary>Why the record is corrected (optional, kept in the audit trail).</summary>
        public string? Reason { get; set; }

        /// <summary>The row version (xmin) the form was opened on.</summary>
        public string? Version { get; set; }
    }

    /// <summary>A record as saved: the correctable values and the facts shown beside them.</summary>
    public sealed record RecordFacts(CorrectionForm Current, string? Participant, LocalizedName District, string? Employer, int? PlacesSet)
    {
        public DateOnly? Date { get; init; }

        public string? Sector { get; init; }

        public int? Year { get; init; }
    }
}
