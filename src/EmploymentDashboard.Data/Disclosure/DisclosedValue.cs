using System.Globalization;

namespace EmploymentDashboard.Data.Disclosure;

/// <summary>A count as it may be published: its value, or why it is withheld. A withheld value is not kept, so a page cannot leak it.</summary>
public readonly record struct DisclosedValue
{
    /// <summary>Shown for a withheld rate: "c", the flag Eurostat uses for confidential cells.</summary>
    public const string ConfidentialMarker = "c";

    // The default value is a shown zero, so every instance is consistent.
    private readonly long _value;

    private DisclosedValue(long value, SuppressionReason reason)
    {
        _value = value;
        Reason = reason;
    }

    /// <summary>The count, or null when it is withheld.</summary>
    public long? Value => IsSuppressed ? null : _value;

    public SuppressionReason Reason { get; }

    public bool IsSuppressed => Reason != SuppressionReason.None;

    public static DisclosedValue Shown(long value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        return new DisclosedValue(value, SuppressionReason.None);
    }

    public static DisclosedValue Suppressed(SuppressionReason reason)
    {
        if (reason == SuppressionReason.None || !Enum.IsDefined(reason))
        {
            throw new ArgumentOutOfRangeException(nameof(reason), reason, "A withheld value needs a reason.");
        }

        return new DisclosedValue(0, reason);
    }

    /// <summary>The text for a table: the count as "N0" in the culture, or <see cref="ConfidentialMarker"/> when withheld.</summary>
    public string Display(IFormatProvider culture) => IsSuppressed ? ConfidentialMarker : _value.ToString("N0", culture);
}

/// <summary>A rate or percentage as it may be published: its rounded value, or why it is withheld.</summary>
public readonly record struct DisclosedRate
{
    private readonly decimal _value;

    internal DisclosedRate(decimal value, int decimals, SuppressionReason reason)
    {
        _value = reason == SuppressionReason.None ? value : 0;
        Decimals = decimals;
        Reason = reason;
    }

    /// <summary>The rounded rate, or null when it is withheld.</summary>
    public decimal? Value => IsSuppressed ? null : _value;

    /// <summary>Decimal places the rate was rounded to, and is displayed with.</summary>
    public int Decimals { get; }

    public SuppressionReason Reason { get; }

    public bool IsSuppressed => Reason != SuppressionReason.None;

    /// <summary>
    /// The text for a table: the rate with <see cref="Decimals"/> places in the culture, or
    /// <see cref="DisclosedValue.ConfidentialMarker"/> whatever the reason ("&lt;k" has no meaning for a rate).
    /// </summary>
    public string Display(IFormatProvider culture) =>
        IsSuppressed ? DisclosedValue.ConfidentialMarker : _value.ToString("N" + Decimals.ToString(CultureInfo.InvariantCulture), culture);
}
