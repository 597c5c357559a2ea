using EmploymentDashboard.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace EmploymentDashboard.Web.Infrastructure;

/// <summary>
/// The password policy of ASVS 2.1: length, not composition. At least
/// <see cref="DashboardIdentity.MinimumPasswordLength"/> characters, up to <see cref="MaximumLength"/> (long
/// passphrases in any script welcome, no required character classes), and refused when zxcvbn rates it
/// easy to guess: common passwords, keyboard walks, dictionary words with digits, dates, repeats, or the
/// account's own e-mail or name and the dashboard's words.
/// </summary>
public sealed class PasswordStrength(IStringLocalizer<SharedResource> localizer) : IPasswordValidator<DashboardUser>
{
    /// <summary>Long enough for any passphrase; bounded so that hashing a pasted book cannot tie up the server.</summary>
    public const int MaximumLength = 256;

    /// <summary>zxcvbn scores 0–4; 3 means "safely unguessable: moderate protection from offline slow-hash attacks".</summary>
    public const int MinimumScore = 3;

    private static readonly string[] _siteWords = ["karaganda", "qaraghandy", "караганда", "қарағанды", "akimat", "әкімдік", "акимат", "dashboard", "employment", "password", "пароль", "құпиясөз"];

    public Task<IdentityResult> ValidateAsync(UserManager<DashboardUser> manager, DashboardUser user, string? password)
    {
        password ??= string.Empty;
        if (password.Length > MaximumLength)
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError { Code = "PasswordTooLong", Description = localizer["Password.TooLong", MaximumLength] }));
        }

        if (password.Length < DashboardIdentity.MinimumPasswordLength)
        {
            // Identity's own length rule reports this one.
            return Task.FromResult(IdentityResult.Success);
        }

        var personal = new[] { user.Email, user.UserName, user.DisplayName }
            .Where(s => !string.IsNullOrWhiteSpace(s))
            .SelectMany(s => s!.Split(['@', '.', ' ', '-', '_'], StringSplitOptions.RemoveEmptyEntries).Append(s!))
            .Concat(_siteWords)
            .ToList();
        var score = Zxcvbn.Zxcvbn.MatchPassword(password, personal).Score;
        return Task.FromResult(score >= MinimumScore
            ? IdentityResult.Success
            : IdentityResult.Failed(new IdentityError { Code = "PasswordTooGuessable", Description = localizer["Password.TooGuessable"] }));
    }
}

/// <summary>Identity's password messages in the user's language (the other messages keep Identity's wording).</summary>
public sealed class DashboardIdentityErrors(IStringLocalizer<SharedResource> localizer) : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) => new() { Code = nameof(PasswordTooShort), Description = localizer["Password.TooShort", length] };

    public override IdentityError PasswordMismatch() => new() { Code = nameof(PasswordMismatch), Description = localizer["Password.WrongCurrent"] };
}
