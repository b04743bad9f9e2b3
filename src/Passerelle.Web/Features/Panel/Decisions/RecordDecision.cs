using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Audit;
using Passerelle.Web.Data;
using Passerelle.Web.Features.Panel.Campaigns;
using Passerelle.Web.Features.Retention;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Panel.Decisions;

/// <summary>
/// A panel's decisions about its cases, shared by the decision form, the chair's approvals, the API and the
/// demo seed. Every row is found through the scoped queries (another département's meeting, item, case or
/// decision is "not found"); a decision is recorded only during a meeting in session with its chair (or
/// delegate) present; the versions the user read must still be current; the audit event is written in the
/// same SaveChanges as the change.
/// </summary>
internal sealed class RecordDecision(PasserelleDb db, AuditLog audit, CurrentActor actor, TimeProvider clock, RetentionRules retention)
{
    public enum Outcome
    {
        Done,
        NotFound,
        Conflict,
        Refused,
    }

    /// <summary>What a member proposes on the form (strings already parsed; the domain checks the rules).</summary>
    public sealed record Proposal(
        DecisionType Type,
        string? Rationale,
        DateOnly? NextReviewOn,
        string? FollowingService,
        ClosureReason? ClosureReason,
        string? ClosureReasonDetail,
        string? TransferTo,
        int CaseVersion,
        int ItemVersion,
        Guid? CorrectsId = null);

    public sealed record Result(Outcome Outcome, DomainError? Error = null, PanelDecision? Decision = null);

    /// <summary>What the decision form shows: the meeting, the item, the case, its person and the decision being corrected.</summary>
    public sealed record FormContext(PanelMeeting Meeting, AgendaItem Item, Case Case, Person Person, PanelDecision? LastDecision, PanelDecision? Corrected);

    /// <summary>A proposed closure or transfer waiting for the chair, as the approvals page lists it.</summary>
    public sealed record PendingRow(PanelDecision Decision, Guid PersonId, string PersonName, int? BirthYear, string ProposedBy, DateTime? MeetingAt);

