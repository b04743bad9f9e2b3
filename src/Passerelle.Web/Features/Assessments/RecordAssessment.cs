using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Audit;
using Passerelle.Web.Data;
using Passerelle.Web.Features.Reports;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Assessments;

/// <summary>The assessment form: each item's rating word, evidence and source, and the overall narrative judgement.</summary>
internal sealed class AssessmentInput
{
    public string? Narrative { get; set; }

    public int Version { get; set; }

    public List<RatingInput> Ratings { get; set; } = [];
}

internal sealed class RatingInput
{
    public Guid ItemId { get; set; }

    public string? Rating { get; set; }

    public string? Evidence { get; set; }

    public string? Source { get; set; }
}

/// <summary>
/// Writes of assessments: a panel member requests one (or starts one) on a case of their territory; an assessor saves
/// a draft and completes it. A completed assessment never changes: a new assessment is made instead. Every write is
/// version-checked and audited in the same <c>SaveChangesAsync</c>; completing one adds a line to the case's timeline.
/// </summary>
internal sealed class RecordAssessment(PasserelleDb db, AuditLog audit, CurrentActor actor, TimeProvider clock, AssessmentSubjects subjects)
{
    public enum Outcome { Done, NotFound, Invalid, Conflict, Completed }

    public sealed record Result(Outcome Outcome, IReadOnlyList<FieldError>? Errors = null, Guid? Id = null);

    public sealed record GridChoice(Guid Id, string Code, int Edition, string NameFr, string NameEn);

    /// <summary>The published grids an assessment can be made with.</summary>
    public async Task<IReadOnlyList<GridChoice>> PublishedGridsAsync(CancellationToken ct) =>
        await db.AssessmentGrids.AsNoTracking().Where(g => g.Status == GridStatus.Published).OrderBy(g => g.Code)
            .Select(g => new GridChoice(g.Id, g.Code, g.Edition, g.NameFr, g.NameEn)).ToListAsync(ct);

    /// <summary>
    /// Requests an assessment of a case the actor can read (the register's filters apply), or starts it at once as a
    /// draft of the actor's. Refused for a closed case, or while another assessment of the case is still open.
    /// </summary>
    public async Task<Result> CreateAsync(Guid caseId, string? gridId, string? note, bool start, CancellationToken ct)
    {
        var theCase = await db.Cases.AsNoTracking().FirstOrDefaultAsync(c => c.Id == caseId, ct);
        if (theCase is null)
        {
            return new(Outcome.NotFound);
        }

        var errors = new List<FieldError>();
        if (!theCase.IsOpen)
        {
            errors.Add(new(string.Empty, "assessment.error.case-closed"));
        }

        var open = await db.Assessments.Where(a => a.CaseId == caseId && a.Status != AssessmentStatus.Completed).Select(a => (Guid?)a.Id).FirstOrDefaultAsync(ct);
        if (open is not null)
        {
            errors.Add(new(string.Empty, "assessment.error.open-exists"));
        }

        var grids = await PublishedGridsAsync(ct);
        GridChoice? grid = null;
        if (grids.Count == 0)
        {
            errors.Add(new(string.Empty, "assessment.error.no-grid"));
        }
        else if (string.IsNullOrWhiteSpace(gridId))
        {
            grid = grids.Count == 1 ? grids[0] : null;
            if (grid is null)
            {
                errors.Add(new("GridId", "error.required"));
            }
        }
        else
        {
            grid = Guid.TryParse(gridId, out var g) ? grids.FirstOrDefault(x => x.Id == g) : null;
            if (grid is null)
            {
                errors.Add(new("GridId", "error.unknown-value"));
            }
        }

        var text = ReportValidation.FreeText(errors, "Note", note, Assessment.MaxRequestNoteLength);
        if (errors.Count > 0)
        {
            return new(Outcome.Invalid, errors, open);
        }

        var actorId = actor.Scope.UserId!;
        var now = clock.GetUtcNow().UtcDateTime;
        var items = await db.AssessmentGridItems.Where(i => i.GridId == grid!.Id).Select(i => new { i.Id, i.Code }).ToListAsync(ct);
        var assessment = new Assessment
        {
            CaseId = caseId,
            PersonId = theCase.PersonId,
            TerritoryCode = theCase.TerritoryCode,
            GridId = grid!.Id,
            Status = start ? AssessmentStatus.Draft : AssessmentStatus.Requested,
            RequestedById = actorId,
            RequestedAt = now,
            RequestNote = text,
            AssessorId = start ? actorId : null,
        };
        assessment.Ratings.AddRange(items.Select(i => new AssessmentRating
        {
            AssessmentId = assessment.Id, ItemId = i.Id, ItemCode = i.Code, TerritoryCode = theCase.TerritoryCode, Rating = ItemRating.Unknown,
        }));
        db.Assessments.Add(assessment);
        audit.Append(start ? "assessment.started" : "assessment.requested", nameof(Assessment), assessment.Id, reason: $"case {caseId}", territory: theCase.TerritoryCode);
        await db.SaveChangesAsync(ct);
        return new(Outcome.Done, Id: assessment.Id);
    }

