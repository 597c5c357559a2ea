namespace EmploymentDashboard.Data.Disclosure;

/// <summary>Why a figure is withheld from a public table.</summary>
public enum SuppressionReason
{
    /// <summary>Not withheld: the figure is shown.</summary>
    None,

    /// <summary>Primary: a count from 1 to k − 1, shown as "&lt;k".</summary>
    SmallCount,

    /// <summary>Secondary: withheld only so that another withheld figure cannot be worked out from the totals. Its value may be large or zero.</summary>
    Complementary,

    /// <summary>A rate whose base (denominator) is below k or is itself withheld.</summary>
    SmallBase,

    /// <summary>Primary: one contributor (an employer) makes up too large a share of the cell.</summary>
    Dominance,
}
