namespace EmploymentDashboard.Data.Disclosure;

/// <summary>
/// A count with the sum of the record keys of the units it counts (people once each, events, grants, filled
/// quota places). The key sum is what makes the cell key: the same set of units always has the same key sum,
/// so it is perturbed the same way wherever it is asked for (ADR 0010). It never leaves the data layer.
/// </summary>
public readonly record struct KeyedCount(long Count, long KeySum)
{
    public static KeyedCount Zero { get; } = new(0, 0);

    public static KeyedCount operator +(KeyedCount left, KeyedCount right) => new(checked(left.Count + right.Count), unchecked(left.KeySum + right.KeySum));

    /// <summary>The cell key: the key sum modulo the key range, as a number in [0, 1).</summary>
    public double CellKey => (double)(ulong)(KeySum & (RecordKeys.Range - 1)) / RecordKeys.Range;

    /// <summary>Adds counts that share no unit (events of different cells; never people, who may be in both).</summary>
    public static KeyedCount Sum(IEnumerable<KeyedCount> counts) => counts.Aggregate(Zero, (a, b) => a + b);
}

/// <summary>Facts about the record keys the database draws (migration AddRecordKeys).</summary>
public static class RecordKeys
{
    /// <summary>Keys are uniform integers in [0, 2³²), drawn from gen_random_uuid()'s random bits; cell keys are key sums modulo this.</summary>
    public const long Range = 1L << 32;
}

/// <summary>Names of columns kept by the database that no entity carries.</summary>
public static class QuotaKeys
{
    /// <summary>The shadow property of an employer quota row: the sum of the record keys of its filled places.</summary>
    public const string FilledKeySum = "FilledKeySum";
}
