namespace EmploymentDashboard.Bench.DataSet;

/// <summary>
/// How many rows of each kind the national data set has. The national size (10 million placements) has one
/// million people, 300,000 employers and 500,000 grants; other sizes keep those proportions.
/// </summary>
public sealed record DataSetSize(long Placements, int Participants, int Employers, int Grants)
{
    public const int RegionCount = 20;

    public const int FirstYear = 2016;

    public const int LastYear = 2025;

    public static DataSetSize ForPlacements(long placements)
    {
        if (placements < 10 || placements > 100_000_000)
        {
            throw new ArgumentOutOfRangeException(nameof(placements), placements, "the data set has from 10 to 100,000,000 placements");
        }

        return new DataSetSize(placements, (int)(placements / 10), (int)Math.Max(1, placements * 3 / 100), (int)Math.Max(1, placements / 20));
    }
}
