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
/// transaction with its audit events. Whatever the door, an imminent-danger report raises a
/// <see cref="DutyAlert"/> and, when the département has a duty contact, an e-mail in the outbox (no
/// personal data in it); a family referral the caller consented to is recorded with it.
/// </summary>
internal sealed class RecordReport(PasserelleDb db, AuditLog audit, CurrentActor actor, TimeProvider clock, IConfiguration configuration)
{
    public const string DutyAlertKind = "duty-alert";

    /// <param name="AttachedPersonId">The person it was attached to; null when it waits in the triage queue.</param>
    public sealed record Recorded(Guid ReportId, string Receipt, Guid? AttachedPersonId, Guid? AttachedCaseId)
    {
        public Guid PersonId => AttachedPersonId ?? throw new InvalidOperationException("The report waits in the triage queue: it has no person yet.");

        public Guid CaseId => AttachedCaseId ?? throw new InvalidOperationException("The report waits in the triage queue: it has no case yet.");

        public bool Queued => AttachedPersonId is null;

        /// <summary>The report is an imminent danger: a duty alert was raised.</summary>
        public bool DutyAlertRaised { get; init; }

        /// <summary>The département's duty contact was sent an e-mail (false: no duty contact configured).</summary>
        public bool DutyContactNotified { get; init; }

        /// <summary>The family referral recorded with the report, if any.</summary>
        public Guid? FamilyReferralId { get; init; }
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
            DangerSigns = string.Join(',', valid.DangerSigns ?? []),
            Narrative = valid.Narrative,
            Urgency = valid.Urgency,
            ReceivedAt = now,
            RecordedById = actorId,
            CallerRelation = valid.CallerRelation,
            CallbackConsent = valid.CallbackConsent,
            MainWorry = valid.MainWorry,
            Organisation = valid.Organisation,
            OrganisationType = valid.OrganisationType,
            RoutedByCallerTerritory = valid.RoutedByCallerTerritory,
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
        var notified = report.Urgency == Urgency.Imminent && await RaiseDutyAlertAsync(report, now, ct);
        FamilyReferral? referral = null;
        if (valid.FamilyReferral is { } family)
        {
            referral = new FamilyReferral
            {
                ReportId = report.Id,
                TerritoryCode = report.TerritoryCode,
                ContactName = family.ContactName,
                Contact = family.Contact,
                Relation = family.Relation,
                Note = family.Note,
                ConsentRecordedAt = now,
                RecordedById = actorId,
            };
            db.FamilyReferrals.Add(referral);
            audit.Append("family-referral.recorded", nameof(FamilyReferral), referral.Id, territory: referral.TerritoryCode);
        }

        await db.SaveChangesAsync(ct);
        return (new Recorded(report.Id, report.Receipt, report.PersonId, report.CaseId)
        {
            DutyAlertRaised = report.Urgency == Urgency.Imminent,
            DutyContactNotified = notified,
            FamilyReferralId = referral?.Id,
        }, null);
    }

    /// <summary>
    /// Adds the duty alert of an imminent-danger report and, when the département has a duty contact, the
    /// e-mail to it (saved by the caller, in the report's transaction). The e-mail carries no personal data:
    /// the receipt, the département, the time and a link to the report, which only the panel can open.
    /// Returns whether an e-mail was queued.
    /// </summary>
    private async Task<bool> RaiseDutyAlertAsync(Report report, DateTime now, CancellationToken ct)
    {
        var alert = new DutyAlert { ReportId = report.Id, TerritoryCode = report.TerritoryCode, RaisedAt = now };
        db.DutyAlerts.Add(alert);
        var contact = await db.Territories.AsNoTracking().Where(t => t.Code == report.TerritoryCode).Select(t => t.DutyContactEmail).FirstOrDefaultAsync(ct);
        audit.Append("duty-alert.raised", nameof(DutyAlert), alert.Id, reason: contact is null ? "no duty contact" : "duty contact e-mailed", territory: report.TerritoryCode);
        if (string.IsNullOrWhiteSpace(contact))
        {
            return false;
        }

        db.OutboxMessages.Add(new OutboxMessage
        {
            To = contact,
            Kind = DutyAlertKind,
            Subject = DutyAlertSubject(report.TerritoryCode),
            Body = DutyAlertBody(report, configuration["Passerelle:BaseUrl"]),
            CreatedAt = now,
        });
        return true;
    }

    /// <summary>The duty alert's subject: the département only.</summary>
    public static string DutyAlertSubject(string territory) =>
        $"[Passerelle] Danger imminent signalé — département {territory} / Imminent danger reported — département {territory}";

    /// <summary>
    /// The duty alert's body, in French and English (the contact's language is not known): no name, no narrative,
    /// nothing of the caller — the receipt, the département, the time (UTC) and the link to the report.
    /// </summary>
    public static string DutyAlertBody(Report report, string? baseUrl)
    {
        var link = $"{baseUrl?.TrimEnd('/')}/reports/{report.Id}";
        var at = report.ReceivedAt.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);
        return $"""
            Un signalement de danger imminent vient d'être reçu par la plateforme.
            Récépissé : {report.Receipt}
            Département : {report.TerritoryCode}
            Reçu le : {at}
            Ouvrir le signalement (connexion requise) : {link}
            Merci d'accuser réception dans la file de tri de Passerelle.

            An imminent-danger report has just been received.
            Receipt: {report.Receipt}
            Département: {report.TerritoryCode}
            Received at: {at}
            Open the report (sign-in required): {link}
            Please acknowledge it in Passerelle's triage queue.
            """;
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
