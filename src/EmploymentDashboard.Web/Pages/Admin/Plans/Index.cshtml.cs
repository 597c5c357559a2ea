using System.Globalization;
using EmploymentDashboard.Data;
using EmploymentDashboard.Data.Corrections;
using EmploymentDashboard.Data.Entities;
using EmploymentDashboard.Data.Plans;
using EmploymentDashboard.Data.Statistics;
using EmploymentDashboard.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace EmploymentDashboard.Web.Pages.Admin.Plans;

/// <summary>
/// Annual plans (Admin, folder convention): one value per indicator for the region and each district, entered
/// in a grid or uploaded as a CSV/XLSX file (read by the import's ImportTable). Every changed value is an audit
/// entry with its value before and after, saved with the plans in one transaction; the pages show them at once.
/// </summary>
public sealed class IndexModel(
    DashboardDbContext db,
    AuditTrail audit,
    ReferenceDataCache referenceData,
    TimeProvider time,
    IStringLocalizer<SharedResource> localizer) : DashboardPageModel
{
    public const string RegionScope = "region";

    public const long MaxFileBytes = 2 * 1024 * 1024;

    [BindProperty(SupportsGet = true, Name = "year")]
    public string? YearText { get; set; }

    public int Year { get; private set; }

    public IReadOnlyList<int> Years { get; private set; } = [];

    public RegionReference? Region { get; private set; }

    public IReadOnlyList<MeasureReference> Measures { get; private set; } = [];

    public IReadOnlyList<string> Indicators { get; private set; } = [];

    /// <summary>The saved values of the year by scope ("region" or a district code) and indicator; after a refused save, what was typed.</summary>
    public Dictionary<(string Scope, string Indicator), string> Values { get; } = [];

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public IReadOnlySet<(string Scope, string Indicator)> InvalidCells { get; private set; } = new HashSet<(string, string)>();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return Refuse([localizer["Plans.BadYear", YearText ?? string.Empty]]);
        }

        await LoadValuesAsync(cancellationToken);
        return Page();
    }

    /// <summary>Saves the grid: every non-empty cell must be a whole number from 0; an emptied cell removes its plan.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return Refuse([localizer["Plans.BadYear", YearText ?? string.Empty]]);
        }

        var values = new List<PlanValue>();
        var errors = new List<string>();
        var invalid = new HashSet<(string, string)>();
        foreach (var (scope, districtId, name) in Scopes())
        {
            foreach (var indicator in Indicators)
            {
                var text = Request.Form[FieldName(scope, indicator)].ToString().Trim().Replace(" ", string.Empty, StringComparison.Ordinal).Replace("\u00a0", string.Empty, StringComparison.Ordinal);
                Values[(scope, indicator)] = text;
                if (text.Length == 0)
                {
                    values.Add(new PlanValue(districtId, indicator, null));
                }
                else if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value <= AnnualPlanChanges.MaximumValue)
                {
                    values.Add(new PlanValue(districtId, indicator, value));
                }
                else
                {
                    errors.Add(localizer["Plans.BadValueIn", text, name, IndicatorName(indicator), AnnualPlanChanges.MaximumValue.ToString("N0", CultureInfo.CurrentCulture)]);
                    invalid.Add((scope, indicator));
                }
            }
        }

        if (errors.Count > 0)
        {
            InvalidCells = invalid;
            return Refuse(errors);
        }

        var saved = await SaveAsync([.. values.Select(v => (Year, v))], "form", cancellationToken);
        TempData["Message"] = localizer["Plans.Saved", saved, Year].Value;
        return Redirect($"/Admin/Plans?year={Year}");
    }

    /// <summary>Loads plans from a file: all rows or, with any problem, none (the problems are listed by row and column).</summary>
    public async Task<IActionResult> OnPostUploadAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return Refuse([localizer["Plans.BadYear", YearText ?? string.Empty]]);
        }

        await LoadValuesAsync(cancellationToken);
        if (file is null || file.Length == 0)
        {
            return Refuse([localizer["Import.Problem.FileEmpty"]]);
        }

        if (file.Length > MaxFileBytes)
        {
            return Refuse([localizer["Import.Problem.FileTooLarge", (MaxFileBytes / (1024 * 1024)).ToString(CultureInfo.CurrentCulture)]]);
        }

        var districts = new Dictionary<string, int?>(StringComparer.Ordinal) { [RegionScope] = null };
        foreach (var d in Region!.Districts)
        {
            foreach (var key in new[] { d.Code, d.Name.Ru, d.Name.Kk, d.Name.En })
            {
                districts.TryAdd(key.Trim().ToLowerInvariant(), d.Id);
            }
        }

        await using var stream = file.OpenReadStream();
        var (values, problems) = AnnualPlanChanges.ReadFile(stream, districts, [.. Indicators], Years.Min(), Years.Max());
        if (problems.Count > 0)
        {
            return Refuse([.. problems.Take(100).Select(Describe)]);
        }

        var saved = await SaveAsync(values, file.FileName, cancellationToken);
        TempData["Message"] = localizer["Plans.Uploaded", values.Count, saved].Value;
        return Redirect($"/Admin/Plans?year={Year}");
    }

    public static string FieldName(string scope, string indicator) => $"plan:{scope}:{indicator}";

    /// <summary>The rows of the grid: the region, then its districts.</summary>
    public IEnumerable<(string Scope, int? DistrictId, string Name)> Scopes()
    {
        var culture = CultureInfo.CurrentCulture;
        yield return (RegionScope, null, Region!.Region.Name.For(culture));
        foreach (var d in Region.Districts)
        {
            yield return (d.Code, d.Id, d.Name.For(culture));
        }
    }

    public string IndicatorName(string indicator) => PlanIndicators.MeasureOf(indicator) is { } code
        ? localizer["Plans.Indicator.events", Measures.First(m => m.Code == code).Name.For(CultureInfo.CurrentCulture)]
        : localizer[$"Plans.Indicator.{indicator}"];

    private string Describe(PlanFileProblem problem)
    {
        var where = problem.Row == 0 ? string.Empty : localizer["Plans.Where", problem.Row, problem.Column ?? string.Empty].Value + " ";
        var text = problem.Code.StartsWith("Import.", StringComparison.Ordinal)
            ? localizer[$"Import.Problem.{problem.Code["Import.".Length..]}", problem.Detail ?? string.Empty].Value
            : problem.Code == "BadValue"
                ? localizer["Plans.Problem.BadValue", problem.Detail ?? string.Empty, AnnualPlanChanges.MaximumValue.ToString("N0", CultureInfo.CurrentCulture)].Value
                : problem.Code == "BadYear"
                    ? localizer["Plans.Problem.BadYear", problem.Detail ?? string.Empty, Years.Min(), Years.Max()].Value
                    : localizer[$"Plans.Problem.{problem.Code}", problem.Detail ?? string.Empty].Value;
        return where + text;
    }

    /// <summary>Stages the values, writes one audit entry per changed value and the dataset stamp, and commits them together.</summary>
    private async Task<int> SaveAsync(IReadOnlyList<(int Year, PlanValue Value)> values, string source, CancellationToken cancellationToken)
    {
        var codes = Region!.Districts.ToDictionary(d => d.Id, d => d.Code);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var changed = 0;
        foreach (var year in values.Select(v => v.Year).Distinct().Order())
        {
            var changes = await db.StagePlansAsync(Region.Region.Id, year, values.Where(v => v.Year == year).Select(v => v.Value), cancellationToken);
            foreach (var change in changes)
            {
                var scope = change.DistrictId is { } districtId ? codes[districtId] : RegionScope;
                audit.Add(
                    AuditKinds.Plan,
                    change.After is null ? "plan.cleared" : "plan.set",
                    $"plan {year} {scope} {change.Indicator}",
                    new { source },
                    new { value = change.Before },
                    new { value = change.After });
            }

            changed += changes.Count;
        }

        if (changed > 0)
        {
            await db.StampLastUpdateAsync(time.GetUtcNow(), cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        referenceData.Invalidate();
        return changed;
    }

    private PageResult Refuse(IReadOnlyList<string> errors)
    {
        Errors = errors;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var reference = await referenceData.GetAsync(db, cancellationToken);
        Region = reference.Regions.FirstOrDefault();
        Measures = reference.Measures;
        Indicators = PlanIndicators.All(Measures.Select(m => m.Code));
        var today = time.GetUtcNow().Year;
        Years = [.. Enumerable.Range(today - 4, 6).Reverse()];
        Year = Region?.Region is null ? today : reference.Dataset.ReportingYear ?? today;
        if (string.IsNullOrEmpty(YearText))
        {
            return Region is not null;
        }

        if (!int.TryParse(YearText, NumberStyles.None, CultureInfo.InvariantCulture, out var year) || !Years.Contains(year))
        {
            return false;
        }

        Year = year;
        return Region is not null;
    }

    private async Task LoadValuesAsync(CancellationToken cancellationToken)
    {
        var codes = Region!.Districts.ToDictionary(d => d.Id, d => d.Code);
        var plans = await db.AnnualPlans.AsNoTracking().Where(p => p.RegionId == Region.Region.Id && p.Year == Year)
            .Select(p => new { p.DistrictId, p.Indicator, p.Value }).ToListAsync(cancellationToken);
        foreach (var p in plans)
        {
            Values[(p.DistrictId is { } id ? codes[id] : RegionScope, p.Indicator)] = p.Value.ToString(CultureInfo.InvariantCulture);
        }
    }
}
