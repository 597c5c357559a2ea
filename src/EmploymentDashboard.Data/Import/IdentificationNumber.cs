using EmploymentDashboard.Data.Demo;

namespace EmploymentDashboard.Data.Import;

/// <summary>
/// Kazakhstan's 12-digit identification numbers: the IIN of a person and the BIN of a legal entity. Both end
/// in the same control digit (weights 1..11 modulo 11, then 3..11,1,2 when the first gives 10).
/// </summary>
public static class IdentificationNumber
{
    public enum Check
    {
        Valid,
        BadFormat,
        BadCheckDigit,
    }

    /// <summary>
    /// An IIN: 12 digits, the first six the date of birth (yyMMdd), the seventh the century and sex (1–6),
    /// the last the control digit.
    /// </summary>
    public static Check CheckIin(ReadOnlySpan<char> iin)
    {
        if (iin.Length != 12 || iin.ContainsAnyExceptInRange('0', '9'))
        {
            return Check.BadFormat;
        }

        var month = ((iin[2] - '0') * 10) + (iin[3] - '0');
        var day = ((iin[4] - '0') * 10) + (iin[5] - '0');
        var century = iin[6] - '0';
        if (month is < 1 or > 12 || day is < 1 or > 31 || century is < 1 or > 6)
        {
            return Check.BadFormat;
        }

        return ControlDigitMatches(iin) ? Check.Valid : Check.BadCheckDigit;
    }

    /// <summary>A BIN: 12 digits, the first four the registration year and month (yyMM), the fifth the entity type (4–6), the last the control digit.</summary>
    public static Check CheckBin(ReadOnlySpan<char> bin)
    {
        if (bin.Length != 12 || bin.ContainsAnyExceptInRange('0', '9'))
        {
            return Check.BadFormat;
        }

        var month = ((bin[2] - '0') * 10) + (bin[3] - '0');
        if (month is < 1 or > 12 || bin[4] is < '4' or > '6')
        {
            return Check.BadFormat;
        }

        return ControlDigitMatches(bin) ? Check.Valid : Check.BadCheckDigit;
    }

    private static bool ControlDigitMatches(ReadOnlySpan<char> number)
    {
        var check = BusinessIdentificationNumber.CheckDigit(number[..11]);
        return check >= 0 && check == number[11] - '0';
    }
}
