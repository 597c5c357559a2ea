using EmploymentDashboard.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EmploymentDashboard.Data.Configurations;

internal sealed class ParticipantEntityTypeConfiguration : IEntityTypeConfiguration<Participant>
{
    public void Configure(EntityTypeBuilder<Participant> builder)
    {
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.DisabilityGroup).HasConversion<short>();
        builder.Property(p => p.Sex).HasConversion<string>().HasMaxLength(8);
        builder.HasOne(p => p.District).WithMany().HasForeignKey(p => p.DistrictId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => p.DistrictId);
        builder.ToTable(t => t.HasCheckConstraint("ck_participants_disability_group", "disability_group BETWEEN 1 AND 3"));
    }
}

internal sealed class PlacementEntityTypeConfiguration : IEntityTypeConfiguration<Placement>
{
    public void Configure(EntityTypeBuilder<Placement> builder)
    {
        builder.HasOne(p => p.Participant).WithMany().HasForeignKey(p => p.ParticipantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(p => p.Measure).WithMany().HasForeignKey(p => p.MeasureId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(p => p.District).WithMany().HasForeignKey(p => p.DistrictId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(p => p.Employer).WithMany().HasForeignKey(p => p.EmployerId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(p => p.Version).IsRowVersion();

        // The dashboards filter by period first, then by district and measure.
        builder.HasIndex(p => p.Date);
        builder.HasIndex(p => new { p.DistrictId, p.Date });
        builder.HasIndex(p => new { p.MeasureId, p.Date });
        builder.HasIndex(p => p.ParticipantId);
        builder.HasIndex(p => p.EmployerId);
    }
}

internal sealed class GrantEntityTypeConfiguration : IEntityTypeConfiguration<Grant>
{
    public void Configure(EntityTypeBuilder<Grant> builder)
    {
        builder.HasOne(g => g.Participant).WithMany().HasForeignKey(g => g.ParticipantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(g => g.District).WithMany().HasForeignKey(g => g.DistrictId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(g => g.AmountKzt).HasPrecision(14, 2);
        builder.Property(g => g.Version).IsRowVersion();
        builder.Property(g => g.Sector).HasConversion<string>().HasMaxLength(32);
        builder.HasIndex(g => g.Date);
        builder.HasIndex(g => new { g.DistrictId, g.Date });
        builder.HasIndex(g => g.ParticipantId);
        builder.ToTable(t => t.HasCheckConstraint("ck_grants_amount_positive", "amount_kzt > 0 AND mci_kzt > 0"));
    }
}
