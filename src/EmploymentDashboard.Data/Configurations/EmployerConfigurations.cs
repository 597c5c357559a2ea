using EmploymentDashboard.Data.Disclosure;
using EmploymentDashboard.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EmploymentDashboard.Data.Configurations;

internal sealed class EmployerEntityTypeConfiguration : IEntityTypeConfiguration<Employer>
{
    public void Configure(EntityTypeBuilder<Employer> builder)
    {
        builder.Property(e => e.Bin).HasMaxLength(12).IsFixedLength();
        builder.HasIndex(e => e.Bin).IsUnique();
        builder.Property(e => e.Name).HasMaxLength(300);
        builder.HasOne(e => e.District).WithMany().HasForeignKey(e => e.DistrictId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(e => e.DistrictId);
    }
}

internal sealed class EmployerQuotaEntityTypeConfiguration : IEntityTypeConfiguration<EmployerQuota>
{
    public void Configure(EntityTypeBuilder<EmployerQuota> builder)
    {
        builder.HasOne(q => q.Employer).WithMany(e => e.Quotas).HasForeignKey(q => q.EmployerId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(q => q.Status).HasConversion<string>().HasMaxLength(24);
        builder.Property(q => q.Version).IsRowVersion();
        builder.HasIndex(q => new { q.EmployerId, q.Year, q.Status }).IsUnique();
        // Covering: a year's quotas in force read from the index alone, with no visit to the table (migration
        // AddQuotaCells). The staff's employer list itself reads employer_quota_years since AddEmployerQuotaYears.
        builder.HasIndex(q => new { q.Year, q.Status })
            .IncludeProperties(q => new { q.EmployerId, q.PlacesSet, q.PlacesFilled });

        // The sum of the record keys of the filled places (ADR 0010), kept by PostgreSQL from the row's own
        // random key; a shadow property, so no entity can carry a key out of the data layer.
        builder.Property<long>(QuotaKeys.FilledKeySum).HasColumnName("filled_key_sum")
            .HasComputedColumnSql("quota_place_key_sum(record_key, places_filled)", stored: true);
        builder.ToTable(t => t.HasCheckConstraint("ck_employer_quotas_places", "places_set > 0 AND places_filled >= 0 AND places_filled <= places_set"));
    }
}

internal sealed class SpecialWorkplaceEntityTypeConfiguration : IEntityTypeConfiguration<SpecialWorkplace>
{
    public void Configure(EntityTypeBuilder<SpecialWorkplace> builder)
    {
        builder.HasOne(s => s.Employer).WithMany().HasForeignKey(s => s.EmployerId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(s => s.ImpairmentType).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.DisabilityGroup).HasConversion<short?>();
        builder.HasIndex(s => new { s.Year, s.ImpairmentType });
        builder.HasIndex(s => s.EmployerId);
        builder.ToTable(t => t.HasCheckConstraint("ck_special_workplaces_count", "count > 0"));
    }
}
