namespace EmploymentDashboard.Data.Disclosure;

/// <summary>Settings of the disclosure policy: the smallest count that may be shown and the dominance share.</summary>
public sealed record DisclosureOptions
{
    private readonly int _threshold = 5;
    private readonly double _dominanceShare = 0.85;

    /// <summary>k = 5 and p = 0.85, the values the dashboard publishes with.</summary>
    public static DisclosureOptions Default { get; } = new();

    /// <summary>k: counts from 1 to k − 1 are withheld. At least 2, since k = 1 would withhold nothing.</summary>
    public int Threshold
    {
        get => _threshold;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 2);
            _threshold = value;
        }
    }

    /// <summary>p: a cell is sensitive when its largest contributor makes up more than this share of it. Between 0 and 1, exclusive.</summary>
    public double DominanceShare
    {
        get => _dominanceShare;
        init
        {
            if (!(value > 0 && value < 1))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "The dominance share must be between 0 and 1, exclusive.");
            }

            _dominanceShare = value;
        }
    }
}
