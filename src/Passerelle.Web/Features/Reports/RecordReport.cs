using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Audit;
using Passerelle.Web.Data;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Reports;

/// <summary>
/// Records a validated report. A panel member (register writer) takes it in charge at once: it is
/// attached to the chosen person of the register (found through the scoped query, so only a visible
/// person can be chosen) or to a new person, then to the person's open case or a new one. Any other
/// door (hotline, partners, public forms) leaves it in the triage queue of its département, with no
/// person yet (<see cref="Triage.TriageReport"/> takes it in charge later). A new person's matching
/// keys are stored in the same transaction, so the next search on any instance finds it. One
/// transaction with its audit events.
/// </summary>
internal sealed class RecordReport(PasserelleDb db, AuditLog audit, CurrentActor actor, TimeProvider clock)
{
    /// <param name="AttachedPersonId">The person it was attached to; null when it waits in the triage queue.</param>
    public sealed record Recorded(Guid ReportId, string Receipt, Guid? AttachedPersonId, Guid? AttachedCaseId)
    {
        public Guid PersonId => AttachedPersonId ?? throw new InvalidOperationException("The report waits in the triage queue: it has no person yet.");

        public Guid CaseId => AttachedCaseId ?? throw new InvalidOperationException("The report waits in the triage queue: it has no case yet.");

        public bool Queued => AttachedPersonId is null;
    }

    /// <summary>Returns the recorded report, or a field error when the chosen person is not in the user's register.</summary>
    public async Task<(Recorded? Recorded, FieldError? Error)> ExecuteAsync(ValidReport valid, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var actorId = actor.Scope.UserId ?? "system";
        var report = new Report
        {
            Receipt = Report.NewReceipt(now),
            TerritoryCode = valid.Territory,
            Source = valid.Source,
            ReporterName = valid.ReporterName,
            ReporterContact = valid.ReporterContact,
            ReportedGivenName = valid.GivenName,
            ReportedSurname = valid.Surname,
            ReportedAliases = valid.Aliases,
            ReportedBirthYear = valid.DateOfBirth?.Year,
            ReportedBirthMonth = valid.DateOfBirth?.Month,
            ReportedBirthDay = valid.DateOfBirth?.Day,
            ReportedPlaceOfBirth = valid.PlaceOfBirth,
            ReportedSex = valid.Sex,
            ReportedAddress = valid.Address,
            Behaviours = string.Join(',', valid.Behaviours),
            Narrative = valid.Narrative,
            Urgency = valid.Urgency,
            ReceivedAt = now,
            RecordedById = actorId,
        };

        if (actor.Scope.Can(Permissions.RegisterWrite))
        {
            var error = await AttachAsync(report, valid.PersonId, actorId, now, ct);
            if (error is not null)
            {
                return (null, error);
            }
        }
        else if (valid.PersonId is not null)
        {
            return (null, new FieldError("personId", "error.person-not-found"));
        }

        db.Reports.Add(report);
        audit.Append("report.create", nameof(Report), report.Id, reason: report.Status.ToString(), territory: report.TerritoryCode);
        await db.SaveChangesAsync(ct);
        return (new Recorded(report.Id, report.Receipt, report.PersonId, report.CaseId), null);
    }

    /// <summary>
    /// Takes <paramref name="report"/> in charge: attaches it to the person <paramref name="personId"/> of the
    /// register (same département) or, when null, to a new person built from the report as received; then
    /// to that person's open case or a new one. Nothing is saved here: the caller saves once.
    /// </summary>
    public async Task<FieldError?> AttachAsync(Report report, Guid? personId, string actorId, DateTime now, CancellationToken ct)
    {
        Person person;
        Case? @case = null;
        if (personId is { } id)
        {
            var existing = await db.Persons.Include(p => p.Cases).FirstOrDefaultAsync(p => p.Id == id && p.MergedIntoId == null, ct);
            if (existing is null || existing.TerritoryCode != report.TerritoryCode)
            {
                return new FieldError("personId", "error.person-not-found");
            }

            person = existing;
            @case = person.Cases.Where(c => c.IsOpen).OrderByDescending(c => c.OpenedAt).FirstOrDefault();
        }
        else
        {
            person = new Person
            {
                TerritoryCode = report.TerritoryCode,
                GivenName = report.ReportedGivenName,
                Surname = report.ReportedSurname,
                Aliases = report.ReportedAliases,
                DateOfBirth = report.ReportedDateOfBirth,
                PlaceOfBirth = report.ReportedPlaceOfBirth,
                Sex = report.ReportedSex,
                Address = report.ReportedAddress,
                CreatedAt = now,
                CreatedById = actorId,
            };
            person.RefreshSearchKey();
            db.Persons.Add(person);
            db.PersonMatchKeys.AddRange(FindCandidates.KeysOf(person).Select(k => new PersonMatchKey { PersonId = person.Id, Key = k }));
            audit.Append("person.create", nameof(Person), person.Id, territory: person.TerritoryCode);
        }

        if (report.TakeInCharge(actorId, now) is { } refused)
        {
            return new FieldError("report", "error." + refused.Code);
        }

        if (@case is null)
        {
            @case = Case.Open(person, actorId, now);
            db.Cases.Add(@case);
            audit.Append("case.open", nameof(Case), @case.Id, territory: @case.TerritoryCode);
        }

        var attached = @case.AttachReport(report, actorId, now);
        if (db.Entry(@case).State != EntityState.Added)
        {
            db.CaseEvents.Add(attached);
        }

        return null;
    }
}
