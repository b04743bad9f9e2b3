using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Audit;
using Passerelle.Web.Data;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Reports;

/// <summary>
/// Records a validated report: attaches it to the chosen person of the register (found through the
/// scoped query, so only a visible person can be chosen) or creates a new person, then to the
/// person's open case or a new one. A new person's matching keys are stored in the same transaction,
/// so the next search on any instance finds it. One transaction with its audit events.
/// </summary>
internal sealed class RecordReport(PasserelleDb db, AuditLog audit, CurrentActor actor, TimeProvider clock)
{
    public sealed record Recorded(Guid ReportId, string Receipt, Guid PersonId, Guid CaseId);

    /// <summary>Returns the recorded report, or a field error when the chosen person is not in the user's register.</summary>
    public async Task<(Recorded? Recorded, FieldError? Error)> ExecuteAsync(ValidReport valid, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var actorId = actor.Scope.UserId ?? "system";

        Person person;
        Case? @case = null;
        if (valid.PersonId is { } personId)
        {
            if (!actor.Scope.Can(Permissions.RegisterWrite))
            {
                return (null, new FieldError("personId", "error.person-not-found"));
            }

            var existing = await db.Persons.Include(p => p.Cases).FirstOrDefaultAsync(p => p.Id == personId, ct);
            if (existing is null || existing.TerritoryCode != valid.Territory)
            {
                return (null, new FieldError("personId", "error.person-not-found"));
            }

            person = existing;
            @case = person.Cases.Where(c => c.IsOpen).OrderByDescending(c => c.OpenedAt).FirstOrDefault();
        }
        else
        {
            person = new Person
            {
                TerritoryCode = valid.Territory,
                GivenName = valid.GivenName,
                Surname = valid.Surname,
                Aliases = valid.Aliases,
                DateOfBirth = valid.DateOfBirth,
                PlaceOfBirth = valid.PlaceOfBirth,
                Sex = valid.Sex,
                Address = valid.Address,
                CreatedAt = now,
                CreatedById = actorId,
            };
            person.RefreshSearchKey();
            db.Persons.Add(person);
            db.PersonMatchKeys.AddRange(FindCandidates.KeysOf(person).Select(k => new PersonMatchKey { PersonId = person.Id, Key = k }));
            audit.Append("person.create", nameof(Person), person.Id, territory: person.TerritoryCode);
        }

        if (@case is null)
        {
            @case = Case.Open(person, actorId, now);
            db.Cases.Add(@case);
            audit.Append("case.open", nameof(Case), @case.Id, territory: @case.TerritoryCode);
        }

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
        var attached = @case.AttachReport(report, actorId, now);
        if (db.Entry(@case).State != EntityState.Added)
        {
            db.CaseEvents.Add(attached);
        }

        db.Reports.Add(report);
        audit.Append("report.create", nameof(Report), report.Id, territory: report.TerritoryCode);
        await db.SaveChangesAsync(ct);
        return (new Recorded(report.Id, report.Receipt, person.Id, @case.Id), null);
    }
}
