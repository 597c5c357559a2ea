using System.Data.Common;
using System.Globalization;
using EmploymentDashboard.Data;
using EmploymentDashboard.Data.Audit;
using EmploymentDashboard.Data.Csv;
using EmploymentDashboard.Data.Entities;
using EmploymentDashboard.Data.Import;
using EmploymentDashboard.Data.Statistics;
using EmploymentDashboard.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace EmploymentDashboard.Web.Pages.Import;

/// <summary>
/// The import page (Staff and Admin, by the fallback policy): choose a dataset and a reporting year, download
/// its template, upload a file, read the preview (problems by row and column, or what would be added, updated
/// and left unchanged and the dashboards' totals after the import next to today's), then commit it.
/// </summary>
public sealed class IndexModel(
    DashboardDbContext db,
    ReferenceDataCache reference,
    ImportPreviews previews,
    IOptions<ImportOptions> options,
    TimeProvider clock,
    AuditTrail audit,
    IStringLocalizer<SharedResource> localizer,
    ILogger<IndexModel> logger) : DashboardPageModel
{
    /// <summary>Problems listed on the page; the CSV report has them all.</summary>
    public const int ProblemsShown = 200;

    public IReadOnlyList<ImportDefinition> Definitions => ImportDefinition.All;

    public ImportDefinition Selected { get; private set; } = ImportDefinition.All[0];

    public int Year { get; private set; }

    public IReadOnlyList<int> Years { get; private set; } = [];

    /// <summary>False when the pseudonym key is not set: the page explains and offers no upload.</summary>
    public bool Configured => options.Value.Pseudonym() is not null;

    public long MaxFileBytes => options.Value.MaxFileBytes;

    /// <summary>A message about the request as a whole (file too large, preview expired).</summary>
    public string? Message { get; private set; }

    public ImportPreview? Preview { get; private set; }

    public ImportResult? Committed { get; private set; }

    public async Task OnGetAsync(string? dataset, string? problem, CancellationToken cancellationToken)
    {
        await ChooseAsync(dataset, null, cancellationToken);
        if (problem == "too-large")
        {
            Fail(ProblemText(new ImportProblem(0, null, ImportProblemCode.FileTooLarge)));
        }
    }

    /// <summary>An empty template of a dataset (its header), as CSV or XLSX.</summary>
    public IActionResult OnGetTemplate(string? dataset, string? format)
    {
        if (ImportDefinition.Find(dataset) is not { } definition || format is not ("csv" or "xlsx"))
        {
            return NotFound();
        }

        return format == "csv"
            ? File(ImportTemplates.Csv(definition), "text/csv; charset=utf-8", $"{definition.Code}-template.csv")
            : File(ImportTemplates.Xlsx(definition), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"{definition.Code}-template.xlsx");
    }

    /// <summary>The problems of a preview as CSV (row, column, message in the page's language), written by the app's CSV writer.</summary>
    public async Task<IActionResult> OnGetProblemsAsync(string? token, CancellationToken cancellationToken)
    {
        if (await previews.FindAsync(token, UserId, cancellationToken) is not { } preview)
        {
            return NotFound();
        }

        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = $"attachment; filename=\"{preview.Dataset.ToString().ToLowerInvariant()}-problems.csv\"";
        await using var csv = new CsvWriter(Response.Body, CsvFormat.Comma);
        csv.Text(localizer["Import.Row"]).Text(localizer["Import.Column"]).Text(localizer["Import.Problem"]);
        await csv.EndRowAsync(cancellationToken);
        foreach (var problem in preview.Result.Problems)
        {
            csv.Number(problem.Row).Text(problem.Column).Text(ProblemText(problem));
            await csv.EndRowAsync(cancellationToken);
        }

        return new EmptyResult();
    }

    /// <summary>Checks the uploaded file and shows what it would change; nothing is written.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken cancellationToken)
    {
        var form = await Request.ReadFormAsync(cancellationToken);
        await ChooseAsync(form["dataset"], form["year"], cancellationToken);
        if (!Configured)
        {
            return Fail(localizer["Import.NotConfigured"]);
        }

        var file = form.Files.GetFile("file");
        if (file is null || file.Length == 0)
        {
            return Fail(ProblemText(new ImportProblem(0, null, ImportProblemCode.FileEmpty)));
        }

        if (file.Length > MaxFileBytes)
        {
            return Fail(ProblemText(new ImportProblem(0, null, ImportProblemCode.FileTooLarge)));
        }

        var token = ImportPreviews.NewToken();
        var fileName = DataImporter.ShortFileName(file.FileName);
        var references = await ImportReferences.LoadAsync(db, Year, Today, options.Value.Pseudonym()!, cancellationToken);
        ImportResult result;
        await using (var saving = await previews.StartAsync(token, UserId, fileName, Selected.Dataset, Year, cancellationToken))
        {
            await using (var upload = file.OpenReadStream())
            {
                result = await new DataImporter(db).PreviewAsync(Selected, upload, references, saving.Rows, cancellationToken);
            }

            await saving.SaveAsync(result, withRows: !result.HasProblems, cancellationToken);
        }

        Preview = new ImportPreview(token, UserId, fileName, Selected.Dataset, Year, !result.HasProblems, result);
        logger.LogInformation("Import preview of {Dataset} for {Year}: {Rows} rows, {Problems} problems", Selected.Code, Year, result.Rows, result.Problems.Count);
        if (result.HasProblems)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }

        return Page();
    }

    /// <summary>Commits a previewed file in one transaction, then makes every cache show the new data.</summary>
    public async Task<IActionResult> OnPostCommitAsync(string? token, CancellationToken cancellationToken)
    {
        await ChooseAsync(null, null, cancellationToken);
        if (await previews.FindAsync(token, UserId, cancellationToken) is not { HasRows: true } preview)
        {
            return Fail(localizer["Import.PreviewExpired"]);
        }

        await ChooseAsync(preview.Dataset.ToString(), preview.Year.ToString(CultureInfo.InvariantCulture), cancellationToken);
        ImportResult? result;
        try
        {
            // The commit claims the preview in its own transaction: a second commit of it (here or on another
            // instance) finds it gone, and a commit that fails gives it back.
            var author = new ImportAuthor(UserId, User.Identity?.Name ?? UserId, preview.FileName, HttpContext.Connection.RemoteIpAddress?.ToString());
            result = await new DataImporter(db).CommitStagedAsync(
                ImportDefinition.For(preview.Dataset),
                preview.Year,
                (connection, cancel) => previews.TakeAsync(connection, preview.Token, UserId, cancel),
                author,
                cancellationToken);
        }
        catch (Exception ex)
        {
            // The import rolled back; the attempt is still a fact of the audit trail (the committed entry is in the
            // import's transaction, so it is gone with it). The error page follows.
            await AuditAttemptAsync(AuditActions.ImportFailed, preview, new { file = preview.FileName, year = preview.Year, error = ex.GetType().Name });
            throw;
        }

        if (result is null)
        {
            // Another request committed it between the look-up and the claim, or it expired just then.
            return Fail(localizer["Import.PreviewExpired"]);
        }

        if (result.HasProblems)
        {
            // The database changed between the preview and the commit: show the new problems, nothing written. The
            // refused preview is replaced by one with the new problems and nothing to commit.
            await AuditAttemptAsync(AuditActions.ImportRefused, preview, new { file = preview.FileName, year = preview.Year, problems = result.Problems.Count });
            await previews.RemoveAsync(preview.Token, CancellationToken.None);
            Preview = preview with { Token = ImportPreviews.NewToken(), HasRows = false, Result = result };
            await previews.SaveAsync(Preview, CancellationToken.None);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        reference.Invalidate();
        Committed = result;
        logger.LogInformation("Import committed: {Dataset} for {Year}, {Added} added, {Updated} updated, {Unchanged} unchanged", preview.Dataset, preview.Year, result.Added, result.Updated, result.Unchanged);
        return Page();
    }

    /// <summary>
    /// Writes the audit entry of a commit that wrote nothing (refused or failed), in its own transaction after the
    /// import's rolled back. When even that fails (the database is gone), the log says so and the request goes on.
    /// </summary>
    private async Task AuditAttemptAsync(string action, ImportPreview preview, object details)
    {
        try
        {
            db.ChangeTracker.Clear();
            await audit.WriteAsync(AuditKinds.Import, action, preview.Dataset.ToString().ToLowerInvariant(), details, cancellationToken: CancellationToken.None);
        }
        catch (Exception ex) when (ex is DbException or DbUpdateException or InvalidOperationException or TimeoutException)
        {
            logger.LogError(ex, "Could not write the audit entry {Action} of an import of {Dataset}", action, preview.Dataset);
        }
    }

    /// <summary>A problem in the page's language.</summary>
    public string ProblemText(ImportProblem problem) => problem.Code switch
    {
        ImportProblemCode.FileTooLarge => localizer["Import.Problem.FileTooLarge", (MaxFileBytes / (1024 * 1024)).ToString(CultureInfo.CurrentCulture)],
        ImportProblemCode.RecordTooLarge => localizer["Import.Problem.RecordTooLarge", (ImportTable.MaxRecordChars / (1024 * 1024)).ToString(CultureInfo.CurrentCulture)],
        ImportProblemCode.TooManyProblems => localizer["Import.Problem.TooManyProblems", DataImporter.MaxProblems.ToString("N0", CultureInfo.CurrentCulture)],
        ImportProblemCode.OtherDatasetHeader => localizer["Import.Problem.OtherDatasetHeader", localizer[$"Import.Dataset.{problem.Detail}"]],
        _ => localizer[$"Import.Problem.{problem.Code}", problem.Detail ?? string.Empty],
    };

    private string UserId => User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value ?? string.Empty;

    private DateOnly Today => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);

    private Microsoft.AspNetCore.Mvc.RazorPages.PageResult Fail(string message)
    {
        Message = message;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task ChooseAsync(string? dataset, string? year, CancellationToken cancellationToken)
    {
        Dataset = (await reference.GetAsync(db, cancellationToken)).Dataset;
        Selected = ImportDefinition.Find(dataset) ?? (Enum.TryParse<ImportDataset>(dataset, true, out var d) ? ImportDefinition.For(d) : ImportDefinition.All[0]);
        Years = [.. Enumerable.Range(Today.Year - 9, 10).Reverse()];
        Year = int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && Years.Contains(y)
            ? y
            : Dataset.ReportingYear is { } r && Years.Contains(r) ? r : Today.Year;
    }
}
