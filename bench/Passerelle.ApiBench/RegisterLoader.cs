using System.Diagnostics;
using System.Globalization;
using Npgsql;
using NpgsqlTypes;
using Passerelle.Domain;

namespace Passerelle.ApiBench;

internal sealed record LoadFigures(long Persons, long Keys, TimeSpan Copy, TimeSpan Indexes, TimeSpan Vacuum);

/// <summary>
/// Fills the migrated schema with binary COPY: persons, then their keys. The key table's constraints and
/// indexes are set aside during the COPY and re-created from their own definitions (pg_get_constraintdef,
/// pg_indexes) afterwards, so the schema measured is exactly the one the migrations made.
/// </summary>
internal static class RegisterLoader
{
    private const int Chunk = 20_000;

    public static async Task<LoadFigures> LoadAsync(string database, IReadOnlyList<Person> persons)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        var clock = Stopwatch.StartNew();

        await using (var writer = await connection.BeginBinaryImportAsync(
            """COPY persons ("Id", "TerritoryCode", "GivenName", "Surname", "Aliases", "BirthYear", "BirthMonth", "BirthDay", "PlaceOfBirth", "Sex", "Address", "CreatedAt", "CreatedById", "Version", "SearchKey") FROM STDIN (FORMAT BINARY)"""))
        {
            foreach (var p in persons)
            {
                await writer.StartRowAsync();
                await writer.WriteAsync(p.Id, NpgsqlDbType.Uuid);
                await writer.WriteAsync(p.TerritoryCode, NpgsqlDbType.Varchar);
                await writer.WriteAsync(p.GivenName, NpgsqlDbType.Varchar);
                await writer.WriteAsync(p.Surname, NpgsqlDbType.Varchar);
                await WriteAsync(writer, p.Aliases);
                await WriteAsync(writer, p.BirthYear);
                await WriteAsync(writer, p.BirthMonth);
                await WriteAsync(writer, p.BirthDay);
                await WriteAsync(writer, p.PlaceOfBirth);
                await writer.WriteAsync((int)p.Sex, NpgsqlDbType.Integer);
                await WriteAsync(writer, p.Address);
                await writer.WriteAsync(p.CreatedAt, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(p.CreatedById, NpgsqlDbType.Varchar);
                await writer.WriteAsync(p.Version, NpgsqlDbType.Integer);
                await writer.WriteAsync(p.SearchKey, NpgsqlDbType.Varchar);
            }

            await writer.CompleteAsync();
        }

        var (constraints, indexes) = await SetAsideAsync(connection);
        long keys = 0;
        await using (var writer = await connection.BeginBinaryImportAsync("""COPY person_match_keys ("PersonId", "Key") FROM STDIN (FORMAT BINARY)"""))
        {
            for (var start = 0; start < persons.Count; start += Chunk)
            {
                var count = Math.Min(Chunk, persons.Count - start);
                var chunk = new List<string>[count];
                Parallel.For(0, count, i => chunk[i] = Register.KeysOf(persons[start + i]));
                for (var i = 0; i < count; i++)
                {
                    var id = persons[start + i].Id;
                    foreach (var key in chunk[i])
                    {
                        writer.StartRow();
                        writer.Write(id, NpgsqlDbType.Uuid);
                        writer.Write(key, NpgsqlDbType.Varchar);
                        keys++;
                    }
                }
            }

            await writer.CompleteAsync();
        }

        var copy = clock.Elapsed;
        clock.Restart();
        foreach (var (name, definition) in constraints.Where(c => c.Definition.StartsWith("PRIMARY KEY", StringComparison.Ordinal)))
        {
            await Sql.ExecuteAsync(connection, $"ALTER TABLE person_match_keys ADD CONSTRAINT \"{name}\" {definition}");
        }

        foreach (var definition in indexes)
        {
            await Sql.ExecuteAsync(connection, definition);
        }

        foreach (var (name, definition) in constraints.Where(c => !c.Definition.StartsWith("PRIMARY KEY", StringComparison.Ordinal)))
        {
            await Sql.ExecuteAsync(connection, $"ALTER TABLE person_match_keys ADD CONSTRAINT \"{name}\" {definition}");
        }

        // The keys were made by this engine (MatchKeys.For): record its scheme, as `passerelle match reindex`
        // does, or the app's MatchIndexWorker would re-index the whole register at start-up.
        await Sql.ExecuteAsync(connection, $"INSERT INTO match_index_state (\"Id\", \"Scheme\", \"IndexedAt\") VALUES (1, '{Passerelle.Matching.MatchKeys.Scheme}', now())");
        var built = clock.Elapsed;
        clock.Restart();
        // As autovacuum would leave them: statistics, and a visibility map (index-only scans).
        await Sql.ExecuteAsync(connection, "VACUUM (ANALYZE) persons");
        await Sql.ExecuteAsync(connection, "VACUUM (ANALYZE) person_match_keys");
        return new LoadFigures(persons.Count, keys, copy, built, clock.Elapsed);
    }

    /// <summary>Table sizes and row counts after the load.</summary>
    public static async Task<List<string>> SizesAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT c.relname, c.reltuples::bigint, pg_size_pretty(pg_table_size(c.oid)), pg_size_pretty(pg_indexes_size(c.oid)),
                   (SELECT string_agg(i.relname || ' ' || pg_size_pretty(pg_relation_size(i.oid)), ', ' ORDER BY i.relname)
                      FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid WHERE x.indrelid = c.oid)
            FROM pg_class c WHERE c.relname IN ('persons', 'person_match_keys') ORDER BY c.relname
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync())
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"{reader.GetString(0)}: {reader.GetInt64(1)} rows, table {reader.GetString(2)}, indexes {reader.GetString(3)} ({reader.GetString(4)})"));
        }

        return lines;
    }

    private static async Task<(List<(string Name, string Definition)> Constraints, List<string> Indexes)> SetAsideAsync(NpgsqlConnection connection)
    {
        var constraints = new List<(string, string)>();
        await using (var command = new NpgsqlCommand(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'person_match_keys'::regclass AND contype IN ('p', 'f', 'u')", connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                constraints.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        var indexes = new List<string>();
        await using (var command = new NpgsqlCommand(
            """
            SELECT indexdef FROM pg_indexes WHERE tablename = 'person_match_keys'
              AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = 'person_match_keys'::regclass)
            """, connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                indexes.Add(reader.GetString(0));
            }
        }

        foreach (var (name, definition) in constraints.OrderBy(c => c.Item2.StartsWith("PRIMARY KEY", StringComparison.Ordinal)))
        {
            await Sql.ExecuteAsync(connection, $"ALTER TABLE person_match_keys DROP CONSTRAINT \"{name}\"");
        }

        foreach (var definition in indexes)
        {
            var name = definition.Split(' ')[definition.StartsWith("CREATE UNIQUE", StringComparison.Ordinal) ? 3 : 2];
            await Sql.ExecuteAsync(connection, $"DROP INDEX {name}");
        }

        return (constraints, indexes);
    }

    private static Task WriteAsync(NpgsqlBinaryImporter writer, string? value) =>
        value is null ? writer.WriteNullAsync() : writer.WriteAsync(value, NpgsqlDbType.Varchar);

    private static Task WriteAsync(NpgsqlBinaryImporter writer, int? value) =>
        value is null ? writer.WriteNullAsync() : writer.WriteAsync(value.Value, NpgsqlDbType.Integer);
}
