using System.Security.Cryptography;
using System.Text;
using EmploymentDashboard.Data.Entities;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;

namespace EmploymentDashboard.Web.Infrastructure;

/// <summary>
/// Checks an e-mail and password without telling a guesser anything: the same answer, after the same
/// work (the password hash runs against a dummy hash for an unknown e-mail and for a disabled account
/// too), for every e-mail. Failures slow the client address and the typed e-mail down with growing delays
/// (<see cref="SignInThrottle"/>), whether the account exists or not; a browser where the account signed in
/// before (a signed "known device" cookie) is throttled on its own, so an attacker cannot keep the real
/// user out. Every failure is logged with the client address and the account id when the account exists:
/// never the password and never the typed e-mail, which is personal data and often a mistyped password.
/// </summary>
public sealed class StaffSignIn(
    UserManager<DashboardUser> users,
    SignInManager<DashboardUser> signIn,
    IPasswordHasher<DashboardUser> hasher,
    SignInThrottle throttle,
    DummyPasswordHash dummy,
    IDataProtectionProvider dataProtection,
    TimeProvider time,
    AuditTrail audit,
    ILogger<StaffSignIn> logger)
{
    /// <summary>Failures from one client address before delays start.</summary>
    public const int FreeFailuresPerAddress = 5;

    /// <summary>Failures against one e-mail (from anywhere but a known device) before delays start.</summary>
    public const int FreeFailuresPerAccount = 10;

    /// <summary>Failures from one known device before delays start.</summary>
    public const int FreeFailuresPerDevice = 5;

    public const string DeviceCookieName = "EmploymentDashboard.Device";

    public static readonly TimeSpan DeviceCookieLifetime = TimeSpan.FromDays(180);

    private IDataProtector Devices => dataProtection.CreateProtector("EmploymentDashboard.KnownDevice.v1");

    public async Task<SignInOutcome> SignInAsync(HttpContext http, string email, string password)
    {
        var address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var user = await users.FindByEmailAsync(email);
        var device = user is null ? null : ReadDevice(http, user.Id);
        (string Key, int Free)[] keys = device is not null
            ? [($"device:{device}", FreeFailuresPerDevice)]
            : [($"address:{address}", FreeFailuresPerAddress), (AccountKey(email), FreeFailuresPerAccount)];

        var wait = keys.Select(k => throttle.WaitFor(k.Key, k.Free)).Max();
        if (wait > TimeSpan.Zero)
        {
            logger.LogWarning("Sign-in throttled from {ClientAddress} for account {AccountId}; next attempt in {WaitSeconds} s", address, user?.Id, (int)Math.Ceiling(wait.TotalSeconds));
            return SignInOutcome.Throttled(wait);
        }

        // The hash always runs once, so the answer takes as long for an unknown e-mail as for a real one.
        bool passwordMatches;
        if (user is null)
        {
            _ = hasher.VerifyHashedPassword(dummy.User, dummy.Hash, password);
            passwordMatches = false;
        }
        else
        {
            passwordMatches = await users.CheckPasswordAsync(user, password);
        }

        if (user is null || !passwordMatches || !await signIn.CanSignInAsync(user))
        {
            foreach (var (key, _) in keys)
            {
                throttle.Failed(key);
            }

            logger.LogWarning("Sign-in failed from {ClientAddress} for account {AccountId}", address, user?.Id ?? "(no such account)");

            // A failure that starts or lengthens a delay goes to the audit trail: which keys wait and how long
            // (never the typed e-mail or password). Earlier failures are only logged, so the table cannot be flooded.
            var delayed = keys.Select(k => (Kind: k.Key[..k.Key.IndexOf(':', StringComparison.Ordinal)], Wait: throttle.WaitFor(k.Key, k.Free))).Where(k => k.Wait > TimeSpan.Zero).ToList();
            if (delayed.Count > 0)
            {
                await audit.WriteAsync(
                    AuditKinds.SignIn,
                    "sign-in.delayed",
                    user is null ? "no such account" : $"user {user.Id}",
                    new { delayedKeys = delayed.Select(k => k.Kind), delaySeconds = (int)Math.Ceiling(delayed.Max(k => k.Wait).TotalSeconds) });
            }

            return SignInOutcome.Failed;
        }

        foreach (var (key, _) in keys.Where(k => !k.Key.StartsWith("address:", StringComparison.Ordinal)))
        {
            throttle.Clear(key);
        }

        await signIn.SignInAsync(user, isPersistent: false);
        RememberDevice(http, user.Id, device);
        logger.LogInformation("Account {AccountId} signed in from {ClientAddress}", user.Id, address);
        return SignInOutcome.SignedIn;
    }

    /// <summary>The throttle key of a typed e-mail: a hash, so that the table never holds addresses in clear.</summary>
    public static string AccountKey(string email) =>
        "account:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(email.Trim().ToUpperInvariant())));

    private string? ReadDevice(HttpContext http, string userId)
    {
        if (!http.Request.Cookies.TryGetValue(DeviceCookieName, out var cookie) || string.IsNullOrEmpty(cookie))
        {
            return null;
        }

        try
        {
            var parts = Devices.Unprotect(cookie).Split('|');
            return parts.Length == 3 && parts[0] == userId
                && long.TryParse(parts[2], out var issued)
                && time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(issued) < DeviceCookieLifetime
                ? parts[1]
                : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private void RememberDevice(HttpContext http, string userId, string? device)
    {
        device ??= Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var now = time.GetUtcNow();
        var value = Devices.Protect($"{userId}|{device}|{now.ToUnixTimeSeconds()}");
        http.Response.Cookies.Append(DeviceCookieName, value, new CookieOptions
        {
            HttpOnly = true,
            Secure = http.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
            Path = "/Account",
            Expires = now + DeviceCookieLifetime,
            IsEssential = true,
        });
    }
}

/// <summary>What a sign-in attempt came to.</summary>
public sealed record SignInOutcome(bool Succeeded, TimeSpan RetryAfter)
{
    public static readonly SignInOutcome SignedIn = new(true, TimeSpan.Zero);

    public static readonly SignInOutcome Failed = new(false, TimeSpan.Zero);

    public bool IsThrottled => RetryAfter > TimeSpan.Zero;

    public static SignInOutcome Throttled(TimeSpan wait) => new(false, wait);
}

/// <summary>A hash of a random password, made once with the app's hasher settings, to verify against when the e-mail is unknown.</summary>
public sealed class DummyPasswordHash
{
    public DummyPasswordHash(Microsoft.Extensions.Options.IOptions<PasswordHasherOptions> options) =>
        Hash = new PasswordHasher<DashboardUser>(options).HashPassword(User, Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)));

    public DashboardUser User { get; } = new() { UserName = "dummy", Email = "dummy@invalid" };

    public string Hash { get; }
}
