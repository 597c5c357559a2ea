namespace EmploymentDashboard.Data.Disclosure;

/// <summary>
/// Why a figure is withheld. Counts are never withheld any more (the public sees them perturbed, ADR 0010);
/// only rates can be, for one of these stated reasons.
/// </summary>
public enum SuppressionReason
{
    /// <summary>Not withheld: the figure is shown.</summary>
    None,

    /// <summary>A public rate on a base below k: a few people either way would swing it by tens of points.</summary>
    SmallBase,

    /// <summary>A rate with no base at all (a zero denominator): there is nothing to divide by.</summary>
    NoBase,
}
