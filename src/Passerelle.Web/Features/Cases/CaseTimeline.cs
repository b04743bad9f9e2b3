using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Audit;
using Passerelle.Web.Data;

namespace Passerelle.Web.Features.Cases;

/// <summary>
/// A case of the user's register with its dated timeline (newest first), built from its <see cref="CaseEvent"/>s,
/// optionally narrowed to some categories; the care and programme flags (<see cref="CaseFlags"/>). Loaded
/// through the filtered sets (another département's case is not found) and served only once its
/// <c>case.read</c> audit event is stored. Shared by <c>/cases/{id}</c> and <c>GET /api/v1/cases/{id}/timeline</c>.
/// </summary>
internal sealed class CaseTimeline(PasserelleDb db, AuditLog audit, TimeProvider clock)
{
    public enum Category
    {
        Reports,
        Assessments,
        Decisions,
        Transfers,
        Reviews,
        Status,
        Discussions,
    }

    public static readonly IReadOnlyList<Category> Categories = Enum.GetValues<Category>();

    public sealed record Header(
        Guid Id, Guid PersonId, string PersonName, string Territory, CaseStatus Status, DateTime OpenedAt, string? TransferTo,
        string? FollowingService, DecisionType? LastDecisionType, DateOnly? NextReviewOn, bool ReviewOverdue, bool ReviewDueToday);

    public sealed record ReportRef(Guid Id, string Receipt, Urgency Urgency);

    public sealed record Line(
        Guid Id, DateTime At, CaseEventKind Kind, Category Category, CaseStatus? From, CaseStatus? To, string? Reason, string Actor, string? Detail,
        ReportRef? Report, Guid? DecisionId, Guid? AssessmentId, Guid? TransferId, Guid? CampaignId);

    public sealed record View(Header Case, IReadOnlyList<Line> Lines, int TotalLines, IReadOnlyList<CaseFlags.Flag> Flags);

    public static Category CategoryOf(CaseEventKind kind) => kind switch
    {
        CaseEventKind.ReportAttached => Category.Reports,
        CaseEventKind.AssessmentRecorded => Category.Assessments,
        CaseEventKind.DecisionApplied or CaseEventKind.DecisionProposed or CaseEventKind.DecisionRejected => Category.Decisions,
        CaseEventKind.TransferRequested or CaseEventKind.TransferAccepted or CaseEventKind.TransferRefused => Category.Transfers,
        CaseEventKind.ReviewRecorded => Category.Reviews,
        CaseEventKind.DiscussionRequested => Category.Discussions,
        _ => Category.Status,
    };

    /// <summary>
    /// The categories asked for, from query values ("decisions", or "reports,decisions"); unknown values are
    /// ignored, and nothing known means every category.
    /// </summary>
    public static IReadOnlySet<Category> ParseKinds(IEnumerable<string?> values)
    {
        var chosen = new HashSet<Category>();
        foreach (var part in values.Where(v => v is not null).SelectMany(v => v!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (part.Length <= 20 && !part.Any(char.IsDigit) && Enum.TryParse<Category>(part, ignoreCase: true, out var category) && Enum.IsDefined(category))
            {
                chosen.Add(category);
            }
        }

        return chosen;
    }

    public static string Code(Category category) => category.ToString().ToLowerInvariant();

    public async Task<View?> LoadAsync(Guid id, IReadOnlySet<Category> kinds, CancellationToken ct)
    {
        var @case = await db.Cases.AsNoTracking().Include(c => c.Person).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (@case?.Person is null)
        {
            await audit.RecordAsync("case.read", nameof(Case), id, AuditLog.NotFound, ct: ct);
            return null;
        }

        var events = await db.CaseEvents.AsNoTracking().Where(e => e.CaseId == id).ToListAsync(ct);
        var ordered = events.OrderByDescending(e => e.At).ThenByDescending(e => e.Kind).ThenByDescending(e => e.Id).ToList();
        var shown = kinds.Count == 0 ? ordered : [.. ordered.Where(e => kinds.Contains(CategoryOf(e.Kind)))];

        var reportIds = shown.Where(e => e.ReportId is not null).Select(e => e.ReportId!.Value).Distinct().ToList();
        var reports = await db.Reports.AsNoTracking()
            .Where(r => reportIds.Contains(r.Id))
            .Select(r => new ReportRef(r.Id, r.Receipt, r.Urgency))
            .ToDictionaryAsync(r => r.Id, ct);
        // A transfer requested by a decision: its target and the transfer itself (both panels see transfers).
        var transfers = await db.CaseTransfers.AsNoTracking()
            .Where(t => t.CaseId == id)
            .Select(t => new { t.Id, t.DecisionId, t.ToTerritory })
            .ToListAsync(ct);
        var actorIds = shown.Select(e => e.ActorId).Distinct().ToList();
        var actors = await db.Users.AsNoTracking().Where(u => actorIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var header = new Header(
            @case.Id, @case.PersonId, $"{@case.Person.Surname.ToUpperInvariant()} {@case.Person.GivenName}", @case.TerritoryCode, @case.Status, @case.OpenedAt,
            @case.TransferTo, @case.FollowingService, @case.LastDecisionType, @case.NextReviewOn,
            @case.IsOpen && @case.NextReviewOn is { } due && due < today,
            @case.IsOpen && @case.NextReviewOn == today);

        audit.Append("case.read", nameof(Case), id, territory: @case.TerritoryCode);
        await db.SaveChangesAsync(ct);

        return new View(
            header,
            [.. shown.Select(e =>
            {
                var requested = e.Kind == CaseEventKind.TransferRequested ? transfers.FirstOrDefault(t => t.DecisionId == e.DecisionId) : null;
                return new Line(
                    e.Id, e.At, e.Kind, CategoryOf(e.Kind), e.FromStatus, e.ToStatus, e.Reason, actors.GetValueOrDefault(e.ActorId) ?? e.ActorId,
                    e.Kind == CaseEventKind.TransferRequested ? requested?.ToTerritory : e.Detail,
                    e.ReportId is { } rid ? reports.GetValueOrDefault(rid) : null, e.DecisionId, e.AssessmentId, e.TransferId ?? requested?.Id, e.CampaignId);
            })],
            events.Count,
            CaseFlags.FromDecisions(events));
    }
}