    private string ActorId => actor.Scope.UserId ?? "system";

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Loads the form's context (audited read of the case); null when any part is out of scope or not a case item of the meeting.</summary>
    public async Task<FormContext?> LoadFormAsync(Guid meetingId, Guid itemId, Guid? correctsId, CancellationToken ct)
    {
        var meeting = await db.PanelMeetings.AsNoTracking().Include(m => m.Attendance).FirstOrDefaultAsync(m => m.Id == meetingId, ct);
        var item = meeting is null ? null : await db.AgendaItems.AsNoTracking().FirstOrDefaultAsync(a => a.Id == itemId && a.MeetingId == meetingId, ct);
        var @case = item?.CaseId is { } caseId ? await db.Cases.AsNoTracking().Include(c => c.Person).FirstOrDefaultAsync(c => c.Id == caseId, ct) : null;
        if (meeting is null || item is null || @case?.Person is null)
        {
            await audit.RecordAsync("decision.form", nameof(AgendaItem), itemId, AuditLog.NotFound, ct: ct);
            return null;
        }

        var last = await LastDecisionAsync(@case.Id, ct);
        var corrected = correctsId is { } id ? await db.PanelDecisions.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id && d.CaseId == @case.Id, ct) : null;
        await audit.RecordAsync("decision.form", nameof(Case), @case.Id, reason: "agenda item " + itemId, territory: @case.TerritoryCode, ct: ct);
        return new FormContext(meeting, item, @case, @case.Person, last, corrected);
    }

    /// <summary>
    /// Records a member's proposal on an agenda item: effective at once (applied to the case), or waiting for
    /// the chair's approval for a closure or a transfer. Nothing is written when a rule is broken.
    /// </summary>
    public async Task<Result> ProposeAsync(Guid meetingId, Guid itemId, Proposal proposal, CancellationToken ct)
    {
        var meeting = await db.PanelMeetings.Include(m => m.Attendance).FirstOrDefaultAsync(m => m.Id == meetingId, ct);
        var item = meeting is null ? null : await db.AgendaItems.FirstOrDefaultAsync(a => a.Id == itemId && a.MeetingId == meetingId, ct);
        var @case = item?.CaseId is { } caseId ? await db.Cases.Include(c => c.Person).FirstOrDefaultAsync(c => c.Id == caseId, ct) : null;
        if (meeting is null || item is null || @case?.Person is null)
        {
            await audit.RecordAsync("decision.recorded", nameof(AgendaItem), itemId, AuditLog.NotFound, ct: ct);
            return new Result(Outcome.NotFound);
        }

        var refusal = MeetingRefusal(meeting);
        if (refusal is not null)
        {
            return new Result(Outcome.Refused, refusal);
        }

        if (@case.Version != proposal.CaseVersion || item.Version != proposal.ItemVersion)
        {
            return new Result(Outcome.Conflict);
        }

        if (await db.PanelDecisions.AnyAsync(d => d.CaseId == @case.Id && d.Status == DecisionStatus.PendingApproval, ct))
        {
            return new Result(Outcome.Refused, new DecisionPendingExists());
        }

        if (proposal.CorrectsId is { } correctsId)
        {
            var last = await LastDecisionAsync(@case.Id, ct);
            if (last is null || last.Id != correctsId || !last.Locked)
            {
                return new Result(Outcome.Refused, new CorrectionNotAllowed());
            }
        }

        if (proposal.Type == DecisionType.Transfer && proposal.TransferTo is { Length: > 0 } target
            && !Departements.All.Any(d => string.Equals(d.Code, target.Trim(), StringComparison.Ordinal)))
        {
            return new Result(Outcome.Refused, new TransferTargetUnknown());
        }

        var now = Now;
        var nextReview = proposal.NextReviewOn;
        if (nextReview is null && proposal.Type != DecisionType.Close)
        {
            // An empty date takes the type's default (the form shows it; without JavaScript the server applies it).
            nextReview = PanelDecision.DefaultNextReview(proposal.Type, DateOnly.FromDateTime(now));
        }

        var (decision, error) = PanelDecision.Propose(
            @case, proposal.Type, proposal.Rationale, nextReview, proposal.FollowingService, proposal.ClosureReason,
            proposal.ClosureReasonDetail, proposal.TransferTo?.Trim(), meeting.TerritoryCode, meeting.Id, item.Id, ActorId, now, proposal.CorrectsId);
        if (error is not null)
        {
            return new Result(Outcome.Refused, error);
        }

        db.PanelDecisions.Add(decision!);
        var eventsBefore = @case.Events.Count;
        if (decision!.Status == DecisionStatus.Effective)
        {
            var applied = @case.ApplyDecision(decision, ActorId, now);
            if (applied is not null)
            {
                db.ChangeTracker.Clear();
                return new Result(Outcome.Refused, applied);
            }

            CompartmentReferrals.OnDecisionApplied(db, @case, decision, ActorId, now);
            await CampaignReviews.MarkReviewedAsync(db, @case.Id, ActorId, now, ct);
            audit.Append("decision.recorded", nameof(PanelDecision), decision.Id, reason: decision.Type.ToString(), territory: decision.TerritoryCode);
        }
        else
        {
            @case.Note(CaseEventKind.DecisionProposed, ActorId, now, detail: decision.Type.ToString());

            // Nothing changes on the case yet, but its version moves so a concurrent proposal on the same reading loses.
            db.Entry(@case).Property(c => c.Version).IsModified = true;
            audit.Append("decision.proposed", nameof(PanelDecision), decision.Id, reason: decision.Type.ToString(), territory: decision.TerritoryCode);
        }

        db.CaseEvents.AddRange(@case.Events.Skip(eventsBefore));
        item.State = AgendaItemState.Discussed;
        return await SaveAsync(decision, ct);
    }

    /// <summary>The chair's pending closures and transfers of their département, oldest first.</summary>
    public async Task<(IReadOnlyList<PendingRow> Rows, int Total)> PendingAsync(int page, int pageSize, CancellationToken ct)
    {
        var query = db.PanelDecisions.AsNoTracking().Where(d => d.Status == DecisionStatus.PendingApproval);
        var total = await query.CountAsync(ct);
        var decisions = await query
            .OrderBy(d => d.DecidedAt).ThenBy(d => d.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .ToListAsync(ct);
        var caseIds = decisions.Select(d => d.CaseId).ToList();
        var persons = await db.Cases.AsNoTracking()
            .Where(c => caseIds.Contains(c.Id))
            .Select(c => new { c.Id, PersonId = c.Person!.Id, c.Person.GivenName, c.Person.Surname, c.Person.BirthYear })
            .ToDictionaryAsync(c => c.Id, ct);
        var userIds = decisions.Select(d => d.ProposedById).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var meetingIds = decisions.Where(d => d.MeetingId != null).Select(d => d.MeetingId!.Value).Distinct().ToList();
        var meetings = await db.PanelMeetings.AsNoTracking().Where(m => meetingIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.ScheduledAt, ct);
        var shown = decisions
            .Where(d => persons.ContainsKey(d.CaseId))
            .Select(d =>
            {
                var p = persons[d.CaseId];
                return new PendingRow(
                    d, p.PersonId, p.Surname.ToUpperInvariant() + " " + p.GivenName, p.BirthYear,
                    names.GetValueOrDefault(d.ProposedById) ?? d.ProposedById,
                    d.MeetingId is { } m && meetings.TryGetValue(m, out var at) ? at : null);
            })
            .ToList();
        foreach (var row in shown)
        {
            audit.Append("person.listed", nameof(Person), row.PersonId, reason: "approvals", territory: row.Decision.TerritoryCode);
        }

        await db.SaveChangesAsync(ct);
        return (shown, total);
    }

    /// <summary>
    /// The chair approves a proposed closure or transfer (never the member who proposed it): it takes effect on
    /// the case; a closure starts the retention period, a transfer waits for the receiving panel.
    /// </summary>
    public async Task<Result> ApproveAsync(Guid decisionId, string? note, int version, CancellationToken ct)
    {
        var (decision, @case, notFound) = await FindPendingAsync(decisionId, "decision.approved", ct);
        if (notFound is not null)
        {
            return notFound;
        }

        if (decision!.Version != version)
        {
            return new Result(Outcome.Conflict);
        }

        var now = Now;
        var error = decision.Approve(ActorId, note, now);
        if (error is not null)
        {
            return new Result(Outcome.Refused, error);
        }

        var eventsBefore = @case!.Events.Count;
        var applied = @case.ApplyDecision(decision, ActorId, now);
        if (applied is not null)
        {
            db.ChangeTracker.Clear();
            return new Result(Outcome.Refused, applied);
        }

        if (decision.Type == DecisionType.Close)
        {
            // Red line 5: a closed case is kept for the configured period (Retention:ClosedCaseDays), then purged.
            @case.RetainUntil = now + retention.ClosedCase;
        }
        else if (decision.Type == DecisionType.Transfer)
        {
            var person = @case.Person!;
            var label = $"{person.GivenName} {person.Surname}" + (person.BirthYear is { } year ? $" ({year})" : string.Empty);
            db.CaseTransfers.Add(new CaseTransfer
            {
                CaseId = @case.Id,
                PersonId = person.Id,
                FromTerritory = @case.TerritoryCode,
                ToTerritory = decision.TransferTo!,
                DecisionId = decision.Id,
                PersonLabel = label.Length > CaseTransfer.MaxLabelLength ? label[..CaseTransfer.MaxLabelLength] : label,
                Summary = decision.Rationale,
                RequestedAt = now,
                RequestedById = decision.ProposedById,
            });
        }

        db.CaseEvents.AddRange(@case.Events.Skip(eventsBefore));
        await CampaignReviews.MarkReviewedAsync(db, @case.Id, ActorId, now, ct);
        audit.Append("decision.approved", nameof(PanelDecision), decision.Id, reason: decision.Type.ToString(), territory: decision.TerritoryCode);
        return await SaveAsync(decision, ct);
    }

    /// <summary>The chair refuses a proposed closure or transfer, with a note; the case is unchanged (a timeline line says so).</summary>
    public async Task<Result> RejectAsync(Guid decisionId, string? note, int version, CancellationToken ct)
    {
        var (decision, @case, notFound) = await FindPendingAsync(decisionId, "decision.rejected", ct);
        if (notFound is not null)
        {
            return notFound;
        }

        if (decision!.Version != version)
        {
            return new Result(Outcome.Conflict);
        }

        var now = Now;
        var error = decision.Reject(ActorId, note, now);
        if (error is not null)
        {
            return new Result(Outcome.Refused, error);
        }

        var line = @case!.Note(CaseEventKind.DecisionRejected, ActorId, now, detail: decision.Type.ToString());
        db.CaseEvents.Add(line);
        audit.Append("decision.rejected", nameof(PanelDecision), decision.Id, reason: decision.Type.ToString(), territory: decision.TerritoryCode);
        return await SaveAsync(decision, ct);
    }

    /// <summary>The decisions about a case visible to the caller (its panel's), newest first; null when the case is out of scope. Audited.</summary>
    public async Task<IReadOnlyList<PanelDecision>?> ForCaseAsync(Guid caseId, CancellationToken ct)
    {
        if (!await db.Cases.AnyAsync(c => c.Id == caseId, ct))
        {
            await audit.RecordAsync("decision.listed", nameof(Case), caseId, AuditLog.NotFound, ct: ct);
            return null;
        }

        var decisions = await db.PanelDecisions.AsNoTracking()
            .Where(d => d.CaseId == caseId)
            .OrderByDescending(d => d.DecidedAt).ThenByDescending(d => d.Id)
            .ToListAsync(ct);
        await audit.RecordAsync("decision.listed", nameof(Case), caseId, reason: decisions.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), ct: ct);
        return decisions;
    }

    /// <summary>Why the meeting cannot record a decision now, or null: validated (locked), not in session, or without its chair.</summary>
    public static DomainError? MeetingRefusal(PanelMeeting meeting)
    {
        if (meeting.IsLocked)
        {
            return new MinutesLocked();
        }

        if (meeting.Status != MeetingStatus.InSession)
        {
            return new MeetingNotInSession();
        }

        return meeting.Attendance.Any(a => a.Present && a.Function is PanelFunction.Chair or PanelFunction.ChairDelegate)
            ? null
            : new ChairAbsent();
    }

    private async Task<PanelDecision?> LastDecisionAsync(Guid caseId, CancellationToken ct) =>
        await db.PanelDecisions.AsNoTracking()
            .Where(d => d.CaseId == caseId && d.Status != DecisionStatus.Rejected)
            .OrderByDescending(d => d.DecidedAt).ThenByDescending(d => d.Id)
            .FirstOrDefaultAsync(ct);

    private async Task<(PanelDecision? Decision, Case? Case, Result? NotFound)> FindPendingAsync(Guid decisionId, string action, CancellationToken ct)
    {
        var decision = await db.PanelDecisions.FirstOrDefaultAsync(d => d.Id == decisionId, ct);
        var @case = decision is null ? null : await db.Cases.Include(c => c.Person).FirstOrDefaultAsync(c => c.Id == decision.CaseId, ct);
        if (decision is null || @case?.Person is null)
        {
            await audit.RecordAsync(action, nameof(PanelDecision), decisionId, AuditLog.NotFound, ct: ct);
            return (null, null, new Result(Outcome.NotFound));
        }

        return (decision, @case, null);
    }

    private async Task<Result> SaveAsync(PanelDecision decision, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new Result(Outcome.Conflict);
        }

        return new Result(Outcome.Done, Decision: decision);
    }
}

/// <summary>Decisions are recorded while the meeting is in session (not before it starts, not once it ended).</summary>
internal sealed record MeetingNotInSession() : DomainError("decision.meeting-not-in-session");

/// <summary>A closure or transfer of the case waits for the chair: no other decision until it is settled.</summary>
internal sealed record DecisionPendingExists() : DomainError("decision.pending-exists");

/// <summary>Only the case's last decision, once locked by validated minutes, can be corrected (by a new decision).</summary>
internal sealed record CorrectionNotAllowed() : DomainError("decision.correction-invalid");

internal sealed record TransferTargetUnknown() : DomainError("decision.transfer-target-unknown");
