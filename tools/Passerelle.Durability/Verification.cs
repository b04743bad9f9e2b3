using System.Text.RegularExpressions;
using Npgsql;

namespace Passerelle.Durability;

/// <summary>What the database holds at the end, read directly (no app in between), against what the client was told.</summary>
internal sealed partial record Verification(
    int Stored,
    int Missing,
    int Duplicates,
    int StoredUnacknowledged,
    int Mismatched,
    int ClaimsInFlight,
    IReadOnlyList<string> Problems)
{
    public static async Task<Verification> RunAsync(string database, string run, IReadOnlyList<Submission> submissions)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();

        // Every report of this run, by the marker its narrative starts with.
        var byMarker = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand("""SELECT "Receipt", "Narrative" FROM reports WHERE "Narrative" LIKE @prefix""", connection))
        {
            command.Parameters.AddWithValue("prefix", $"durability-{run}-%");
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var marker = MarkerOf(reader.GetString(1));
                if (!byMarker.TryGetValue(marker, out var receipts))
                {
                    byMarker[marker] = receipts = [];
                }

                receipts.Add(reader.GetString(0));
            }
        }

        // Every acknowledged receipt, looked up by receipt over the whole table.
        var acknowledged = submissions.Where(s => s.Receipt is not null).ToList();
        var byReceipt = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand("""SELECT "Receipt", "Narrative" FROM reports WHERE "Receipt" = ANY(@receipts)""", connection))
        {
            command.Parameters.AddWithValue("receipts", acknowledged.Select(s => s.Receipt!).ToArray());
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var receipt = reader.GetString(0);
                if (!byReceipt.TryGetValue(receipt, out var markers))
                {
                    byReceipt[receipt] = markers = [];
                }

                markers.Add(MarkerOf(reader.GetString(1)));
            }
        }

        int claimsInFlight;
        await using (var command = new NpgsqlCommand("""SELECT count(*) FROM idempotency_records WHERE "StatusCode" = 0""", connection))
        {
            claimsInFlight = Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        }

        var problems = new List<string>();
        int missing = 0, mismatched = 0;
        foreach (var s in acknowledged)
        {
            var rows = byReceipt.GetValueOrDefault(s.Receipt!) ?? [];
            if (rows.Count != 1)
            {
                missing += rows.Count == 0 ? 1 : 0;
                problems.Add($"{s.Marker}: acknowledged receipt {s.Receipt} is stored {rows.Count} times; attempts: {string.Join("; ", s.History)}");
            }
            else if (rows[0] != s.Marker)
            {
                mismatched++;
                problems.Add($"{s.Marker}: acknowledged receipt {s.Receipt} belongs to {rows[0]}; attempts: {string.Join("; ", s.History)}");
            }
        }

        var duplicates = 0;
        foreach (var (marker, receipts) in byMarker.Where(m => m.Value.Count > 1))
        {
            duplicates += receipts.Count - 1;
            var s = submissions.FirstOrDefault(x => x.Marker == marker);
            problems.Add($"{marker}: stored {receipts.Count} times (receipts {string.Join(", ", receipts)}); acknowledged {s?.Receipt ?? "never"}; attempts: {string.Join("; ", s?.History ?? [])}");
        }

        var acknowledgedMarkers = acknowledged.Select(s => s.Marker).ToHashSet(StringComparer.Ordinal);
        var storedUnacknowledged = byMarker.Keys.Count(m => !acknowledgedMarkers.Contains(m));
        foreach (var marker in byMarker.Keys.Where(m => !acknowledgedMarkers.Contains(m)))
        {
            var s = submissions.FirstOrDefault(x => x.Marker == marker);
            problems.Add($"{marker}: stored but never acknowledged ({s?.Failure}); attempts: {string.Join("; ", s?.History ?? [])}");
        }

        return new Verification(byMarker.Values.Sum(r => r.Count), missing, duplicates, storedUnacknowledged, mismatched, claimsInFlight, problems);
    }

    private static string MarkerOf(string narrative) => Marker().Match(narrative) is { Success: true } m ? m.Value : narrative;

    [GeneratedRegex(@"^durability-[0-9a-f]+-[0-9]+")]
    private static partial Regex Marker();
}
