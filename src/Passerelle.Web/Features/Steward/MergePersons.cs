using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Audit;
using Passerelle.Web.Data;
using Passerelle.Web.Features.Reports;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Steward;

/// <summary>
/// A data steward's decision that two persons are one, and its undoing (issue 3). The merged person's
/// cases and reports move to the survivor, the merged person leaves lists and searches, and a
/// <see cref="PersonMerge"/> lists exactly what moved so that an undo puts exactly that back. Persons,
/// cases, reports and merges are all read through the filtered sets: the steward acts only inside the
/// territories they cover. Each decision is one <c>SaveChangesAsync</c> with its audit events; the
/// versions the steward saw must still be current (a concurrent change is reported, never overwritten).
/// </summary>
internal sealed class MergePersons(PasserelleDb db, AuditLog audit, CurrentActor actor, TimeProvider clock)
{
    public enum Outcome
    {
        Done,
        NotFound,
        Conflict,
        Refused,
    }

    /// <param name="OnReason">True when the refusal is about the reason field (else about the request as a whole).</param>
    public sealed record Result(Outcome Outcome, string? MessageKey = null, object[]? Args = null, bool OnReason = false, Guid? MergeId = null);

    /// <summary>Why a merge or an undo reason is refused, as a message key and its arguments; null when it is acceptable.</summary>
    public static (string Key, object[] Args)? CheckReason(string? reason)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return ("steward.error.reason-required", []);
        }

        if (reason.Length > PersonMerge.MaxReasonLength)
        {
            return ("error.too-long", [PersonMerge.MaxReasonLength]);
        }

        // Markup is only text here (encoded on output); control characters have no place in a reason.
        if (reason.Any(c => char.IsControl(c) && c is not ('\r' or '\n' or '\t')))
        {
            return ("error.control-characters", []);
        }

        return null;
    }

    public async Task<Result> MergeAsync(Guid survivorId, Guid mergedId, string? reason, int survivorVersion, int mergedVersion, CancellationToken ct)
    {
        if (survivorId == mergedId)
        {
            return new Result(Outcome.Refused, "steward.error.same-person");
        }

        var persons = await db.Persons.Where(p => p.Id == survivorId || p.Id == mergedId).ToListAsync(ct);
        var survivor = persons.Find(p => p.Id == survivorId);
        var merged = persons.Find(p => p.Id == mergedId);
        if (survivor is null || merged is null)
        {
            await audit.RecordAsync("person.merged", nameof(Person), survivor is null ? survivorId : mergedId, AuditLog.NotFound, ct: ct);
            return new Result(Outcome.NotFound);
        }

        if (survivor.MergedIntoId is not null || merged.MergedIntoId is not null)
        {
            return new Result(Outcome.Refused, "steward.error.already-merged");
        }

        if (survivor.Version != survivorVersion || merged.Version != mergedVersion)
        {
            return new Result(Outcome.Conflict);
        }

        if (CheckReason(reason) is { } error)
        {
            return new Result(Outcome.Refused, error.Key, error.Args, OnReason: true);
        }

        var cases = await db.Cases.Where(c => c.PersonId == merged.Id).OrderBy(c => c.OpenedAt).ThenBy(c => c.Id).ToListAsync(ct);
        var reports = await db.Reports.Where(r => r.PersonId == merged.Id).OrderBy(r => r.ReceivedAt).ThenBy(r => r.Id).ToListAsync(ct);
        foreach (var @case in cases)
        {
            // A case belongs to one person for life in the domain; only a steward's merge (and its undo) moves it.
            db.Entry(@case).Property(c => c.PersonId).CurrentValue = survivor.Id;
        }

        foreach (var report in reports)
        {
            report.PersonId = survivor.Id;
        }

        merged.MergedIntoId = survivor.Id;
        Touch(survivor);
        var merge = new PersonMerge
        {
            TerritoryCode = survivor.TerritoryCode,
            MergedTerritoryCode = merged.TerritoryCode,
            SurvivorId = survivor.Id,
            MergedId = merged.Id,
            MovedCaseIds = PersonMerge.FormatIds(cases.Select(c => c.Id)),
            MovedReportIds = PersonMerge.FormatIds(reports.Select(r => r.Id)),
            Probability = FindDuplicates.Compare(survivor, merged).Probability,
            Reason = reason!.Trim(),
            MergedAt = clock.GetUtcNow().UtcDateTime,
            MergedById = actor.Scope.UserId ?? "system",
        };
        db.PersonMerges.Add(merge);

        // The survivor is found under either spelling from now on; the merged person under none.
        await ReplaceKeysAsync(survivor.Id, FindCandidates.KeysOf(survivor).Concat(FindCandidates.KeysOf(merged)), ct);
        await ReplaceKeysAsync(merged.Id, [], ct);

        audit.Append("person.merged", nameof(Person), survivor.Id, reason: merge.Reason, territory: survivor.TerritoryCode);
        audit.Append("person.merged", nameof(Person), merged.Id, reason: merge.Reason, territory: merged.TerritoryCode);
        return await SaveAsync(merge.Id, ct);
    }

    public async Task<Result> UndoAsync(Guid mergeId, string? reason, int version, CancellationToken ct)
    {
        var merge = await db.PersonMerges.FirstOrDefaultAsync(m => m.Id == mergeId, ct);
        if (merge is null)
        {
            await audit.RecordAsync("person.merge-undone", nameof(PersonMerge), mergeId, AuditLog.NotFound, ct: ct);
            return new Result(Outcome.NotFound);
        }

        if (!merge.IsActive)
        {
            return new Result(Outcome.Refused, "steward.error.already-undone");
        }

        if (merge.Version != version)
        {
            return new Result(Outcome.Conflict);
        }

        if (CheckReason(reason) is { } error)
        {
            return new Result(Outcome.Refused, error.Key, error.Args, OnReason: true);
        }

        var persons = await db.Persons.Where(p => p.Id == merge.SurvivorId || p.Id == merge.MergedId).ToListAsync(ct);
        var survivor = persons.Find(p => p.Id == merge.SurvivorId);
        var merged = persons.Find(p => p.Id == merge.MergedId);
        if (survivor is null || merged is null)
        {
            await audit.RecordAsync("person.merge-undone", nameof(PersonMerge), merge.Id, AuditLog.NotFound, ct: ct);
            return new Result(Outcome.NotFound);
        }

        if (survivor.MergedIntoId is not null)
        {
            return new Result(Outcome.Refused, "steward.error.undo-later-first");
        }

        var caseIds = PersonMerge.ParseIds(merge.MovedCaseIds);
        var reportIds = PersonMerge.ParseIds(merge.MovedReportIds);
        var cases = await db.Cases.Where(c => caseIds.Contains(c.Id)).ToListAsync(ct);

        // The listed reports, and any report attached since to a case that goes back (a report follows its case).
        var reports = await db.Reports.Where(r => reportIds.Contains(r.Id) || (r.PersonId == survivor.Id && r.CaseId != null && caseIds.Contains(r.CaseId.Value))).ToListAsync(ct);
        if (merged.MergedIntoId != survivor.Id
            || cases.Count != caseIds.Count || cases.Any(c => c.PersonId != survivor.Id)
            || reportIds.Any(id => reports.Find(r => r.Id == id)?.PersonId != survivor.Id))
        {
            return new Result(Outcome.Refused, "steward.error.moved-since");
        }

        foreach (var @case in cases)
        {
            db.Entry(@case).Property(c => c.PersonId).CurrentValue = merged.Id;
        }

        foreach (var report in reports)
        {
            report.PersonId = merged.Id;
        }

        merged.MergedIntoId = null;
        Touch(survivor);
        merge.UndoneAt = clock.GetUtcNow().UtcDateTime;
        merge.UndoneById = actor.Scope.UserId ?? "system";
        merge.UndoReason = reason!.Trim();

        // Each person is found again under its own data only.
        await ReplaceKeysAsync(survivor.Id, FindCandidates.KeysOf(survivor), ct);
        await ReplaceKeysAsync(merged.Id, FindCandidates.KeysOf(merged), ct);

        audit.Append("person.merge-undone", nameof(Person), survivor.Id, reason: merge.UndoReason, territory: survivor.TerritoryCode);
        audit.Append("person.merge-undone", nameof(Person), merged.Id, reason: merge.UndoReason, territory: merged.TerritoryCode);
        return await SaveAsync(merge.Id, ct);
    }

    private async Task<Result> SaveAsync(Guid mergeId, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone changed one of the rows meanwhile: nothing was written; forget the attempt so that
            // the page's next reads (and their audit events) do not carry it.
            db.ChangeTracker.Clear();
            return new Result(Outcome.Conflict);
        }

        return new Result(Outcome.Done, MergeId: mergeId);
    }

    /// <summary>Marks a person as changed so that its version is checked and bumped with the rest of the decision.</summary>
    private void Touch(Person person) => db.Entry(person).Property(p => p.Version).IsModified = true;

    /// <summary>Makes a person's stored blocking keys exactly <paramref name="keys"/> (rows kept, removed or added).</summary>
    private async Task ReplaceKeysAsync(Guid personId, IEnumerable<string> keys, CancellationToken ct)
    {
        var wanted = keys.ToHashSet(StringComparer.Ordinal);
        var stored = await db.PersonMatchKeys.Where(k => k.PersonId == personId).ToListAsync(ct);
        db.PersonMatchKeys.RemoveRange(stored.Where(k => !wanted.Contains(k.Key)));
        var kept = stored.Select(k => k.Key).ToHashSet(StringComparer.Ordinal);
        db.PersonMatchKeys.AddRange(wanted.Where(k => !kept.Contains(k)).Order(StringComparer.Ordinal)
            .Select(k => new PersonMatchKey { PersonId = personId, Key = k }));
    }
}
