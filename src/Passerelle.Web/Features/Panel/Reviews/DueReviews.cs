using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Audit;
using Passerelle.Web.Data;
using Passerelle.Web.Features.Panel.Campaigns;
using Passerelle.Web.Features.Reports;
using Passerelle.Web.Localization;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Panel.Reviews;

/// <summary>
/// The reviews a panel owes: open cases of the user's départements whose next review date is past
/// (overdue) or near (due), oldest first, and the recording of a review that keeps the follow-up
/// (<see cref="Case.RecordReview"/>). The query filters narrow every read to the user's départements;
/// each person shown in a list is audited (<c>person.listed</c>), as the register does.
/// </summary>
internal sealed class DueReviews(PasserelleDb db, AuditLog audit, CurrentActor actor, TimeProvider clock)
{
    public const int PageSize = 20;

    /// <summary>The longest look-ahead a user may ask for (a year, the longest review interval).</summary>
    public const int MaxDays = 366;

    /// <summary>One case whose review is owed; <see cref="InTransfer"/> cases cannot be reviewed until the transfer is settled.</summary>
    public sealed record Row(Guid CaseId, string TerritoryCode, Guid PersonId, string GivenName, string Surname, CaseStatus Status, DateOnly NextReviewOn, bool InTransfer);

    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>Open cases due on or before <paramref name="until"/> (overdue: before <paramref name="from"/> too), oldest first.</summary>
    public IQueryable<Case> Owed(DateOnly? from, DateOnly until) =>
        db.Cases.AsNoTracking()
            .Where(c => c.Status != CaseStatus.Closed && c.Status != CaseStatus.Archived && c.NextReviewOn != null && c.NextReviewOn <= until)
            .Where(c => from == null || c.NextReviewOn >= from);

    public Task<int> CountAsync(DateOnly? from, DateOnly until, CancellationToken ct) => Owed(from, until).CountAsync(ct);

    /// <summary>A page of rows, the persons shown audited before the page is served.</summary>
    public async Task<IReadOnlyList<Row>> ListAsync(DateOnly? from, DateOnly until, int skip, int take, string why, CancellationToken ct)
    {
        var rows = await Owed(from, until)
            .OrderBy(c => c.NextReviewOn).ThenBy(c => c.Id)
            .Skip(skip).Take(take)
            .Select(c => new Row(c.Id, c.TerritoryCode, c.PersonId, c.Person!.GivenName, c.Person.Surname, c.Status, c.NextReviewOn!.Value, c.TransferTo != null))
            .ToListAsync(ct);
        foreach (var row in rows)
        {
            audit.Append("person.listed", nameof(Person), row.PersonId, reason: why, territory: row.TerritoryCode);
        }

        await db.SaveChangesAsync(ct);
        return rows;
    }

    public enum Outcome
    {
        Recorded,
        Invalid,
        NotFound,
        Conflict,
        Forbidden,
    }

    /// <summary>
    /// Records a review of <paramref name="caseId"/> keeping its follow-up: the rationale and the next review
    /// date (in the future, at most 12 months ahead), refused on a closed case or one in transfer. In the same
    /// unit of work: the timeline line, the campaigns' required reviews (<see cref="CampaignReviews"/>) and the
    /// audit event <c>case.reviewed</c>. The version read must still be current.
    /// </summary>
    public async Task<(Outcome Outcome, IReadOnlyList<FieldError> Errors)> RecordAsync(Guid caseId, int version, string? rationale, string? nextReview, Guid? campaignId, CancellationToken ct)
    {
        var scope = actor.Scope;
        if (!scope.Can(Permissions.PanelWork))
        {
            return (Outcome.Forbidden, []);
        }

        var @case = await db.Cases.FirstOrDefaultAsync(c => c.Id == caseId, ct);
        if (@case is null)
        {
            await audit.RecordAsync("case.reviewed", nameof(Case), caseId, AuditLog.NotFound, ct: ct);
            return (Outcome.NotFound, []);
        }

        var errors = new List<FieldError>();
        var text = ReportValidation.FreeText(errors, "Input.Rationale", rationale, PanelDecision.MaxRationaleLength);
        DateOnly? next = null;
        if (!string.IsNullOrWhiteSpace(nextReview))
        {
            if (DateOnly.TryParseExact(nextReview.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var parsed))
            {
                next = parsed;
            }
            else
            {
                errors.Add(new("Input.NextReviewOn", "review.error.date-format"));
            }
        }

        if (errors.Count > 0)
        {
            return (Outcome.Invalid, errors);
        }

        if (@case.Version != version)
        {
            return (Outcome.Conflict, []);
        }

        // A campaign named by the form counts only if it is one of this case's open required reviews.
        Guid? campaign = campaignId is { } cid && await db.CampaignCases.AnyAsync(x => x.CampaignId == cid && x.CaseId == caseId, ct) ? cid : null;
        var now = clock.GetUtcNow().UtcDateTime;
        var eventsBefore = @case.Events.Count;
        if (@case.RecordReview(text, next, scope.UserId ?? "system", now, campaign) is { } refused)
        {
            return (Outcome.Invalid, [new(FieldOf(refused), "review.error." + refused.Code)]);
        }

        db.CaseEvents.AddRange(@case.Events.Skip(eventsBefore));
        var marked = await CampaignReviews.MarkReviewedAsync(db, @case.Id, scope.UserId ?? "system", now, ct);
        audit.Append("case.reviewed", nameof(Case), @case.Id, reason: $"next review {next:yyyy-MM-dd}; {marked} campaign review(s)", territory: @case.TerritoryCode);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return (Outcome.Conflict, []);
        }

        return (Outcome.Recorded, []);
    }

    private static string FieldOf(DomainError error) => error switch
    {
        RationaleRequired or RationaleTooLong => "Input.Rationale",
        NextReviewRequired or NextReviewNotInFuture or NextReviewTooFar => "Input.NextReviewOn",
        _ => string.Empty,
    };

    /// <summary>The message of a field error, for the page (the domain's codes have their own texts here).</summary>
    public static string Message(FieldError error) =>
        error.Args.Length == 0 ? Texts.Get(error.MessageKey) : Texts.Format(error.MessageKey, error.Args);
}
