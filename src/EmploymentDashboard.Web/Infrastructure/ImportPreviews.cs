using System.Security.Cryptography;
using System.Text.Json;
using EmploymentDashboard.Data;
using EmploymentDashboard.Data.Import;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace EmploymentDashboard.Web.Infrastructure;

/// <summary>
/// A checked file waiting for the user's commit: who previewed it, what, whether its checked rows are stored (only
/// a file without problems has them) and what the preview found.
/// </summary>
public sealed record ImportPreview(string Token, string UserId, string FileName, ImportDataset Dataset, int Year, bool HasRows, ImportResult Result);

/// <summary>
/// The import previews, kept in PostgreSQL (tables import_previews and import_preview_chunks) so that behind a
/// round-robin proxy any instance can show or commit a preview another one made: nothing of it is in an instance's
/// memory or on its disk. Every read and write goes to the primary (the connection of <see cref="DashboardDbContext"/>,
/// never the read standbys). A preview is found only for the user who made it and for an hour; expired previews
/// are deleted whenever a new one is saved and are never used before that. The checked rows (pseudonymous ids
/// only, never an IIN) are written while the preview runs, in chunks of about 1 MiB on a connection and
/// transaction of their own (the preview's import transaction is rolled back), and read back the same way by the
/// commit, so a file of a million rows is never held in memory.
/// </summary>
public sealed class ImportPreviews(DashboardDbContext db)
{
    /// <summary>How long a preview can be committed.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    /// <summary>The size of a stored piece of the checked rows.</summary>
    internal const int ChunkBytes = 1024 * 1024;

    private static readonly JsonSerializerOptions _json = new(JsonSerializerDefaults.General);

    private string ConnectionString => db.Database.GetConnectionString()
        ?? throw new InvalidOperationException("The dashboard database has no connection string.");

