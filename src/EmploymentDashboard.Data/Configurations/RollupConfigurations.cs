using EmploymentDashboard.Data.Rollups;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EmploymentDashboard.Data.Configurations;

// The rollups are derived data kept by triggers (migration AddRollups, ADR 0007): no foreign keys, so a
// write pays only for the rollup rows it changes. Keys lead with what every statistic filters on first.
internal sealed class PlacementMonthEntityTypeConfiguration : IEntityTypeConfiguration<PlacementMonth>
{
    public void Configure(EntityTypeBuilder<PlacementMonth> builder)
    {
        builder.HasKey(c => new { c.RegionId, c.Month, c.DistrictId, c.MeasureId, c.DisabilityGroup, c.Sex, c.AgeBand });
        builder.Property(c => c.DisabilityGroup).HasConversion<short>();
        builder.Property(c => c.Sex).HasConversion<string>().HasMaxLength(8);
        builder.Property(c => c.AgeBand).HasConversion<short>();
    }
}

internal sealed class GrantMonthEntityTypeConfiguration : IEntityTypeConfiguration<GrantMonth>
{
    public void Configure(EntityTypeBuilder<GrantMonth> builder)
    {
        builder.HasKey(c => new { c.RegionId, c.Month, c.DistrictId, c.Sector, c.DisabilityGroup, c.Sex, c.AgeBand });
        builder.Property(c => c.Sector).HasConversion<string>().HasMaxLength(32);
        builder.Property(c => c.DisabilityGroup).HasConversion<short>();
        builder.Property(c => c.Sex).HasConversion<string>().HasMaxLength(8);
        builder.Property(c => c.AgeBand).HasConversion<short>();
        builder.Property(c => c.AmountKzt).HasColumnType("numeric");
        builder.Property(c => c.AmountMci).HasColumnType("numeric");
    }
}

internal sealed class GrantSectorMonthEntityTypeConfiguration : IEntityTypeConfiguration<GrantSectorMonth>
{
    public void Configure(EntityTypeBuilder<GrantSectorMonth> builder)
    {
        builder.HasKey(c => new { c.RegionId, c.Month, c.DistrictId, c.Sector });
        builder.Property(c => c.Sector).HasConversion<string>().HasMaxLength(32);
        builder.Property(c => c.AmountKzt).HasColumnType("numeric");
        builder.Property(c => c.AmountMci).HasColumnType("numeric");
    }
}

internal sealed class PlacementPersonYearEntityTypeConfiguration : IEntityTypeConfiguration<PlacementPersonYear>
{
    public void Configure(EntityTypeBuilder<PlacementPersonYear> builder)
    {
        builder.HasKey(c => new { c.ParticipantId, c.Year, c.DistrictId, c.MeasureId });
        builder.Property(c => c.DisabilityGroup).HasConversion<short>();
        builder.Property(c => c.Sex).HasConversion<string>().HasMaxLength(8);
        builder.Property(c => c.AgeBand).HasConversion<short>();

        // Distinct people are counted by an index-only scan of this index.
        builder.HasIndex(c => new { c.RegionId, c.Year, c.DistrictId, c.MeasureId })
            .IncludeProperties(c => new { c.ParticipantId, c.Months, c.DisabilityGroup, c.Sex, c.AgeBand, c.RecordKey });
    }
}

internal sealed class GrantPersonYearEntityTypeConfiguration : IEntityTypeConfiguration<GrantPersonYear>
{
    public void Configure(EntityTypeBuilder<GrantPersonYear> builder)
    {
        builder.HasKey(c => new { c.ParticipantId, c.Year, c.DistrictId });
        builder.Property(c => c.DisabilityGroup).HasConversion<short>();
        builder.Property(c => c.Sex).HasConversion<string>().HasMaxLength(8);
        builder.Property(c => c.AgeBand).HasConversion<short>();
        builder.HasIndex(c => new { c.RegionId, c.Year, c.DistrictId })
            .IncludeProperties(c => new { c.ParticipantId, c.Months, c.DisabilityGroup, c.Sex, c.AgeBand, c.RecordKey });
    }
}