    /// <summary>
    /// Saves the form as a draft, or completes it: completing needs the narrative judgement and evidence for every item
    /// rated present or partly present. The version read must still be current.
    /// </summary>
    public async Task<Result> SaveAsync(Guid id, AssessmentInput input, bool complete, CancellationToken ct)
    {
        var assessment = await db.Assessments.Include(a => a.Ratings).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (assessment is null)
        {
            return new(Outcome.NotFound);
        }

        if (assessment.Status == AssessmentStatus.Completed)
        {
            return new(Outcome.Completed);
        }

        if (assessment.Version != input.Version)
        {
            return new(Outcome.Conflict);
        }

        var errors = new List<FieldError>();
        var narrative = ReportValidation.FreeText(errors, "Input.Narrative", input.Narrative, Assessment.MaxNarrativeLength);
        var changes = new List<(AssessmentRating Target, ItemRating Rating, string? Evidence, string? Source)>();
        var seen = new HashSet<Guid>();
        for (var n = 0; n < input.Ratings.Count; n++)
        {
            var row = input.Ratings[n];
            var prefix = $"Input.Ratings[{n}].";
            var target = assessment.Ratings.FirstOrDefault(r => r.ItemId == row.ItemId);
            if (target is null || !seen.Add(row.ItemId))
            {
                errors.Add(new(prefix + "Rating", "assessment.error.item-unknown"));
                continue;
            }

            var rating = RatingWords.Parse(row.Rating);
            if (rating is null)
            {
                errors.Add(new(prefix + "Rating", string.IsNullOrWhiteSpace(row.Rating) ? "error.required" : "error.unknown-value"));
            }

            var evidence = ReportValidation.FreeText(errors, prefix + "Evidence", row.Evidence, AssessmentRating.MaxEvidenceLength);
            var source = ReportValidation.FreeText(errors, prefix + "Source", row.Source, AssessmentRating.MaxSourceLength);
            if (complete && rating is { } r && RatingWords.NeedsEvidence(r) && evidence is null && string.IsNullOrWhiteSpace(row.Evidence))
            {
                errors.Add(new(prefix + "Evidence", "assessment.error.evidence-required", target.ItemCode));
            }

            if (rating is { } ok)
            {
                changes.Add((target, ok, evidence, source));
            }
        }

        if (complete)
        {
            if (narrative is null && string.IsNullOrWhiteSpace(input.Narrative))
            {
                errors.Add(new("Input.Narrative", "assessment.error.narrative-required"));
            }

            // Items not posted keep their stored values; those must meet the evidence rule too.
            foreach (var r in assessment.Ratings.Where(r => !seen.Contains(r.ItemId) && RatingWords.NeedsEvidence(r.Rating) && r.Evidence is null))
            {
                errors.Add(new(string.Empty, "assessment.error.evidence-required", r.ItemCode));
            }
        }

        if (errors.Count > 0)
        {
            return new(Outcome.Invalid, errors);
        }

        foreach (var (target, rating, evidence, source) in changes)
        {
            target.Rating = rating;
            target.Evidence = evidence;
            target.Source = source;
        }

        var actorId = actor.Scope.UserId!;
        var now = clock.GetUtcNow().UtcDateTime;
        assessment.Narrative = narrative;
        assessment.AssessorId = actorId;
        if (complete)
        {
            // The case is read past the register's filters for an assessor: see AssessmentSubjects.
            var theCase = await subjects.CaseOfAsync(id, ct);
            if (theCase is null)
            {
                return new(Outcome.NotFound);
            }

            assessment.Status = AssessmentStatus.Completed;
            assessment.CompletedAt = now;
            theCase.Note(CaseEventKind.AssessmentRecorded, actorId, now, assessmentId: assessment.Id);
            audit.Append("assessment.completed", nameof(Assessment), assessment.Id, reason: $"case {assessment.CaseId}", territory: assessment.TerritoryCode);
        }
        else
        {
            assessment.Status = AssessmentStatus.Draft;
            audit.Append("assessment.saved", nameof(Assessment), assessment.Id, territory: assessment.TerritoryCode);
        }

        db.Entry(assessment).State = EntityState.Modified; // the version moves with any change of its ratings too
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new(Outcome.Conflict);
        }

        return new(Outcome.Done, Id: id);
    }
}
