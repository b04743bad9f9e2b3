using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Audit;
using Passerelle.Web.Data;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Cases;

/// <summary>
/// The care and programme flags of a case. Per the compartment rule (DESIGN.md, red line 3) the register shows
/// only a flag ("oriented to the CPRAF on …"), never the care or programme content. For now the flags come from
/// the panel's own decisions referring the case (its timeline). Issue 6 adds the care plans' and programmes'
/// statuses: add their flags here, next to <see cref="FromDecisions"/>, so the case page and the API show them.
/// </summary>
internal static class CaseFlags
{
    public enum Kind
    {
        Care,
        Programme,
    }

    /// <param name="Since">When the referral took effect.</param>
    /// <param name="Current">True while that referral is the case's last decision in force.</param>
    public sealed record Flag(Kind Kind, DateTime Since, bool Current);

    /// <summary>The latest referral to the CPRAF and to the programme, from the decisions applied to the case.</summary>
    public static IReadOnlyList<Flag> FromDecisions(IEnumerable<CaseEvent> events)
    {
        var applied = events.Where(e => e.Kind == CaseEventKind.DecisionApplied).OrderBy(e => e.At).ThenBy(e => e.Id).ToList();
        var last = applied.LastOrDefault()?.Detail;
        var flags = new List<Flag>();
        foreach (var (kind, type) in new[] { (Kind.Care, DecisionType.ReferCare), (Kind.Programme, DecisionType.ReferProgramme) })
        {
            var code = type.ToString();
            if (applied.LastOrDefault(e => e.Detail == code) is { } referral)
            {
                flags.Add(new Flag(kind, referral.At, last == code));
            }
        }

        return flags;
    }
}

/// <summary>
/// What the panel may know of a case's life in the other compartments (DESIGN.md, red line 3: a flag and the short
/// summary written for the panel, never the content): the CPRAF referral and care plan's status with its panel
/// summary, the programme participant's status with its panel summary, and the returning-minor protocol's next
/// review. The care and programme rows are read with <c>IgnoreQueryFilters()</c> — the panel has no read on those
/// compartments — so the read is narrowed by hand: only for a case the panel's own filtered query returns, only
/// that case's rows (care rows also only in the user's territories; a programme participant carries its site's
/// département, so it is found by the case alone), projecting status, dates and summary and nothing else (never
/// notes, sessions, goals, health notes). The read is audited (<c>case.flags.read</c>) before it is served.
/// </summary>
internal sealed class CaseCompartmentFlags(PasserelleDb db, AuditLog audit, TimeProvider clock, CurrentActor actor)
{
    public enum CareState
    {
        Waiting,
        Declined,
        Active,
        Closed,
        ConsentWithdrawn,
    }

    /// <param name="Since">Referral date (waiting), refusal date (declined), opening (active), closing (closed).</param>
    public sealed record CareFlag(CareState State, DateTime Since, DateOnly? WithdrawnOn, CareOutcome? Outcome, string? Summary, DateTime? SummaryAt);

    public sealed record ProgrammeFlag(ParticipantStatus Status, string SiteCode, DateOnly ReferredOn, DateOnly? EnrolledOn, DateOnly? FollowUpEndsOn, DateOnly? EndedOn, string? Summary, DateTime? SummaryAt);

    public sealed record MinorFlag(Guid Id, DateOnly NextReviewOn, bool Due, bool Overdue);

    /// <param name="OfferMinorProtocol">The person is a minor without a protocol and the user may open one.</param>
    public sealed record Flags(Guid CaseId, CareFlag? Care, ProgrammeFlag? Programme, MinorFlag? Minor, bool OfferMinorProtocol);

    public async Task<Flags?> LoadAsync(Guid caseId, CancellationToken ct)
    {
        var scope = actor.Scope;
        var @case = await db.Cases.AsNoTracking().Include(c => c.Person)
            .Where(c => c.Id == caseId)
            .Select(c => new { c.Id, c.TerritoryCode, c.Person })
            .FirstOrDefaultAsync(ct);
        if (@case?.Person is null || !scope.Can(Permissions.RegisterRead))
        {
            await audit.RecordAsync("case.flags.read", nameof(Case), caseId, AuditLog.NotFound, ct: ct);
            return null;
        }

        var territories = scope.Territories.ToArray();
        var national = scope.National;
        var referral = await db.CareReferrals.IgnoreQueryFilters().AsNoTracking()
            .Where(r => r.CaseId == caseId && (national || territories.Contains(r.TerritoryCode)))
            .OrderByDescending(r => r.ReferredAt).ThenByDescending(r => r.Id)
            .Select(r => new { r.Id, r.Status, r.ReferredAt, r.SettledAt })
            .FirstOrDefaultAsync(ct);
        CareFlag? care = null;
        if (referral is not null)
        {
            var plan = await db.CarePlans.IgnoreQueryFilters().AsNoTracking()
                .Where(p => p.ReferralId == referral.Id && p.CaseId == caseId && (national || territories.Contains(p.TerritoryCode)))
                .Select(p => new { p.Status, p.OpenedAt, p.ClosedAt, p.ConsentWithdrawnOn, p.Outcome, p.PanelSummary, p.PanelSummaryAt })
                .FirstOrDefaultAsync(ct);
            care = plan is null
                ? new CareFlag(referral.Status == CareReferralStatus.Declined ? CareState.Declined : CareState.Waiting, referral.SettledAt ?? referral.ReferredAt, null, null, null, null)
                : new CareFlag(
                    plan.Status switch { CarePlanStatus.Active => CareState.Active, CarePlanStatus.Closed => CareState.Closed, _ => CareState.ConsentWithdrawn },
                    plan.ClosedAt ?? plan.OpenedAt, plan.ConsentWithdrawnOn, plan.Outcome, plan.PanelSummary, plan.PanelSummaryAt);
        }

        var programme = await db.ProgrammeParticipants.IgnoreQueryFilters().AsNoTracking()
            .Where(p => p.CaseId == caseId)
            .OrderByDescending(p => p.ReferredOn).ThenByDescending(p => p.Id)
            .Select(p => new ProgrammeFlag(p.Status, p.SiteCode, p.ReferredOn, p.EnrolledOn, p.FollowUpEndsOn, p.EndedOn, p.PanelSummary, p.PanelSummaryAt))
            .FirstOrDefaultAsync(ct);

        // The protocol lives in the register's compartment: the panel's own filtered read.
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var minor = await db.ReturningMinors.AsNoTracking()
            .Where(m => m.CaseId == caseId)
            .OrderBy(m => m.Status).ThenByDescending(m => m.OpenedAt)
            .Select(m => new { m.Id, m.Status, m.NextReviewOn })
            .FirstOrDefaultAsync(ct);
        var minorFlag = minor is null ? null
            : new MinorFlag(minor.Id, minor.NextReviewOn, minor.Status == MinorProtocolStatus.Active && minor.NextReviewOn == today, minor.Status == MinorProtocolStatus.Active && minor.NextReviewOn < today);
        var offer = minor is null && scope.Can(Permissions.MinorsWrite) && Panel.Decisions.CompartmentReferrals.IsMinor(@case.Person, today);

        audit.Append("case.flags.read", nameof(Case), caseId, reason: $"care={care?.State.ToString() ?? "none"}, programme={programme?.Status.ToString() ?? "none"}, minor={(minor is null ? "none" : "yes")}", territory: @case.TerritoryCode);
        await db.SaveChangesAsync(ct);
        return new Flags(caseId, care, programme, minorFlag, offer);
    }
}