internal sealed class CubeCellEntityTypeConfiguration : IEntityTypeConfiguration<CubeCell>
{
    public void Configure(EntityTypeBuilder<CubeCell> builder)
    {
        // A statistic reads one region, year and a few periods: the leading columns of the key.
        builder.HasKey(c => new { c.RegionId, c.Year, c.Months, c.DistrictId, c.MeasureId, c.DisabilityGroup, c.Sex, c.AgeBand });
        builder.Property(c => c.DisabilityGroup).HasConversion<short>();
        builder.Property(c => c.Sex).HasConversion<string>().HasMaxLength(8);
        builder.Property(c => c.AgeBand).HasConversion<short>();
    }
}

internal sealed class QuotaDistrictYearEntityTypeConfiguration : IEntityTypeConfiguration<QuotaDistrictYear>
{
    public void Configure(EntityTypeBuilder<QuotaDistrictYear> builder)
    {
        // The quota statistics read one year or a few, for the districts of a region: year leads.
        builder.HasKey(c => new { c.Year, c.DistrictId, c.Status });
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(24);
    }
}

internal sealed class SpecialWorkplaceDistrictYearEntityTypeConfiguration : IEntityTypeConfiguration<SpecialWorkplaceDistrictYear>
{
    public void Configure(EntityTypeBuilder<SpecialWorkplaceDistrictYear> builder)
    {
        builder.HasKey(c => new { c.Year, c.DistrictId, c.ImpairmentType });
        builder.Property(c => c.ImpairmentType).HasConversion<string>().HasMaxLength(16);
    }
}

internal sealed class EmployerQuotaYearEntityTypeConfiguration : IEntityTypeConfiguration<EmployerQuotaYear>
{
    public void Configure(EntityTypeBuilder<EmployerQuotaYear> builder)
    {
        builder.HasKey(c => new { c.EmployerId, c.Year });

        // The same types as employers.name and employers.bin, so that the list orders by the same collation.
        builder.Property(c => c.Name).HasMaxLength(300);
        builder.Property(c => c.Bin).HasMaxLength(12).IsFixedLength();
        builder.Property(c => c.Unfilled).HasComputedColumnSql("places_set - places_filled", stored: true);
        builder.Property(c => c.Fulfilment).HasColumnType("numeric").HasComputedColumnSql("places_filled::numeric / places_set", stored: true);

        // One index per order of the list, led by the region and year every page reads and holding every column a page or
        // its count reads, so that each is an index-only range read in order that stops at the page (LIMIT); a district
        // selection filters the index tuples. The ORDER BY of QuotaQueries must stay the same as these keys, directions included.
        builder.HasIndex(c => new { c.RegionId, c.Year, c.Unfilled, c.Fulfilment, c.Name, c.Bin })
            .HasDatabaseName("ix_employer_quota_years_behind")
            .IsDescending(false, false, true, false, false, false)
            .IncludeProperties(c => new { c.EmployerId, c.DistrictId, c.Headcount, c.PlacesSet, c.PlacesFilled });
        builder.HasIndex(c => new { c.RegionId, c.Year, c.Fulfilment, c.Unfilled, c.Name, c.Bin })
            .HasDatabaseName("ix_employer_quota_years_fulfilment")
            .IsDescending(false, false, false, true, false, false)
            .IncludeProperties(c => new { c.EmployerId, c.DistrictId, c.Headcount, c.PlacesSet, c.PlacesFilled });
        builder.HasIndex(c => new { c.RegionId, c.Year, c.Name, c.Bin })
            .HasDatabaseName("ix_employer_quota_years_name")
            .IncludeProperties(c => new { c.EmployerId, c.DistrictId, c.Headcount, c.PlacesSet, c.PlacesFilled, c.Unfilled });
        builder.HasIndex(c => new { c.RegionId, c.Year, c.DistrictOrder, c.Name, c.Bin })
            .HasDatabaseName("ix_employer_quota_years_district")
            .IncludeProperties(c => new { c.EmployerId, c.DistrictId, c.Headcount, c.PlacesSet, c.PlacesFilled, c.Unfilled });
    }
}
