using System.Globalization;
using System.Net.Sockets;
using Npgsql;

namespace Passerelle.ApiBench;

/// <summary>
/// The PostgreSQL server of the run: <c>PASSERELLE_BENCH_PG</c> (a server connection string) when set, otherwise a
/// throwaway cluster started as scripts/test.sh starts one (initdb, pg_ctl on a free loopback port), stopped at the end.
/// </summary>
internal sealed class PostgresCluster : IAsyncDisposable
{
    private const string ServerVariable = "PASSERELLE_BENCH_PG";

    private readonly string? directory;
    private readonly string? bin;

    private PostgresCluster(string server, string? directory, string? bin)
    {
        Server = server;
        this.directory = directory;
        this.bin = bin;
    }

    public string Server { get; }

    public bool Owned => directory is not null;

    public static async Task<PostgresCluster> StartAsync()
    {
        var given = Environment.GetEnvironmentVariable(ServerVariable);
        if (!string.IsNullOrWhiteSpace(given))
        {
            return new PostgresCluster(given, null, null);
        }

        var bin = Directory.GetDirectories("/usr/lib/postgresql")
            .Select(d => Path.Combine(d, "bin"))
            .Where(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")))
            .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
            .FirstOrDefault() ?? throw new InvalidOperationException($"PostgreSQL not found under /usr/lib/postgresql; install it or set {ServerVariable}.");
        var directory = Directory.CreateTempSubdirectory("passerelle-apibench-pg-").FullName;
        var root = Environment.UserName == "root";
        if (root)
        {
            await Processes.RunAsync("chown", ["postgres:", directory]);
        }

        var data = Path.Combine(directory, "data");
        await AsPostgresAsync(root, Path.Combine(bin, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"]);
        var port = FreePort(55600);

        // Loading is not what is measured: fsync is off for the COPY and switched on before the requests
        // (PrepareForMeasureAsync). pg_stat_statements shows the statements the app really sends.
        string[] settings =
        [
            "-p", port.ToString(CultureInfo.InvariantCulture), "-k", "/tmp", "-c", "listen_addresses=127.0.0.1",
            "-c", "shared_buffers=2GB", "-c", "maintenance_work_mem=1GB",
            "-c", "max_wal_size=16GB", "-c", "checkpoint_timeout=30min", "-c", "shared_preload_libraries=pg_stat_statements",
        ];
        await AsPostgresAsync(root, Path.Combine(bin, "pg_ctl"), ["-D", data, "-w", "-l", Path.Combine(directory, "server.log"), "-o", string.Join(' ', settings), "start"]);
        var server = new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = port, Username = "postgres" }.ToString();
        await using (var connection = new NpgsqlConnection(server))
        {
            // In postgresql.auto.conf, not on the command line: a setting given there could not be switched back on.
            await connection.OpenAsync();
            await Sql.ExecuteAsync(connection, "ALTER SYSTEM SET fsync = off");
            await Sql.ExecuteAsync(connection, "ALTER SYSTEM SET full_page_writes = off");
            await Sql.ExecuteAsync(connection, "SELECT pg_reload_conf()");
        }

        return new PostgresCluster(server, directory, bin);
    }

    public async Task<string> CreateDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(Server);
        await connection.OpenAsync();
        await Sql.ExecuteAsync(connection, $"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0");
        Database = new NpgsqlConnectionStringBuilder(Server) { Database = name, CommandTimeout = 0 }.ToString();
        return Database;
    }

    public string? Database { get; private set; }

    public async Task<string> VersionAsync()
    {
        await using var connection = new NpgsqlConnection(Server);
        await connection.OpenAsync();
        return connection.PostgreSqlVersion.ToString();
    }

    /// <summary>Durable commits again (each search appends audit events), a checkpoint, and statement statistics from zero.</summary>
    public async Task PrepareForMeasureAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        if (Owned)
        {
            await Sql.ExecuteAsync(connection, "ALTER SYSTEM SET fsync = on");
            await Sql.ExecuteAsync(connection, "ALTER SYSTEM SET full_page_writes = on");
            await Sql.ExecuteAsync(connection, "SELECT pg_reload_conf()");
            await Sql.ExecuteAsync(connection, "CHECKPOINT");
            await Sql.ExecuteAsync(connection, "CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            await Sql.ExecuteAsync(connection, "SELECT pg_stat_statements_reset()");
        }

        var fsync = await Sql.ScalarAsync(connection, "SHOW fsync");
        var buffers = await Sql.ScalarAsync(connection, "SHOW shared_buffers");
        Console.WriteLine($"measuring with fsync={fsync}, shared_buffers={buffers}");
    }

    /// <summary>What the app sent during the run, slowest in total first (only on a cluster started here).</summary>
    public async Task PrintStatementsAsync(string database)
    {
        if (!Owned)
        {
            return;
        }

        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT calls, round(mean_exec_time::numeric, 2), round(max_exec_time::numeric, 2), left(regexp_replace(query, '\s+', ' ', 'g'), 260)
            FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 10
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        Console.WriteLine("statements of the measured run on the server (pg_stat_statements: calls, mean ms, max ms, text):");
        while (await reader.ReadAsync())
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {reader.GetInt64(0),6} {reader.GetDecimal(1),8} {reader.GetDecimal(2),8}  {reader.GetString(3)}"));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (directory is null || bin is null)
        {
            if (Database is not null)
            {
                NpgsqlConnection.ClearAllPools();
                await using var connection = new NpgsqlConnection(Server);
                await connection.OpenAsync();
                var name = new NpgsqlConnectionStringBuilder(Database).Database;
                await Sql.ExecuteAsync(connection, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
            }

            return;
        }

        NpgsqlConnection.ClearAllPools();
        await AsPostgresAsync(Environment.UserName == "root", Path.Combine(bin, "pg_ctl"), ["-D", Path.Combine(directory, "data"), "-m", "fast", "-w", "stop"]);
        Directory.Delete(directory, recursive: true);
    }

    private static Task<string> AsPostgresAsync(bool root, string file, string[] arguments) =>
        root ? Processes.RunAsync("runuser", ["-u", "postgres", "--", file, .. arguments]) : Processes.RunAsync(file, arguments);

    private static int FreePort(int from)
    {
        for (var port = from; port < from + 200; port++)
        {
            using var probe = new TcpClient();
            try
            {
                probe.Connect("127.0.0.1", port);
            }
            catch (SocketException)
            {
                return port;
            }
        }

        throw new InvalidOperationException($"no free port from {from}");
    }
}
