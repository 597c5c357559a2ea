using System.Globalization;
using EmploymentDashboard.Data.Entities;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using System.Runtime.ExceptionServices;

namespace EmploymentDashboard.Web.Infrastructure;

/// <summary>
/// How long a staff session lives and what ends it. The cookie expires after <see cref="IdleTimeout"/>
/// without a request (sliding), and whatever the activity after <see cref="AbsoluteLifetime"/> from the
/// sign-in: that moment is written into the cookie once and never moved by sliding renewal. On every
/// request the account's security stamp is compared with the one in the cookie, so a sign-out, a
/// disable, a role change or a password reset (each of which writes a new stamp to PostgreSQL) ends
/// every session of the account at its next request, on every instance.
/// </summary>
public static class SessionLifetime
{
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(30);

    public static readonly TimeSpan AbsoluteLifetime = TimeSpan.FromHours(12);

    /// <summary>The authentication-properties item holding the sign-in moment (round-trip format, UTC).</summary>
    public const string SignedInAtItem = ".dashboard.signed-in-at";

    /// <summary>Marks a request whose session could not be checked because the database is down.</summary>
    private const string DatabaseDownItem = ".dashboard.session-unchecked";

    /// <summary>Stamps the sign-in moment into a new session cookie; a refreshed session (after a password change) keeps its own.</summary>
    public static Task OnSigningIn(CookieSigningInContext context)
    {
        var now = context.Options.TimeProvider?.GetUtcNow() ?? DateTimeOffset.UtcNow;
        context.Properties.Items.TryAdd(SignedInAtItem, now.ToString("O", CultureInfo.InvariantCulture));
        context.Properties.IsPersistent = false;
        return Task.CompletedTask;
    }

    /// <summary>Refuses a cookie past its absolute lifetime, or whose account's stamp changed or which is disabled.</summary>
    public static async Task OnValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var now = context.Options.TimeProvider?.GetUtcNow() ?? DateTimeOffset.UtcNow;
        if (!context.Properties.Items.TryGetValue(SignedInAtItem, out var signedInAt)
            || !DateTimeOffset.TryParseExact(signedInAt, "O", CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var started)
            || now - started >= AbsoluteLifetime
            || now < started)
        {
            await RejectAsync(context);
            return;
        }

        var signIn = context.HttpContext.RequestServices.GetRequiredService<SignInManager<DashboardUser>>();
        try
        {
            if (await signIn.ValidateSecurityStampAsync(context.Principal) is null)
            {
                await RejectAsync(context);
            }
        }
        catch (Exception ex) when (DatabaseFailure.IsUnavailable(ex))
        {
            // The session cannot be checked while the database is down. The request goes on without the user (and
            // the cookie stays, so the session goes on once the database is back); UseSessionCheckFailures turns it
            // into the 503 page. Throwing here would not do: the handler caches its result for the request, so the
            // error page itself would fail too.
            context.RejectPrincipal();
            context.HttpContext.Items[DatabaseDownItem] = ExceptionDispatchInfo.Capture(ex);
        }
    }

    /// <summary>
    /// Answers a request whose session could not be checked (the database is down) with the exception handler's
    /// 503 page, rather than treating the person as anonymous. Goes right after UseAuthentication.
    /// </summary>
    public static IApplicationBuilder UseSessionCheckFailures(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (context.Items.Remove(DatabaseDownItem, out var failure) && failure is ExceptionDispatchInfo exception)
            {
                // Thrown once: the error page that renders next sees no user and no failure.
                exception.Throw();
            }

            return next(context);
        });

    private static async Task RejectAsync(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(context.Scheme.Name);
    }
}
