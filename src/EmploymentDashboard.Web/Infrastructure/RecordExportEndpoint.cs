using System.Globalization;
using System.Threading.RateLimiting;
using EmploymentDashboard.Data;
using EmploymentDashboard.Data.Audit;
using EmploymentDashboard.Data.Csv;
using EmploymentDashboard.Data.Entities;
using EmploymentDashboard.Data.Statistics;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace EmploymentDashboard.Web.Infrastructure;

/// <summary>
/// Record-level CSV exports for analysts: GET /exports/records/{dataset}.csv with the dashboard filters.
/// Analyst and Admin only, rate limited per user, recorded in the audit trail (who, when, dataset,
/// filters, rows), and streamed from the database to the response. An export cut short (the client went away, or
/// the instance is stopping: <see cref="GracefulShutdown"/>) ends with its connection aborted, never with the last
/// chunk of a complete-looking file, so the browser shows a failed download.
/// </summary>
public static class RecordExportEndpoint
{
    public const string RateLimitPolicy = "exports";

    public static IServiceCollection AddExportRateLimit(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<Microsoft.AspNetCore.RateLimiting.RateLimiterOptions>(options =>
            options.AddPolicy(RateLimitPolicy, context =>
            {
                var permits = configuration.GetValue($"{DashboardOptions.SectionName}:ExportsPerMinute", 10);
                return RateLimitPartition.GetFixedWindowLimiter(
                    context.User.Identity?.Name ?? context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = Math.Max(1, permits), Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
            }));
        return services;
    }

    public static IEndpointConventionBuilder MapRecordExports(this IEndpointRouteBuilder app) =>
        app.MapGet("/exports/records/{dataset}.csv", HandleAsync)
            .RequireAuthorization(Policies.Analyst)
            .RequireRateLimiting(RateLimitPolicy);

    private static async Task HandleAsync(
        string dataset,
        [AsParameters] FilterRequest filterRequest,
        HttpContext context,
        DashboardDbContext db,
        DashboardReadDbContext reads,
        UserManager<DashboardUser> users,
        IStringLocalizer<SharedResource> localizer,
        AuditTrail audit,
        GracefulShutdown shutdown,
        ILoggerFactory loggers)
    {
        var cancellationToken = context.RequestAborted;
        if (!RecordExports.Datasets.Contains(dataset))
        {
            await Problem(context, StatusCodes.Status404NotFound, $"There is no dataset \"{dataset}\". Datasets: {string.Join(", ", RecordExports.Datasets)}.");
            return;
        }

        var user = await users.GetUserAsync(context.User);
        if (user is null)
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        var (request, formatProblem) = ExportRequest.Parse(context.Request.Query, user.CsvDelimiter);
        var reference = await context.RequestServices.GetRequiredService<ReferenceDataCache>().GetAsync(reads, cancellationToken);
        var filters = FilterQuery.Resolve(reference, filterRequest, localizer);
        if (formatProblem is not null || request!.Format != "csv" || filters.Problem is not null || filters.Filter is null)
        {
            await Problem(context, StatusCodes.Status400BadRequest, formatProblem ?? filters.Problem ?? (request?.Format != "csv" ? "Record-level exports are CSV only." : "There are no data to export."));
            return;
        }

        // The rows come from a standby when there is one (ReadReplicas); the audit entries are written on the primary.
        // The remembered layout is only read here: a GET never changes state (it is saved by the Exports page's POST).
        // The audit trail is append-only, so the export is two entries: its start, written before any row is
        // sent, and its end (completed, cancelled or failed, with the rows written), which refers to the start.
        var filtersText = context.Request.QueryString.Value ?? string.Empty;
        var started = await audit.WriteAsync(AuditKinds.Export, AuditActions.ExportStarted, dataset, new { filters = filtersText }, cancellationToken: cancellationToken);
        var userName = user.UserName ?? user.Id;
        var action = AuditActions.ExportFailed;
        long? rows = null;

        var culture = CultureInfo.CurrentUICulture;
        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{ExportRequest.FileName(dataset, filters.Filter, filters.Selected["district"], "csv")}\"";
        context.Response.Headers.CacheControl = "no-store";
        var logger = loggers.CreateLogger(typeof(RecordExportEndpoint));
        var csv = new CsvWriter(context.Response.Body, request.Csv);
        using var streaming = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, shutdown.Draining);
        try
        {
            rows = await RecordExports.WriteAsync(reads, dataset, filters.Filter, csv, column => request.CodeHeaders ? column : localizer[$"Export.Column.{column}"].Value, streaming.Token);
            action = AuditActions.ExportCompleted;
            await csv.DisposeAsync();
        }
        catch (OperationCanceledException)
        {
            // Rows written before the client went away (the header row excluded).
            rows = Math.Max(0, csv.Rows - 1);
            action = AuditActions.ExportCancelled;

            // Returning normally would end the chunked response as if the file were complete: abort the connection
            // instead, so the client sees a failed transfer.
            context.Abort();
            if (shutdown.Draining.IsCancellationRequested)
            {
                logger.LogWarning("Export {Dataset} by {User} was cancelled because the instance is stopping", dataset, userName);
            }
            else
            {
                logger.LogWarning("Export {Dataset} by {User} was cancelled by the client", dataset, userName);
            }
        }
        catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or Npgsql.NpgsqlException)
        {
            logger.LogError(ex, "Export {Dataset} by {User} failed", dataset, userName);
            throw;
        }
        finally
        {
            await audit.WriteAsync(AuditKinds.Export, action, dataset, new { filters = filtersText, rows }, relatesTo: started.Id, cancellationToken: CancellationToken.None);
            logger.LogInformation("Export {Dataset} by {User}: {Status}, {Rows} rows, filters {Filters}", dataset, userName, action, rows, filtersText);
        }
    }

    /// <summary>Errors are problem+json, as everywhere in the API.</summary>
    private static Task Problem(HttpContext context, int status, string message) =>
        TypedResults.Problem(message, statusCode: status).ExecuteAsync(context);
}
