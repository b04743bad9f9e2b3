using Microsoft.Data.Sqlite;
using Npgsql;

namespace Passerelle.Web.Tests.Infrastructure;

/// <summary>
/// One throwaway database. <c>PASSERELLE_TEST_DB=postgres</c> with <c>PASSERELLE_TEST_PG</c> (a server
/// connection string) creates a uniquely named PostgreSQL database; otherwise a SQLite file in the temp folder.
/// </summary>
internal sealed class TestDatabase : IAsyncDisposable
{
    private const string ProviderVariable = "PASSERELLE_TEST_DB";
    private const string ServerVariable = "PASSERELLE_TEST_PG";

    private readonly string? serverConnectionString;
    private readonly string? sqliteFile;
    private readonly string? postgresName;

    private TestDatabase(string provider, string connectionString, string? serverConnectionString, string? sqliteFile, string? postgresName)
    {
        Provider = provider;
        ConnectionString = connectionString;
        this.serverConnectionString = serverConnectionString;
        this.sqliteFile = sqliteFile;
        this.postgresName = postgresName;
    }

    public static bool UsePostgres =>
        string.Equals(Environment.GetEnvironmentVariable(ProviderVariable), "postgres", StringComparison.OrdinalIgnoreCase);

    /// <summary>"Sqlite" or "Postgres": the value of the app's <c>Database:Provider</c>.</summary>
    public string Provider { get; }

    public string ConnectionString { get; }

    public bool IsPostgres => postgresName is not null;

    public static async Task<TestDatabase> CreateAsync()
    {
        if (!UsePostgres)
        {
            var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "passerelle-tests")).FullName;
            var file = Path.Combine(folder, $"{Guid.NewGuid():N}.db");
            var sqlite = new SqliteConnectionStringBuilder { DataSource = file }.ToString();
            return new TestDatabase("Sqlite", sqlite, null, file, null);
        }

        var server = Environment.GetEnvironmentVariable(ServerVariable);
        if (string.IsNullOrWhiteSpace(server))
        {
            throw new InvalidOperationException($"{ProviderVariable}=postgres needs {ServerVariable}, a server connection string (e.g. Host=127.0.0.1;Port=55432;Username=postgres).");
        }

        var name = $"passerelle_test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0";
            await command.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(server) { Database = name };
        return new TestDatabase("Postgres", builder.ToString(), server, null, name);
    }

    public async ValueTask DisposeAsync()
    {
        if (postgresName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(serverConnectionString);
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"DROP DATABASE IF EXISTS \"{postgresName}\" WITH (FORCE)";
            await command.ExecuteNonQueryAsync();
        }

        if (sqliteFile is not null)
        {
            SqliteConnection.ClearAllPools();
            foreach (var path in new[] { sqliteFile, sqliteFile + "-wal", sqliteFile + "-shm" })
            {
                try
                {
                    File.Delete(path);
                }
                catch (IOException)
                {
                    // Another test's pooled connection may still hold it for a moment; the temp folder is throwaway.
                }
            }
        }
    }
}
