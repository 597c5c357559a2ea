namespace EmploymentDashboard.Data.Demo;

/// <summary>Kazakhstan's 12-digit business identification number (BIN) and its check digit.</summary>
public static class BusinessIdentificationNumber
{
    /// <summary>True when the text is 12 digits whose last digit is the correct check digit.</summary>
    public static bool IsValid(string? bin) =>
        bin is { Length: 12 } && bin.All(char.IsAsciiDigit) && CheckDigit(bin.AsSpan(0, 11)) == bin[11] - '0';

    /// <summary>
    /// The check digit of the first 11 digits: weights 1..11 modulo 11; if that gives 10, weights
    /// 3..11,1,2; if that gives 10 again the number cannot be issued (-1).
    /// </summary>
    public static int CheckDigit(ReadOnlySpan<char> first11)
    {
        var sum = 0;
        for (var i = 0; i < 11; i++)
        {
            sum += (first11[i] - '0') * (i + 1);
        }

        if (sum % 11 != 10)
        {
            return sum % 11;
        }

        sum = 0;
        for (var i = 0; i < 11; i++)
        {
            sum += (first11[i] - '0') * (((i + 2) % 11) + 1);
        }

        return sum % 11 == 10 ? -1 : sum % 11;
    }

    /// <summary>A random valid BIN of a resident legal entity (registered 2000–2019).</summary>
    internal static string Create(Random random)
    {
        while (true)
        {
            var first11 = $"{random.Next(0, 20):00}{random.Next(1, 13):00}40{random.Next(0, 100_000):00000}";
            var check = CheckDigit(first11);
            if (check >= 0)
            {
                return first11 + check;
            }
        }
    }
}
