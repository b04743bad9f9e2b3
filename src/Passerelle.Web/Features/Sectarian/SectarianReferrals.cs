using System.Text;
using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Audit;
using Passerelle.Web.Data;
using Passerelle.Web.Features.Reports;
using Passerelle.Web.Localization;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Sectarian;

/// <summary>
/// The Miviludes analysts' work on referrals (issue 4, "Behind the doors"): the queue, one referral, the
/// answer (recommendations, victim-support associations, classification by domain) and the closing
/// without answer. Referrals are read through the query filter of their compartment (Miviludes analysts
/// only, nationally): anyone else finds nothing. The version read must still be current, so two analysts
/// cannot answer one referral twice. Every read and write leaves an audit event.
/// </summary>
internal sealed class SectarianReferrals(PasserelleDb db, AuditLog audit, CurrentActor actor, TimeProvider clock, Retention.RetentionRules retention)
{
    public const int PageSize = 20;

    /// <summary>At most ten associations in one answer: enough for any region, and the e-mail stays under the outbox's size limit.</summary>
    public const int MaxAssociations = 10;

    public const string AnswerKind = "sectarian-answer";

    public enum Outcome
    {
        Done,
        NotFound,
        Conflict,
        Refused,
    }

    public sealed record Result(Outcome Outcome, IReadOnlyList<FieldError> Errors, Delivery Delivery = Delivery.None);

    /// <summary>How the sender gets the answer: by e-mail (outbox), by phone (the analyst calls), or not at all (no contact given).</summary>
    public enum Delivery
    {
        None,
        Email,
        Phone,
    }

    public sealed record Row(Guid Id, string Receipt, SectarianRequestKind Kind, SectarianReferralStatus Status, string? Region, string Criteria, DateTime ReceivedAt);

    public sealed record Queue(IReadOnlyList<Row> Rows, int Total, int Waiting, DateTime? OldestWaitingSince);

    public sealed record Filter(SectarianReferralStatus? Status, SectarianRequestKind? Kind, int Page);

    /// <summary>The answer form as submitted: raw strings, checked here.</summary>
    public sealed record Answer(string? Text, string? Domain, IReadOnlyList<string>? AssociationIds, int Version);

    /// <summary>Referrals waiting first, oldest first; then the others, oldest first; 20 a page. One event per row shown.</summary>
    public async Task<Queue> ListAsync(Filter filter, CancellationToken ct)
    {
        var all = db.SectarianReferrals.AsNoTracking();
        var waiting = all.Where(r => r.Status == SectarianReferralStatus.Received);
        var waitingCount = await waiting.CountAsync(ct);
        var oldest = waitingCount == 0 ? (DateTime?)null : await waiting.MinAsync(r => r.ReceivedAt, ct);

        var shown = all;
        if (filter.Status is { } status)
        {
            shown = shown.Where(r => r.Status == status);
        }

        if (filter.Kind is { } kind)
        {
            shown = shown.Where(r => r.Kind == kind);
        }

        var total = await shown.CountAsync(ct);
        var rows = await shown
            .OrderBy(r => r.Status == SectarianReferralStatus.Received ? 0 : 1).ThenBy(r => r.ReceivedAt).ThenBy(r => r.Id)
            .Skip((filter.Page - 1) * PageSize)
            .Take(PageSize)
            .Select(r => new Row(r.Id, r.Receipt, r.Kind, r.Status, r.Region, r.Criteria, r.ReceivedAt))
            .ToListAsync(ct);
        foreach (var row in rows)
        {
            audit.Append("sectarian-referral.listed", nameof(SectarianReferral), row.Id, reason: "miviludes queue");
        }

        await db.SaveChangesAsync(ct);
        return new Queue(rows, total, waitingCount, oldest);
    }

    /// <summary>One referral, served only once its read is stored in the audit log (no event, no page).</summary>
    public async Task<SectarianReferral?> ReadAsync(Guid id, CancellationToken ct)
    {
        var referral = await db.SectarianReferrals.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        await audit.RecordAsync("sectarian-referral.read", nameof(SectarianReferral), id, referral is null ? AuditLog.NotFound : AuditLog.Success, ct: ct);
        return referral;
    }

