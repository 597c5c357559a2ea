using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace EmploymentDashboard.Web.Infrastructure;

/// <summary>
/// ASP.NET Core Identity's messages for what an administrator can get wrong in the user forms (taken
/// address, bad address, weak password) in the page's language; the English ones keep Identity's
/// wording. Outside the three languages (the create-admin command) Identity's own messages remain.
/// </summary>
public sealed class LocalizedIdentityErrors(IStringLocalizer<SharedResource> localizer) : IdentityErrorDescriber
{
    public override IdentityError DuplicateUserName(string userName) =>
        Localized(base.DuplicateUserName(userName), nameof(DuplicateUserName), userName);

    // The e-mail address is also the user name: one message for both.
    public override IdentityError DuplicateEmail(string email) =>
        Localized(base.DuplicateEmail(email), nameof(DuplicateUserName), email);

    public override IdentityError InvalidEmail(string? email) =>
        Localized(base.InvalidEmail(email), nameof(InvalidEmail), email ?? string.Empty);

    public override IdentityError InvalidUserName(string? userName) =>
        Localized(base.InvalidUserName(userName), nameof(InvalidUserName), userName ?? string.Empty);

    public override IdentityError PasswordTooShort(int length) =>
        Localized(base.PasswordTooShort(length), nameof(PasswordTooShort), length);

    public override IdentityError PasswordRequiresDigit() =>
        Localized(base.PasswordRequiresDigit(), nameof(PasswordRequiresDigit));

    public override IdentityError PasswordRequiresLower() =>
        Localized(base.PasswordRequiresLower(), nameof(PasswordRequiresLower));

    public override IdentityError PasswordRequiresUpper() =>
        Localized(base.PasswordRequiresUpper(), nameof(PasswordRequiresUpper));

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) =>
        Localized(base.PasswordRequiresUniqueChars(uniqueChars), nameof(PasswordRequiresUniqueChars), uniqueChars);

    private IdentityError Localized(IdentityError error, string key, params object[] arguments)
    {
        var text = localizer[$"IdentityError.{key}", arguments];
        return text.ResourceNotFound ? error : new IdentityError { Code = error.Code, Description = text.Value };
    }
}
