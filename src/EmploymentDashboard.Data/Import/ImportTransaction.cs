using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace EmploymentDashboard.Data.Import;

/// <summary>
/// The transaction an import runs in: its own, or, when the caller already opened one (the demo loader brings
/// every demo file in inside one transaction, all or nothing), a savepoint in it. Committing a savepoint releases
/// it and drops the staging table, which would otherwise live on until the caller's commit.
/// </summary>
internal sealed class ImportTransaction : IAsyncDisposable
{
    private const string Savepoint = "import";

    private readonly IDbContextTransaction _transaction;
    private readonly NpgsqlConnection _connection;
    private readonly bool _nested;

    private ImportTransaction(IDbContextTransaction transaction, NpgsqlConnection connection, bool nested) =>
        (_transaction, _connection, _nested) = (transaction, connection, nested);

    public static async Task<ImportTransaction> BeginAsync(DashboardDbContext db, NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is { } outer)
        {
            await outer.CreateSavepointAsync(Savepoint, cancellationToken);
            return new ImportTransaction(outer, connection, nested: true);
        }

        return new ImportTransaction(await db.Database.BeginTransactionAsync(cancellationToken), connection, nested: false);
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        if (!_nested)
        {
            await _transaction.CommitAsync(cancellationToken);
            return;
        }

        await using (var drop = new NpgsqlCommand("DROP TABLE import_stage", _connection))
        {
            await drop.ExecuteNonQueryAsync(cancellationToken);
        }

        await _transaction.ReleaseSavepointAsync(Savepoint, cancellationToken);
    }

    public Task RollbackAsync(CancellationToken cancellationToken) =>
        _nested ? _transaction.RollbackToSavepointAsync(Savepoint, cancellationToken) : _transaction.RollbackAsync(cancellationToken);

    /// <summary>An own transaction not committed is rolled back; a savepoint is left to the caller's transaction.</summary>
    public ValueTask DisposeAsync() => _nested ? ValueTask.CompletedTask : _transaction.DisposeAsync();
}
