using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.WebUtilities;

namespace EmploymentDashboard.Web.Infrastructure;

/// <summary>
/// The three languages of the dashboard: Russian (the default), Kazakh and English. A language is
/// chosen by the "lang" query-string value (so links carry it), then the culture cookie, then the
/// browser's Accept-Language.
/// </summary>
public static class Cultures
{
    public const string QueryKey = "lang";

    public const string Default = "ru";

    /// <summary>Language codes with the name each language has for itself, in switcher order.</summary>
    public static readonly IReadOnlyList<(string Code, string NativeName)> Supported =
    [
        ("ru", "Русский"),
        ("kk", "Қазақша"),
        ("en", "English"),
    ];

    public static RequestLocalizationOptions CreateOptions()
    {
        var cultures = Supported.Select(s => new CultureInfo(s.Code)).ToList();
        var options = new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(Default),
            SupportedCultures = cultures,
            SupportedUICultures = cultures,
        };
        options.RequestCultureProviders =
        [
            new QueryStringRequestCultureProvider { QueryStringKey = QueryKey, UIQueryStringKey = QueryKey },
            new ReExecutedRequestCultureProvider(),
            new CookieRequestCultureProvider(),
            new AcceptLanguageHeaderRequestCultureProvider(),
        ];
        return options;
    }

    /// <summary>Remembers a language chosen by link in the culture cookie, so the next page keeps it.</summary>
    public static IApplicationBuilder UseLanguageCookie(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var requested = context.Request.Query[QueryKey].ToString();
            // Set only when it changes, so that a page asked for in the language already chosen sets no
            // cookie and can be answered from the anonymous response cache.
            if (Supported.Any(s => s.Code == requested)
                && context.Request.Cookies[CookieRequestCultureProvider.DefaultCookieName] != CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(requested)))
            {
                context.Response.Cookies.Append(
                    CookieRequestCultureProvider.DefaultCookieName,
                    CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(requested)),
                    new CookieOptions
                    {
                        Expires = DateTimeOffset.UtcNow.AddYears(1),
                        HttpOnly = true,
                        IsEssential = true,
                        SameSite = SameSiteMode.Lax,
                        Secure = context.Request.IsHttps,
                    });
            }

            await next();
        });

    /// <summary>The current page's address in another language: same path and query, "lang" replaced.</summary>
    public static string UrlFor(HttpRequest request, string language)
    {
        var query = QueryHelpers.ParseQuery(request.QueryString.Value)
            .Where(q => !string.Equals(q.Key, QueryKey, StringComparison.OrdinalIgnoreCase))
            .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)))
            .Append(new KeyValuePair<string, string?>(QueryKey, language));
        return QueryHelpers.AddQueryString($"{request.PathBase}{request.Path}", query);
    }

    /// <summary>
    /// An error page re-executed for a status code (404, 400, ...) runs with the query string "?code=N",
    /// so the "lang" of the address the visitor asked for is read from the original query string: a
    /// first visit to /nope?lang=kk, with no language cookie yet, gets the Kazakh error page.
    /// </summary>
    private sealed class ReExecutedRequestCultureProvider : RequestCultureProvider
    {
        public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
        {
            var original = httpContext.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalQueryString;
            if (string.IsNullOrEmpty(original)
                || !QueryHelpers.ParseQuery(original).TryGetValue(QueryKey, out var values)
                || values.ToString() is not { Length: > 0 } language)
            {
                return NullProviderCultureResult;
            }

            return Task.FromResult<ProviderCultureResult?>(new ProviderCultureResult(language));
        }
    }
}
