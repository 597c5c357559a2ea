using System.Security.Claims;
using Serilog;
using Serilog.Context;

namespace EmploymentDashboard.Web.Infrastructure;

/// <summary>
/// Every log line written during a request carries its <c>RequestId</c> and, once the user is known,
/// the account's <c>UserId</c> (the Identity id, never the e-mail; "anonymous" for the public). The
/// request-completion line gets both too. Personal data stays out of the logs.
/// </summary>
public static class RequestLogContext
{
    public const string Anonymous = "anonymous";

    /// <summary>First in the pipeline: the request id on every line, including those of the error handler.</summary>
    public static IApplicationBuilder UseRequestIdLogContext(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            using (LogContext.PushProperty("RequestId", context.TraceIdentifier))
            {
                await next();
            }
        });

    /// <summary>Right after authentication: the user id on every later line and on the completion line.</summary>
    public static IApplicationBuilder UseUserIdLogContext(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var userId = context.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? Anonymous;
            context.RequestServices.GetService<IDiagnosticContext>()?.Set("UserId", userId);
            using (LogContext.PushProperty("UserId", userId))
            {
                await next();
            }
        });
}
