using EmploymentDashboard.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EmploymentDashboard.Data.Configurations;

internal sealed class ImportLogEntityTypeConfiguration : IEntityTypeConfiguration<ImportLog>
{
    public void Configure(EntityTypeBuilder<ImportLog> builder)
    {
        builder.Property(l => l.UserId).HasMaxLength(450);
        builder.Property(l => l.UserName).HasMaxLength(256);
        builder.Property(l => l.Dataset).HasMaxLength(32);
        builder.Property(l => l.FileName).HasMaxLength(200);
        builder.HasIndex(l => l.CommittedAt);
    }
}
