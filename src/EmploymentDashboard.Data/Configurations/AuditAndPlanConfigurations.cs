using EmploymentDashboard.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EmploymentDashboard.Data.Configurations;

/// <summary>The append-only audit_log table; the trigger and grants that keep it append-only are in the AddAuditLog migration.</summary>
internal sealed class AuditEntryEntityTypeConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("audit_log");
        builder.Property(e => e.OccurredAt).HasDefaultValueSql("now()");
        builder.Property(e => e.UserId).HasMaxLength(450);
        builder.Property(e => e.UserName).HasMaxLength(256);
        builder.Property(e => e.Kind).HasMaxLength(32);
        builder.Property(e => e.Action).HasMaxLength(64);
        builder.Property(e => e.Subject).HasMaxLength(400);
        builder.Property(e => e.Details).HasColumnType("jsonb");
        builder.Property(e => e.Before).HasColumnType("jsonb");
        builder.Property(e => e.After).HasColumnType("jsonb");
        builder.Property(e => e.ClientAddress).HasMaxLength(64);
        builder.HasIndex(e => e.OccurredAt);
        builder.HasIndex(e => new { e.Kind, e.OccurredAt });
        builder.HasIndex(e => new { e.UserId, e.OccurredAt });
        builder.HasIndex(e => e.RelatesTo);
    }
}

/// <summary>Plans: one value per region or district, year and indicator.</summary>
internal sealed class AnnualPlanEntityTypeConfiguration : IEntityTypeConfiguration<AnnualPlan>
{
    public void Configure(EntityTypeBuilder<AnnualPlan> builder)
    {
        builder.ToTable("annual_plans", t => t.HasCheckConstraint("ck_annual_plans_value", "value >= 0"));
        builder.Property(p => p.Indicator).HasMaxLength(64);
        builder.Property(p => p.Version).IsRowVersion();
        builder.HasOne(p => p.Region).WithMany().HasForeignKey(p => p.RegionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(p => p.District).WithMany().HasForeignKey(p => p.DistrictId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => new { p.RegionId, p.Year, p.Indicator, p.DistrictId }).IsUnique().AreNullsDistinct(false);
    }
}

/// <summary>Import previews waiting for a commit, shared by every web instance; expired ones are found by their expiry.</summary>
internal sealed class ImportPreviewEntryEntityTypeConfiguration : IEntityTypeConfiguration<ImportPreviewEntry>
{
    public void Configure(EntityTypeBuilder<ImportPreviewEntry> builder)
    {
        builder.ToTable("import_previews");
        builder.HasKey(p => p.Token);
        builder.Property(p => p.Token).HasMaxLength(32).IsFixedLength();
        builder.Property(p => p.UserId).HasMaxLength(450);
        builder.Property(p => p.FileName).HasMaxLength(200);
        builder.Property(p => p.Dataset).HasConversion<string>().HasMaxLength(32);
        builder.Property(p => p.Result).HasColumnType("jsonb");
        builder.Property(p => p.CreatedAt).HasDefaultValueSql("now()");
        builder.HasIndex(p => p.ExpiresAt);
        builder.HasMany(p => p.Chunks).WithOne().HasForeignKey(c => c.Token).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>The checked rows of a preview, in pieces; they go with their preview (on delete cascade).</summary>
internal sealed class ImportPreviewChunkEntityTypeConfiguration : IEntityTypeConfiguration<ImportPreviewChunk>
{
    public void Configure(EntityTypeBuilder<ImportPreviewChunk> builder)
    {
        builder.ToTable("import_preview_chunks");
        builder.HasKey(c => new { c.Token, c.Sequence });
        builder.Property(c => c.Token).HasMaxLength(32).IsFixedLength();
        builder.Property(c => c.Sequence).ValueGeneratedNever();
    }
}
