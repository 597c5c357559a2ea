using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace EmploymentDashboard.Web.Infrastructure;

/// <summary>
/// What the app says at the HTTP level: no Server header naming the web server, and pages answer only
/// the methods a browser uses on them (GET, HEAD, POST): TRACE, PUT, DELETE and the rest get 405 with
/// an Allow header instead of the page being rendered as for a GET.
/// </summary>
public static class HttpProtocol
{
    public const string PageMethods = "GET, HEAD, POST";

    public static IServiceCollection AddHttpProtocolRules(this IServiceCollection services) =>
        services.Configure<KestrelServerOptions>(options => options.AddServerHeader = false);

    /// <summary>After routing: refuses other methods on Razor Pages endpoints.</summary>
    public static IApplicationBuilder UsePageMethodsOnly(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var method = context.Request.Method;
            if (context.GetEndpoint()?.Metadata.GetMetadata<PageActionDescriptor>() is not null
                && !HttpMethods.IsGet(method) && !HttpMethods.IsHead(method) && !HttpMethods.IsPost(method))
            {
                context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
                context.Response.Headers.Allow = PageMethods;
                return Task.CompletedTask;
            }

            return next(context);
        });
}
