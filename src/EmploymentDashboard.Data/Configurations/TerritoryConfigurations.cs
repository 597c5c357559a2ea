using EmploymentDashboard.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EmploymentDashboard.Data.Configurations;

internal static class LocalizedNameMapping
{
    /// <summary>Maps a <see cref="LocalizedName"/> to three columns: name_ru, name_kk, name_en.</summary>
    public static void MapName<T>(this EntityTypeBuilder<T> builder, System.Linq.Expressions.Expression<Func<T, LocalizedName?>> name)
        where T : class =>
        builder.ComplexProperty(name, n =>
        {
            n.Property(x => x.Ru).HasColumnName("name_ru").HasMaxLength(200).IsRequired();
            n.Property(x => x.Kk).HasColumnName("name_kk").HasMaxLength(200).IsRequired();
            n.Property(x => x.En).HasColumnName("name_en").HasMaxLength(200).IsRequired();
        });
}

internal sealed class RegionEntityTypeConfiguration : IEntityTypeConfiguration<Region>
{
    public void Configure(EntityTypeBuilder<Region> builder)
    {
        builder.Property(r => r.Code).HasMaxLength(64);
        builder.HasIndex(r => r.Code).IsUnique();
        builder.Property(r => r.KatoCode).HasMaxLength(9);
        builder.MapName(r => r.Name);
    }
}

internal sealed class DistrictEntityTypeConfiguration : IEntityTypeConfiguration<District>
{
    public void Configure(EntityTypeBuilder<District> builder)
    {
        builder.Property(d => d.Code).HasMaxLength(64);
        builder.HasIndex(d => d.Code).IsUnique();
        builder.Property(d => d.KatoCode).HasMaxLength(9);
        builder.MapName(d => d.Name);
        builder.Property(d => d.Kind).HasConversion<string>().HasMaxLength(16);
        builder.HasOne(d => d.Region).WithMany(r => r.Districts).HasForeignKey(d => d.RegionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(d => new { d.RegionId, d.SortOrder });
    }
}

internal sealed class SupportMeasureEntityTypeConfiguration : IEntityTypeConfiguration<SupportMeasure>
{
    public void Configure(EntityTypeBuilder<SupportMeasure> builder)
    {
        builder.Property(m => m.Code).HasMaxLength(64);
        builder.HasIndex(m => m.Code).IsUnique();
        builder.MapName(m => m.Name);
        builder.Property(m => m.Kind).HasConversion<string>().HasMaxLength(16);
    }
}

internal sealed class DisabilityPopulationEntityTypeConfiguration : IEntityTypeConfiguration<DisabilityPopulation>
{
    public void Configure(EntityTypeBuilder<DisabilityPopulation> builder)
    {
        builder.HasOne(p => p.District).WithMany().HasForeignKey(p => p.DistrictId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => new { p.DistrictId, p.Year }).IsUnique();
        builder.HasIndex(p => p.Year);
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("ck_disability_populations_counts", "working_age <= people_with_disabilities AND employed <= working_age AND employed >= 0");
        });
    }
}

internal sealed class DatasetInfoEntityTypeConfiguration : IEntityTypeConfiguration<DatasetInfo>
{
    public void Configure(EntityTypeBuilder<DatasetInfo> builder)
    {
        builder.ToTable("dataset_info");
        builder.Property(d => d.Description).HasMaxLength(500);
    }
}