    public static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>
    /// Starts saving a preview (deleting expired ones first): its rows are written to <see cref="ImportPreviewWriter.Rows"/>
    /// as the check runs, and nothing is visible to anyone until <see cref="ImportPreviewWriter.SaveAsync"/>.
    /// </summary>
    public async Task<ImportPreviewWriter> StartAsync(string token, string userId, string fileName, ImportDataset dataset, int year, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            var transaction = await connection.BeginTransactionAsync(cancellationToken);

            // A preview some commit is working on is locked by it: skipped here, gone with that commit or deleted next time.
            await using (var expired = new NpgsqlCommand(
                """
                DELETE FROM import_previews WHERE token IN (
                    SELECT token FROM import_previews WHERE expires_at <= now() FOR UPDATE SKIP LOCKED)
                """,
                connection,
                transaction))
            {
                await expired.ExecuteNonQueryAsync(cancellationToken);
            }

            await using (var insert = new NpgsqlCommand(
                """
                INSERT INTO import_previews (token, user_id, file_name, dataset, year, result, has_rows, expires_at)
                VALUES ($1, $2, $3, $4, $5, '{}', false, now() + $6)
                """,
                connection,
                transaction))
            {
                insert.Parameters.Add(Token(token));
                insert.Parameters.Add(new NpgsqlParameter { Value = userId });
                insert.Parameters.Add(new NpgsqlParameter { Value = fileName });
                insert.Parameters.Add(new NpgsqlParameter { Value = dataset.ToString() });
                insert.Parameters.Add(new NpgsqlParameter { Value = year });
                insert.Parameters.Add(new NpgsqlParameter { Value = Lifetime, NpgsqlDbType = NpgsqlDbType.Interval });
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.SaveAsync(ImportPreviewWriter.RowsSavepoint, cancellationToken);
            return new ImportPreviewWriter(connection, transaction, token);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Saves a preview that has no rows to commit (a file with problems), so its page and problem report can be shown again.</summary>
    public async Task SaveAsync(ImportPreview preview, CancellationToken cancellationToken)
    {
        await using var writer = await StartAsync(preview.Token, preview.UserId, preview.FileName, preview.Dataset, preview.Year, cancellationToken);
        await writer.SaveAsync(preview.Result, withRows: false, cancellationToken);
    }

    /// <summary>The preview with this token, only for the user who made it and only before it expires.</summary>
    public async Task<ImportPreview?> FindAsync(string? token, string userId, CancellationToken cancellationToken)
    {
        if (token is not { Length: 32 } || !token.All(char.IsAsciiHexDigitLower))
        {
            return null;
        }

        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT file_name, dataset, year, has_rows, result::text FROM import_previews WHERE token = $1 AND user_id = $2 AND expires_at > now()",
            connection);
        command.Parameters.Add(Token(token));
        command.Parameters.Add(new NpgsqlParameter { Value = userId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var result = JsonSerializer.Deserialize<ImportResult>(reader.GetString(4), _json)
            ?? throw new InvalidDataException("A stored import preview has no result.");
        return new ImportPreview(token, userId, reader.GetString(0), Enum.Parse<ImportDataset>(reader.GetString(1)), reader.GetInt32(2), reader.GetBoolean(3), result);
    }

    /// <summary>Deletes a preview (its rows go with it).</summary>
    public async Task RemoveAsync(string token, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("DELETE FROM import_previews WHERE token = $1", connection);
        command.Parameters.Add(Token(token));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Claims a preview for the commit running on <paramref name="connection"/>: deletes it there (DELETE … RETURNING,
    /// in the commit's transaction) and opens its rows on a connection of their own, where they stay visible until the
    /// commit ends. Null when the preview is not this user's, has no rows, has expired or was already taken. A second
    /// commit of the same preview waits for the first: when that one commits, the second finds nothing; when it rolls
    /// back, the preview is there again.
    /// </summary>
    public async Task<Stream?> TakeAsync(NpgsqlConnection connection, string token, string userId, CancellationToken cancellationToken)
    {
        await using (var take = new NpgsqlCommand(
            "DELETE FROM import_previews WHERE token = $1 AND user_id = $2 AND has_rows AND expires_at > now() RETURNING token",
            connection))
        {
            take.Parameters.Add(Token(token));
            take.Parameters.Add(new NpgsqlParameter { Value = userId });
            if (await take.ExecuteScalarAsync(cancellationToken) is null)
            {
                return null;
            }
        }

        return await ImportPreviewRows.OpenAsync(ConnectionString, token, cancellationToken);
    }

    internal static NpgsqlParameter Token(string token) => new() { Value = token, NpgsqlDbType = NpgsqlDbType.Char };

    internal static string Serialize(ImportResult result) => JsonSerializer.Serialize(result, _json);
}

/// <summary>
/// A preview being saved: the checked rows go to <see cref="Rows"/> in chunks inside the writer's own transaction;
/// <see cref="SaveAsync"/> stores what the preview found and commits. Disposed without saving, nothing is kept.
/// </summary>
public sealed class ImportPreviewWriter : IAsyncDisposable
{
    /// <summary>The savepoint before the first row: a preview with problems goes back to it and keeps none.</summary>
    internal const string RowsSavepoint = "preview_rows";

    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;
    private readonly string _token;
    private readonly ChunkWriter _rows;

    internal ImportPreviewWriter(NpgsqlConnection connection, NpgsqlTransaction transaction, string token)
    {
        (_connection, _transaction, _token) = (connection, transaction, token);
        _rows = new ChunkWriter(connection, transaction, token);
    }

    /// <summary>Where the import writes the checked rows.</summary>
    public Stream Rows => _rows;

    /// <summary>
    /// Stores the preview's result and makes it visible to every instance. Its rows are kept only when
    /// <paramref name="withRows"/> (a file without problems); otherwise those written are dropped.
    /// </summary>
    public async Task SaveAsync(ImportResult result, bool withRows, CancellationToken cancellationToken)
    {
        if (withRows)
        {
            await _rows.CompleteAsync(cancellationToken);
        }
        else
        {
            await _transaction.RollbackAsync(RowsSavepoint, cancellationToken);
        }

        await using (var update = new NpgsqlCommand("UPDATE import_previews SET result = $2::jsonb, has_rows = $3 WHERE token = $1", _connection, _transaction))
        {
            update.Parameters.Add(ImportPreviews.Token(_token));
            update.Parameters.Add(new NpgsqlParameter { Value = ImportPreviews.Serialize(result) });
            update.Parameters.Add(new NpgsqlParameter { Value = withRows });
            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        await _transaction.CommitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _rows.DisposeAsync();
        await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }

    /// <summary>A write-only stream that stores what is written as numbered chunks of <see cref="ImportPreviews.ChunkBytes"/>.</summary>
    private sealed class ChunkWriter(NpgsqlConnection connection, NpgsqlTransaction transaction, string token) : Stream
    {
        private readonly byte[] _buffer = new byte[ImportPreviews.ChunkBytes];
        private int _used;
        private int _sequence;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        /// <summary>
        /// The import writes its rows synchronously as it reads the file (the reading is synchronous too), so a full
        /// chunk is stored synchronously, on this writer's own connection.
        /// </summary>
        public override void Write(ReadOnlySpan<byte> buffer)
        {
            while (buffer.Length > 0)
            {
                var take = Math.Min(buffer.Length, _buffer.Length - _used);
                buffer[..take].CopyTo(_buffer.AsSpan(_used));
                _used += take;
                buffer = buffer[take..];
                if (_used == _buffer.Length)
                {
                    using var insert = Insert();
                    insert.ExecuteNonQuery();
                    _used = 0;
                }
            }
        }

        /// <summary>Nothing to do: a chunk is stored when full, the last one by <see cref="CompleteAsync"/>.</summary>
        public override void Flush()
        {
        }

        public async Task CompleteAsync(CancellationToken cancellationToken)
        {
            if (_used > 0)
            {
                await using var insert = Insert();
                await insert.ExecuteNonQueryAsync(cancellationToken);
                _used = 0;
            }
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        private NpgsqlCommand Insert()
        {
            var insert = new NpgsqlCommand("INSERT INTO import_preview_chunks (token, sequence, data) VALUES ($1, $2, $3)", connection, transaction);
            insert.Parameters.Add(ImportPreviews.Token(token));
            insert.Parameters.Add(new NpgsqlParameter { Value = _sequence++ });
            insert.Parameters.Add(new NpgsqlParameter { Value = new ArraySegment<byte>(_buffer, 0, _used), NpgsqlDbType = NpgsqlDbType.Bytea });
            return insert;
        }
    }
}

/// <summary>
/// A preview's checked rows read back in order, one chunk at a time, on a connection of their own (the commit's
/// connection is busy with its COPY). Read-only; disposing it closes the connection.
/// </summary>
internal sealed class ImportPreviewRows : Stream
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlCommand _command;
    private readonly NpgsqlDataReader _reader;
    private byte[] _chunk = new byte[ImportPreviews.ChunkBytes];
    private int _length;
    private int _position;

    private ImportPreviewRows(NpgsqlConnection connection, NpgsqlCommand command, NpgsqlDataReader reader) =>
        (_connection, _command, _reader) = (connection, command, reader);

    public static async Task<ImportPreviewRows> OpenAsync(string connectionString, string token, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            var command = new NpgsqlCommand("SELECT data FROM import_preview_chunks WHERE token = $1 ORDER BY sequence", connection) { CommandTimeout = 0 };
            command.Parameters.Add(ImportPreviews.Token(token));
            var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, cancellationToken);
            return new ImportPreviewRows(connection, command, reader);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <summary>The import reads the staged rows synchronously as its COPY asks for them; a chunk is fetched when the last one is used up.</summary>
    public override int Read(Span<byte> buffer)
    {
        while (_position == _length)
        {
            if (!_reader.Read())
            {
                return 0;
            }

            var length = (int)_reader.GetBytes(0, 0, null, 0, 0);
            if (length > _chunk.Length)
            {
                _chunk = new byte[length];
            }

            _length = 0;
            _position = 0;
            while (_length < length && _reader.GetBytes(0, _length, _chunk, _length, length - _length) is var read and > 0)
            {
                _length += (int)read;
            }
        }

        var take = Math.Min(buffer.Length, _length - _position);
        _chunk.AsSpan(_position, take).CopyTo(buffer);
        _position += take;
        return take;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override async ValueTask DisposeAsync()
    {
        await _reader.DisposeAsync();
        await _command.DisposeAsync();
        await _connection.DisposeAsync();
        await base.DisposeAsync();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _reader.Dispose();
            _command.Dispose();
            _connection.Dispose();
        }

        base.Dispose(disposing);
    }
}