    /// <summary>The active associations: those of <paramref name="region"/> first, then the national ones, then the other regions'.</summary>
    public async Task<IReadOnlyList<SupportAssociation>> AssociationsForAsync(string? region, CancellationToken ct)
    {
        var active = await db.SupportAssociations.AsNoTracking().Where(a => a.Active).ToListAsync(ct);
        return
        [
            .. active
                .OrderBy(a => region is not null && a.Region == region ? 0 : a.Region is null ? 1 : 2)
                .ThenBy(a => a.Region, StringComparer.Ordinal)
                .ThenBy(a => a.Name, StringComparer.CurrentCultureIgnoreCase),
        ];
    }

    /// <summary>
    /// Answers a waiting referral. When the sender gave an e-mail address, the answer goes to the outbox in
    /// the same transaction: the recommendations, the chosen associations and the receipt number, nothing else.
    /// </summary>
    public async Task<Result> AnswerAsync(Guid id, Answer answer, CancellationToken ct)
    {
        var referral = await db.SectarianReferrals.FirstOrDefaultAsync(r => r.Id == id, ct);
        if (referral is null || !actor.Scope.Can(Permissions.SectarianManage))
        {
            await audit.RecordAsync("sectarian-referral.answered", nameof(SectarianReferral), id, AuditLog.NotFound, ct: ct);
            return new Result(Outcome.NotFound, []);
        }

        var errors = new List<FieldError>();
        var text = ReportValidation.FreeText(errors, "answer", answer.Text, SectarianReferral.MaxAnswerLength);
        if (text is null && !errors.Any(e => e.Field == "answer"))
        {
            errors.Add(new("answer", "sectarian.error.answer-required"));
        }

        var domain = CheckDomain(errors, answer.Domain);
        var associations = await CheckAssociationsAsync(errors, answer.AssociationIds, ct);
        if (errors.Count > 0)
        {
            return new Result(Outcome.Refused, errors);
        }

        if (referral.Version != answer.Version || referral.Status != SectarianReferralStatus.Received)
        {
            return new Result(Outcome.Conflict, []);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        referral.Status = SectarianReferralStatus.Answered;
        referral.Answer = text;
        referral.Domain = domain;
        referral.RecommendedAssociationIds = string.Join(',', associations.Select(a => a.Id));
        referral.AnsweredAt = now;
        referral.AnsweredById = actor.Scope.UserId ?? "system";
        referral.RetainUntil = now + retention.SectarianReferral;

        var delivery = !string.IsNullOrWhiteSpace(referral.ContactEmail) ? Delivery.Email
            : !string.IsNullOrWhiteSpace(referral.ContactPhone) ? Delivery.Phone
            : Delivery.None;
        if (delivery == Delivery.Email)
        {
            db.OutboxMessages.Add(new OutboxMessage
            {
                To = referral.ContactEmail!.Trim(),
                Subject = Texts.SectarianFrench("sectarian.mail.subject", referral.Receipt),
                Body = MailBody(referral.Receipt, text!, associations),
                Kind = AnswerKind,
                CreatedAt = now,
            });
        }

        audit.Append("sectarian-referral.answered", nameof(SectarianReferral), referral.Id, reason: $"domain {domain}; {associations.Count} association(s); delivery {delivery.ToString().ToLowerInvariant()}");
        return await SaveAsync(delivery, ct);
    }

    /// <summary>Closes a waiting referral without an answer (no way to answer, duplicate…): the reason is required and kept, the referral classified.</summary>
    public async Task<Result> CloseAsync(Guid id, string? reason, string? domainCode, int version, CancellationToken ct)
    {
        var referral = await db.SectarianReferrals.FirstOrDefaultAsync(r => r.Id == id, ct);
        if (referral is null || !actor.Scope.Can(Permissions.SectarianManage))
        {
            await audit.RecordAsync("sectarian-referral.closed", nameof(SectarianReferral), id, AuditLog.NotFound, ct: ct);
            return new Result(Outcome.NotFound, []);
        }

        var errors = new List<FieldError>();
        var text = ReportValidation.FreeText(errors, "reason", reason, SectarianReferral.MaxAnswerLength);
        if (text is null && !errors.Any(e => e.Field == "reason"))
        {
            errors.Add(new("reason", "sectarian.error.reason-required"));
        }

        var domain = CheckDomain(errors, domainCode, "closeDomain");
        if (errors.Count > 0)
        {
            return new Result(Outcome.Refused, errors);
        }

        if (referral.Version != version || referral.Status != SectarianReferralStatus.Received)
        {
            return new Result(Outcome.Conflict, []);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        referral.Status = SectarianReferralStatus.Closed;

        // The schema has no separate closing-reason column: a closed referral's Answer holds why it was closed.
        referral.ClosedReason = text;
        referral.Domain = domain;
        referral.AnsweredAt = now;
        referral.AnsweredById = actor.Scope.UserId ?? "system";
        referral.RetainUntil = now + retention.SectarianReferral;
        audit.Append("sectarian-referral.closed", nameof(SectarianReferral), referral.Id, reason: $"domain {domain}");
        return await SaveAsync(Delivery.None, ct);
    }

    /// <summary>The associations recommended in an answer, by id (inactive ones included: an answer keeps what it sent).</summary>
    public async Task<IReadOnlyList<SupportAssociation>> RecommendedAsync(SectarianReferral referral, CancellationToken ct)
    {
        var ids = SectarianCodes.Split(referral.RecommendedAssociationIds)
            .Select(s => Guid.TryParse(s, out var g) ? g : Guid.Empty).Where(g => g != Guid.Empty).ToList();
        if (ids.Count == 0)
        {
            return [];
        }

        var found = await db.SupportAssociations.AsNoTracking().Where(a => ids.Contains(a.Id)).ToListAsync(ct);
        return [.. ids.Select(i => found.FirstOrDefault(a => a.Id == i)).OfType<SupportAssociation>()];
    }

    private static string? CheckDomain(List<FieldError> errors, string? code, string field = "domain")
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            errors.Add(new(field, "sectarian.error.domain-required"));
            return null;
        }

        if (!SectarianDomains.IsKnown(code.Trim()))
        {
            errors.Add(new(field, "error.unknown-value"));
            return null;
        }

        return code.Trim();
    }

