using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Audit;
using Passerelle.Web.Data;
using Passerelle.Web.Features.Reports;

namespace Passerelle.Web.Cli;

/// <summary>
/// <c>passerelle match reindex</c>: recomputes every person's matching keys in
/// <c>person_match_keys</c> (after an engine upgrade changed the keys, or to repair the table).
/// A person merged into another has no keys of its own: its keys are added to the survivor's, so
/// the survivor is found under either spelling (as the merge itself does). Runs in batches, each
/// in its own transaction; safe to run again.
/// </summary>
internal static class ReindexCommand
{
    private const int BatchSize = 500;

    public static async Task<int> RunAsync(PasserelleDb db, AuditLog audit, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        var all = await db.Persons.IgnoreQueryFilters().AsNoTracking()
            .Where(p => p.MergedIntoId == null)
            .Select(p => p.Id)
            .ToListAsync(ct);
        var total = all.Count;
        long keys = 0;
        var done = 0;
        foreach (var chunk in all.Chunk(BatchSize))
        {
            var batch = await db.Persons.IgnoreQueryFilters().AsNoTracking()
                .Where(p => chunk.Contains(p.Id))
                .ToListAsync(ct);
            var ids = batch.Select(p => p.Id).ToList();
            var merged = await db.Persons.IgnoreQueryFilters().AsNoTracking()
                .Where(p => p.MergedIntoId != null && ids.Contains(p.MergedIntoId.Value))
                .ToListAsync(ct);
            var mergedBySurvivor = merged.ToLookup(p => p.MergedIntoId!.Value);

            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var mergedIds = merged.Select(p => p.Id).ToList();
            await db.PersonMatchKeys.Where(k => ids.Contains(k.PersonId) || mergedIds.Contains(k.PersonId)).ExecuteDeleteAsync(ct);
            foreach (var person in batch)
            {
                var personKeys = KeysWithMerged(person, mergedBySurvivor[person.Id]);
                db.PersonMatchKeys.AddRange(personKeys.Select(k => new PersonMatchKey { PersonId = person.Id, Key = k }));
                keys += personKeys.Count;
            }

            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            db.ChangeTracker.Clear();
            done += batch.Count;
            if (total >= 10 * BatchSize)
            {
                Console.Error.Write($"\rmatch: {done}/{total} persons re-indexed");
            }
        }

        if (total >= 10 * BatchSize)
        {
            Console.Error.WriteLine();
        }

        await audit.RecordAsync("match.reindex", nameof(Person), null, reason: $"{done} persons, {keys} keys", ct: ct);
        Console.WriteLine($"Re-indexed {done} persons ({keys} keys) in {clock.Elapsed.TotalSeconds:0.0} s.");
        return 0;
    }

    /// <summary>A survivor's keys: its own and those of every person merged into it, distinct.</summary>
    public static IReadOnlyList<string> KeysWithMerged(Person person, IEnumerable<Person> mergedInto) =>
        [.. FindCandidates.KeysOf(person).Concat(mergedInto.SelectMany(FindCandidates.KeysOf)).Distinct(StringComparer.Ordinal)];
}
