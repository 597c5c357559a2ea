using System.Diagnostics;
using EmploymentDashboard.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace EmploymentDashboard.Web.Pages;

/// <summary>
/// The friendly error page for every status code: it never shows a stack trace, SQL or connection
/// details. Open to everyone, since anyone can meet an error. It reads no database, so it works when
/// the database is down.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel(ILogger<ErrorModel> logger) : DashboardPageModel
{
    public int Status { get; private set; }

    public string? RequestId { get; private set; }

    public void OnGet(int? code) => Describe(code);

    public void OnPost(int? code) => Describe(code);

    private void Describe(int? code)
    {
        RequestId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
        var exception = HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error;
        // Opened directly, with no error behind it, the error page is just a page that does not exist.
        Status = code is >= 400 and <= 599 ? code.Value : Response.StatusCode >= 400 ? Response.StatusCode : exception is null ? 404 : 500;
        if (exception is not null && DatabaseFailure.IsUnavailable(exception))
        {
            Status = StatusCodes.Status503ServiceUnavailable;
            logger.LogError("Answered 503 to request {RequestId}: the database cannot be reached ({Reason})", RequestId, exception.GetBaseException().Message);
        }

        Response.StatusCode = Status;
        if (Status == StatusCodes.Status503ServiceUnavailable)
        {
            Response.Headers.RetryAfter = "60";
        }
    }
}
