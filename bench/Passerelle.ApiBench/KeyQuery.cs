using System.Diagnostics;
using System.Globalization;
using Npgsql;
using NpgsqlTypes;

namespace Passerelle.ApiBench;

/// <summary>FindCandidates in parts, for the same queries: the key lookup, the persons read, the scoring; and where the re-reported person ranked in the lookup.</summary>
internal sealed record Parts(Latencies Lookup, Latencies Read, Latencies ReadFirst100, Latencies Scoring, int[] Ranks, int[] Scored, long[] Rows, double KeysPerQuery, string[] HeaviestKeys)
{
    public void Print()
    {
        var scored = Scored.Order().ToArray();
        var rows = Rows.Order().ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"key rows a lookup groups: p50 {rows[rows.Length / 2]}, p95 {rows[(int)(rows.Length * 0.95)]}, max {rows[^1]}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"keys a query: {KeysPerQuery:0.0} on average; persons the lookup returns (scored by the app): p50 {scored[scored.Length / 2]}, "
            + $"p95 {scored[(int)(scored.Length * 0.95)]}, at the cap of {KeyQuery.MaxScored}: {scored.Count(n => n >= KeyQuery.MaxScored) * 100.0 / scored.Length:0.0} %"));
        Console.WriteLine(Lookup.Describe("key lookup alone (FindCandidates' statement, Npgsql, no app)"));
        Console.WriteLine(Read.Describe("persons read alone (FindCandidates' second statement, all ids found)"));
        Console.WriteLine(ReadFirst100.Describe("persons read alone, first 100 ids only (what-if: MaxScored = 100)"));
        Console.WriteLine(Scoring.Describe("scoring alone (FindCandidates' comparisons of the persons read, in process)"));
        string Share(int k) => (Ranks.Count(r => r >= 0 && r < k) * 100.0 / Ranks.Length).ToString("0.0", CultureInfo.InvariantCulture) + " %";
        Console.WriteLine($"re-reported person among the lookup's first 10: {Share(10)}, 50: {Share(50)}, 100: {Share(100)}, 200: {Share(200)}, {KeyQuery.MaxScored}: {Share(KeyQuery.MaxScored)} (ties broken as PostgreSQL breaks them)");
    }
}

/// <summary>
/// FindCandidates without the app: its two statements as EF sends them to PostgreSQL (keys, then ids, as one
/// array parameter each), and its scoring in process. The heaviest lookup is explained; a what-if re-measures
/// the lookup with a covering index.
/// </summary>
internal static class KeyQuery
{
    /// <summary>FindCandidates.MaxScored.</summary>
    public const int MaxScored = 200;

    public const string Statement =
        """
        SELECT p."PersonId" FROM person_match_keys AS p
        WHERE p."Key" = ANY (@keys)
        GROUP BY p."PersonId" ORDER BY count(*)::int DESC LIMIT 200
        """;

    private const string Read =
        """
        SELECT p."Id", p."TerritoryCode", p."GivenName", p."Surname", p."Aliases", p."BirthYear", p."BirthMonth", p."BirthDay", p."PlaceOfBirth", p."Sex", p."Address"
        FROM persons AS p WHERE p."Id" = ANY (@ids)
        """;

    public static async Task<Parts> MeasureAsync(string database, Register register, IReadOnlyList<Query> queries)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        var lookup = new List<double>();
        var read = new List<double>();
        var readFirst = new List<double>();
        var scoring = new List<double>();
        var ranks = new List<int>();
        var scored = new List<int>();
        var rows = new List<long>();
        var heaviest = (Rows: -1L, Keys: Array.Empty<string>());
        long keys = 0;
        foreach (var query in queries)
        {
            var list = Register.KeysOf(query.Record).ToArray();
            keys += list.Length;
            var start = Stopwatch.GetTimestamp();
            var ids = await LookupAsync(connection, list);
            var time = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            lookup.Add(time);
            var grouped = await RowsAsync(connection, list);
            rows.Add(grouped);
            if (grouped > heaviest.Rows)
            {
                heaviest = (grouped, list);
            }

            ranks.Add(ids.IndexOf(register.Persons[query.Target].Id));
            scored.Add(ids.Count);
            read.Add(await TimeReadAsync(connection, [.. ids]));
            readFirst.Add(await TimeReadAsync(connection, [.. ids.Take(100)]));
            start = Stopwatch.GetTimestamp();
            Register.Score(query.Record, ids.Select(register.PersonOf));
            scoring.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        return new Parts(Of(lookup), Of(read), Of(readFirst), Of(scoring), [.. ranks], [.. scored], [.. rows], (double)keys / Math.Max(1, queries.Count), heaviest.Keys);
    }

    public static async Task ExplainHeaviestAsync(string database, string[] keys)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await ExplainAsync(connection, keys, "EXPLAIN (ANALYZE, BUFFERS) of the heaviest key lookup (most key rows to group; migrations' schema):");
        Console.WriteLine("its keys, most shared first (rows in person_match_keys):");
        await using var sizes = new NpgsqlCommand(
            """SELECT "Key", count(*) FROM person_match_keys WHERE "Key" = ANY (@keys) GROUP BY "Key" ORDER BY count(*) DESC""", connection);
        sizes.Parameters.Add(new NpgsqlParameter("keys", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = keys });
        await using var rows = await sizes.ExecuteReaderAsync();
        var total = 0L;
        var lines = new List<string>();
        while (await rows.ReadAsync())
        {
            total += rows.GetInt64(1);
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{rows.GetInt64(1),7}  {rows.GetString(0)}"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {keys.Length} keys, {lines.Count} present, {total} rows to group"));
        foreach (var line in lines.Take(12))
        {
            Console.WriteLine("  " + line);
        }
    }

    private static async Task ExplainAsync(NpgsqlConnection connection, string[] keys, string title)
    {
        Console.WriteLine(title);
        await using var explain = new NpgsqlCommand("EXPLAIN (ANALYZE, BUFFERS) " + Statement, connection);
        explain.Parameters.Add(new NpgsqlParameter("keys", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = keys });
        await using var reader = await explain.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var line = reader.GetString(0);
            Console.WriteLine("  " + (line.Length > 160 ? line[..160] + "…" : line));
        }
    }

    private static async Task<List<Guid>> LookupAsync(NpgsqlConnection connection, string[] keys)
    {
        await using var command = new NpgsqlCommand(Statement, connection);
        command.Parameters.Add(new NpgsqlParameter("keys", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = keys });
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }

    private static async Task<long> RowsAsync(NpgsqlConnection connection, string[] keys)
    {
        await using var command = new NpgsqlCommand("""SELECT count(*) FROM person_match_keys WHERE "Key" = ANY (@keys)""", connection);
        command.Parameters.Add(new NpgsqlParameter("keys", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = keys });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<double> TimeReadAsync(NpgsqlConnection connection, Guid[] ids)
    {
        await using var command = new NpgsqlCommand(Read, connection);
        command.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = ids });
        var start = Stopwatch.GetTimestamp();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
            }
        }

        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    private static Latencies Of(List<double> times) => new([.. times], 0, 0, 0, 0, null);
}