    private async Task<IReadOnlyList<SupportAssociation>> CheckAssociationsAsync(List<FieldError> errors, IReadOnlyList<string>? raw, CancellationToken ct)
    {
        var values = (raw ?? []).Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (values.Count > MaxAssociations)
        {
            errors.Add(new("associations", "sectarian.error.too-many-associations", MaxAssociations));
            return [];
        }

        var ids = new List<Guid>();
        foreach (var value in values)
        {
            if (!Guid.TryParse(value, out var id))
            {
                errors.Add(new("associations", "sectarian.error.association-unknown"));
                return [];
            }

            ids.Add(id);
        }

        if (ids.Count == 0)
        {
            return [];
        }

        var found = await db.SupportAssociations.AsNoTracking().Where(a => ids.Contains(a.Id) && a.Active).ToListAsync(ct);
        if (found.Count != ids.Count)
        {
            errors.Add(new("associations", "sectarian.error.association-unknown"));
            return [];
        }

        return [.. ids.Select(i => found.First(a => a.Id == i))];
    }

    /// <summary>
    /// The e-mail to the sender, in French: the recommendations, the associations (name and contact) and the
    /// receipt number to quote. Nothing the sender wrote and no other personal data is repeated.
    /// </summary>
    private static string MailBody(string receipt, string recommendations, IReadOnlyList<SupportAssociation> associations)
    {
        var body = new StringBuilder();
        body.AppendLine(Texts.SectarianFrench("sectarian.mail.greeting"));
        body.AppendLine();
        body.AppendLine(Texts.SectarianFrench("sectarian.mail.intro", receipt));
        body.AppendLine();
        body.AppendLine(recommendations);
        if (associations.Count > 0)
        {
            body.AppendLine();
            body.AppendLine(Texts.SectarianFrench("sectarian.mail.associations"));
            foreach (var a in associations)
            {
                body.Append("- ").Append(a.Name).Append(" : ").AppendLine(a.Contact);
            }
        }

        body.AppendLine();
        body.AppendLine(Texts.SectarianFrench("sectarian.mail.receipt", receipt));
        body.AppendLine(Texts.SectarianFrench("sectarian.mail.signature"));
        return body.ToString();
    }

    private async Task<Result> SaveAsync(Delivery delivery, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new Result(Outcome.Conflict, []);
        }

        return new Result(Outcome.Done, [], delivery);
    }
}
