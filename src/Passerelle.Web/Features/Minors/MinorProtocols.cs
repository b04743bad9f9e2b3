using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Passerelle.Domain;
using Passerelle.Web.Audit;
using Passerelle.Web.Data;
using Passerelle.Web.Features.Reports;
using Passerelle.Web.Localization;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Minors;

/// <summary>Configuration section <c>Minors</c>.</summary>
internal sealed class MinorsOptions
{
    /// <summary>Months between mandatory reviews proposed for a new protocol (quarterly by default, 1 to 6).</summary>
    public int ReviewIntervalMonths { get; set; } = 3;
}

internal static class MinorsSetup
{
    public static IServiceCollection AddMinors(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MinorsOptions>()
            .Bind(configuration.GetSection("Minors"))
            .Validate(
                o => o.ReviewIntervalMonths is >= ReturningMinor.MinIntervalMonths and <= ReturningMinor.MaxIntervalMonths,
                $"Minors:ReviewIntervalMonths must be between {ReturningMinor.MinIntervalMonths} and {ReturningMinor.MaxIntervalMonths}.")
            .ValidateOnStart();
        services.AddScoped<MinorProtocols>();
        return services;
    }
}

/// <summary>The fields of a protocol as a form or the API sends them (strings, checked by <see cref="MinorProtocols"/>).</summary>
internal sealed class ProtocolInput
{
    public string? ReturnedOn { get; set; }

    public string? Guardianship { get; set; }

    public string? Measure { get; set; }

    public string? MeasureDetail { get; set; }

    public string? MeasureOrderedOn { get; set; }

    public string? HealthAssessment { get; set; }

    public string? HealthAssessmentOn { get; set; }

    public string? HealthSummary { get; set; }

    public string? Schooling { get; set; }

    public string? SchoolingDetail { get; set; }

    public string? FamilySituation { get; set; }

    public string? MultiAgencyPlan { get; set; }

    public string? ReviewIntervalMonths { get; set; }

    public int Version { get; set; }
}

/// <summary>
/// The returning minors' protocol (MRZOGT), register compartment: the panel of the territory (<c>minors.write</c>)
/// opens it on a minor's case, edits it, records its mandatory reviews and ends it; clinicians of the territory
/// (<c>care.health-notes</c>) read only its label to write health notes, which the panel never reads. Every read
/// goes through the query filters (another territory's protocol is not found), every read and write of a protocol
/// or note is audited in the same unit of work, every edit is checked against the version read.
/// </summary>
internal sealed class MinorProtocols(PasserelleDb db, AuditLog audit, CurrentActor actor, TimeProvider clock, IOptions<MinorsOptions> options)
{
    public const int PageSize = 20;

    /// <summary>A review falling within this many days is shown as due ("revue due").</summary>
    public const int DueDays = 30;

    /// <summary>The oldest return date accepted (the first departures of families to Syria and Iraq were in 2012).</summary>
    public static readonly DateOnly EarliestReturn = new(2012, 1, 1);

    /// <summary>A return may be recorded ahead of the child's arrival, at most this many months ahead.</summary>
    public const int MaxReturnAheadMonths = 6;

    public static readonly IReadOnlyList<string> EndReasons = ["reached-majority", "left-territory", "measure-lifted", "other"];

    public enum Outcome
    {
        Done,
        Invalid,
        NotFound,
        Conflict,
        Forbidden,
    }

    public sealed record Row(Guid Id, Guid CaseId, Guid PersonId, string TerritoryCode, string PersonLabel, DateOnly ReturnedOn, DateOnly NextReviewOn, DateOnly? EndedOn, string? EndReason);

    public sealed record Page(IReadOnlyList<Row> Rows, int Total, int PageNumber, int PageCount);

    public sealed record ReviewLine(Guid Id, DateOnly HeldOn, string Attendees, string Summary, DateOnly NextReviewOn, string RecordedBy, DateTime RecordedAt);

    public sealed record Protocol(ReturningMinor Minor, IReadOnlyList<ReviewLine> Reviews, string OpenedBy);

    public sealed record Label(Guid Id, string PersonLabel, string TerritoryCode, MinorProtocolStatus Status);

    public sealed record NoteLine(Guid Id, DateTime At, string Text, string AuthorName);

    public sealed record CaseForOpening(Guid CaseId, Guid PersonId, string TerritoryCode, string GivenName, string Surname, PartialDate? DateOfBirth, CaseStatus Status, bool InTransfer, Guid? ExistingId);

    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public int DefaultIntervalMonths => options.Value.ReviewIntervalMonths;

    public bool CanWrite => actor.Scope.Can(Permissions.MinorsWrite);

    public bool CanWriteNotes => actor.Scope.Can(Permissions.HealthNotes);

    private IQueryable<ReturningMinor> Active => db.ReturningMinors.AsNoTracking().Where(m => m.Status == MinorProtocolStatus.Active);

    public static string EndReasonCode(string? stored) => stored is null ? string.Empty : stored.Split(':', 2)[0];

    public static string? EndReasonDetail(string? stored) => stored is not null && stored.Contains(':', StringComparison.Ordinal) ? stored.Split(':', 2)[1].Trim() : null;

    /// <summary>The message of a field error, for the pages and the API.</summary>
    public static string Message(FieldError error) =>
        error.Args.Length == 0 ? Texts.Get(error.MessageKey) : Texts.Format(error.MessageKey, error.Args);

    /// <summary>Active protocols, the earliest next review first (so the overdue, then the due, come first); persons shown are audited.</summary>
    public Task<Page> ActiveAsync(int page, string why, CancellationToken ct) =>
        PageAsync(Active.OrderBy(m => m.NextReviewOn).ThenBy(m => m.Id), page, why, ct);

    /// <summary>Ended protocols, the most recently ended first.</summary>
    public Task<Page> EndedAsync(int page, string why, CancellationToken ct) =>
        PageAsync(db.ReturningMinors.AsNoTracking().Where(m => m.Status == MinorProtocolStatus.Ended).OrderByDescending(m => m.EndedOn).ThenBy(m => m.Id), page, why, ct);

    /// <summary>Counts of the overdue reviews (before today) and the due ones (today to <see cref="DueDays"/> days ahead).</summary>
    public async Task<(int Overdue, int Due)> CountDueAsync(CancellationToken ct)
    {
        var today = Today;
        var until = today.AddDays(DueDays);
        var overdue = await Active.CountAsync(m => m.NextReviewOn < today, ct);
        var due = await Active.CountAsync(m => m.NextReviewOn >= today && m.NextReviewOn <= until, ct);
        return (overdue, due);
    }

    /// <summary>The due and overdue protocols, oldest review first (at most <paramref name="take"/>), persons audited.</summary>
    public async Task<IReadOnlyList<Row>> DueAsync(int take, string why, CancellationToken ct)
    {
        var until = Today.AddDays(DueDays);
        var rows = await Active.Where(m => m.NextReviewOn <= until).OrderBy(m => m.NextReviewOn).ThenBy(m => m.Id).Take(take).Select(ToRow).ToListAsync(ct);
        await AuditListedAsync(rows, why, ct);
        return rows;
    }

    /// <summary>The case a protocol would be opened on, through the filters (the panel of its territory only); audited as a listed person.</summary>
    public async Task<CaseForOpening?> CaseAsync(Guid caseId, CancellationToken ct)
    {
        if (!CanWrite)
        {
            return null;
        }

        var found = await db.Cases.AsNoTracking().Where(c => c.Id == caseId)
            .Select(c => new { c.Id, c.PersonId, c.TerritoryCode, c.Person!.GivenName, c.Person.Surname, c.Person.BirthYear, c.Person.BirthMonth, c.Person.BirthDay, c.Status, InTransfer = c.TransferTo != null })
            .FirstOrDefaultAsync(ct);
        if (found is null)
        {
            await audit.RecordAsync("minor.open-form", nameof(Case), caseId, AuditLog.NotFound, ct: ct);
            return null;
        }

        var existing = await db.ReturningMinors.AsNoTracking().Where(m => m.CaseId == caseId).Select(m => (Guid?)m.Id).FirstOrDefaultAsync(ct);
        audit.Append("person.listed", nameof(Person), found.PersonId, reason: "returning minor: open form", territory: found.TerritoryCode);
        await db.SaveChangesAsync(ct);
        return new CaseForOpening(found.Id, found.PersonId, found.TerritoryCode, found.GivenName, found.Surname, PartialDate.FromParts(found.BirthYear, found.BirthMonth, found.BirthDay),
            found.Status, found.InTransfer, existing);
    }

    /// <summary>A protocol with its reviews (panel only), served once its <c>minor.read</c> event is stored.</summary>
    public async Task<Protocol?> LoadAsync(Guid id, CancellationToken ct)
    {
        if (!CanWrite)
        {
            await audit.RecordAsync("minor.read", nameof(ReturningMinor), id, AuditLog.Denied, ct: ct);
            return null;
        }

        var minor = await db.ReturningMinors.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct);
        if (minor is null)
        {
            await audit.RecordAsync("minor.read", nameof(ReturningMinor), id, AuditLog.NotFound, ct: ct);
            return null;
        }

        var reviews = await db.MinorReviews.AsNoTracking().Where(r => r.MinorId == id).OrderByDescending(r => r.HeldOn).ThenByDescending(r => r.RecordedAt).ToListAsync(ct);
        var userIds = reviews.Select(r => r.RecordedById).Append(minor.OpenedById).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        audit.Append("minor.read", nameof(ReturningMinor), id, territory: minor.TerritoryCode);
        await db.SaveChangesAsync(ct);
        return new Protocol(
            minor,
            [.. reviews.Select(r => new ReviewLine(r.Id, r.HeldOn, r.Attendees, r.Summary, r.NextReviewOn, names.GetValueOrDefault(r.RecordedById) ?? r.RecordedById, r.RecordedAt))],
            names.GetValueOrDefault(minor.OpenedById) ?? minor.OpenedById);
    }

    /// <summary>
    /// Opens the protocol on <paramref name="caseId"/>: an open case of the territory, not in transfer, whose person may be
    /// under 18 on the return date, with no protocol yet. The first review is the return (or opening) date plus the
    /// interval; a line goes on the case's timeline; <c>minor.opened</c> is audited in the same unit of work.
    /// </summary>
    public async Task<(Outcome Outcome, IReadOnlyList<FieldError> Errors, Guid? Id)> OpenAsync(Guid caseId, ProtocolInput input, CancellationToken ct)
    {
        if (!CanWrite)
        {
            await audit.RecordAsync("minor.opened", nameof(Case), caseId, AuditLog.Denied, ct: ct);
            return (Outcome.Forbidden, [], null);
        }

        var @case = await db.Cases.Include(c => c.Person).FirstOrDefaultAsync(c => c.Id == caseId, ct);
        if (@case?.Person is null)
        {
            await audit.RecordAsync("minor.opened", nameof(Case), caseId, AuditLog.NotFound, ct: ct);
            return (Outcome.NotFound, [], null);
        }

        var errors = new List<FieldError>();
        if (!@case.IsOpen)
        {
            errors.Add(new(string.Empty, "minors.error.case-closed"));
        }
        else if (@case.IsInTransfer)
        {
            errors.Add(new(string.Empty, "minors.error.case-in-transfer"));
        }
        else if (await db.ReturningMinors.IgnoreQueryFilters().AnyAsync(m => m.CaseId == caseId, ct))
        {
            errors.Add(new(string.Empty, "minors.error.duplicate"));
        }

        var valid = Validate(input, errors);
        if (valid is not null)
        {
            CheckMinor(@case.Person.DateOfBirth, valid.ReturnedOn, errors);
        }

        if (errors.Count > 0 || valid is null)
        {
            return (Outcome.Invalid, errors, null);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var actorId = actor.Scope.UserId ?? "system";
        var birthYear = @case.Person.BirthYear is { } y ? string.Create(CultureInfo.InvariantCulture, $" ({y})") : string.Empty;
        var label = $"{@case.Person.Surname.ToUpperInvariant()} {@case.Person.GivenName}{birthYear}";
        var minor = new ReturningMinor
        {
            TerritoryCode = @case.TerritoryCode,
            CaseId = @case.Id,
            PersonId = @case.PersonId,
            PersonLabel = label.Length > CaseTransfer.MaxLabelLength ? label[..CaseTransfer.MaxLabelLength] : label,
            OpenedAt = now,
            OpenedById = actorId,
        };
        Apply(minor, valid);
        minor.NextReviewOn = ReturningMinor.FirstReviewOn(valid.ReturnedOn, DateOnly.FromDateTime(now), valid.IntervalMonths);
        db.ReturningMinors.Add(minor);
        db.CaseEvents.Add(@case.Note(CaseEventKind.ReviewRecorded, actorId, now, detail: "minors.opened"));
        audit.Append("minor.opened", nameof(ReturningMinor), minor.Id, reason: $"case {@case.Id}; first review {minor.NextReviewOn:yyyy-MM-dd}", territory: minor.TerritoryCode);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The unique index on the case: another member opened it at the same moment.
            db.ChangeTracker.Clear();
            return (Outcome.Invalid, [new(string.Empty, "minors.error.duplicate")], null);
        }

        return (Outcome.Done, [], minor.Id);
    }

    /// <summary>Edits the protocol's fields (version-checked); the next review date is left as it is (the interval applies from the next review).</summary>
    public async Task<(Outcome Outcome, IReadOnlyList<FieldError> Errors)> UpdateAsync(Guid id, ProtocolInput input, CancellationToken ct)
    {
        var (minor, refused) = await ForWriteAsync(id, "minor.updated", ct);
        if (minor is null)
        {
            return (refused, []);
        }

        var errors = new List<FieldError>();
        if (minor.Status != MinorProtocolStatus.Active)
        {
            errors.Add(new(string.Empty, "minors.error.not-active"));
        }

        var valid = Validate(input, errors);
        if (valid is not null)
        {
            var dob = await db.Persons.AsNoTracking().Where(p => p.Id == minor.PersonId).Select(p => new { p.BirthYear, p.BirthMonth, p.BirthDay }).FirstOrDefaultAsync(ct);
            CheckMinor(dob is null ? null : PartialDate.FromParts(dob.BirthYear, dob.BirthMonth, dob.BirthDay), valid.ReturnedOn, errors);
        }

        if (errors.Count > 0 || valid is null)
        {
            return (Outcome.Invalid, errors);
        }

        if (minor.Version != input.Version)
        {
            return (Outcome.Conflict, []);
        }

        Apply(minor, valid);
        audit.Append("minor.updated", nameof(ReturningMinor), minor.Id, territory: minor.TerritoryCode);
        return (await SaveAsync(ct), []);
    }

    /// <summary>Records a mandatory review (version-checked), its line on the case's timeline and <c>minor.reviewed</c>.</summary>
    public async Task<(Outcome Outcome, IReadOnlyList<FieldError> Errors)> ReviewAsync(Guid id, int version, string? heldOn, string? attendees, string? summary, string? nextReviewOn, CancellationToken ct)
    {
        var (minor, refused) = await ForWriteAsync(id, "minor.reviewed", ct);
        if (minor is null)
        {
            return (refused, []);
        }

        var errors = new List<FieldError>();
        var held = Date(errors, "Review.HeldOn", heldOn, required: true);
        var who = Required(errors, "Review.Attendees", attendees, ReturningMinor.MaxShortLength);
        var what = Required(errors, "Review.Summary", summary, ReturningMinor.MaxTextLength);
        var next = Date(errors, "Review.NextReviewOn", nextReviewOn, required: false);
        if (errors.Count > 0 || held is null || who is null || what is null)
        {
            return (Outcome.Invalid, errors);
        }

        if (minor.Version != version)
        {
            return (Outcome.Conflict, []);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var actorId = actor.Scope.UserId ?? "system";
        var (review, error) = minor.RecordReview(held.Value, who, what, next ?? held.Value.AddMonths(minor.ReviewIntervalMonths), actorId, now);
        if (error is not null)
        {
            return (Outcome.Invalid, [ReviewError(error)]);
        }

        // A review bumps the version even when it keeps the same next date: two reviews from one reading conflict.
        db.Entry(minor).State = EntityState.Modified;
        db.MinorReviews.Add(review!);
        await NoteOnCaseAsync(minor.CaseId, "minors.reviewed", actorId, now, ct);
        audit.Append("minor.reviewed", nameof(ReturningMinor), minor.Id, reason: $"held {review!.HeldOn:yyyy-MM-dd}; next review {review.NextReviewOn:yyyy-MM-dd}", territory: minor.TerritoryCode);
        return (await SaveAsync(ct), []);
    }

    /// <summary>Ends the protocol with a reason (version-checked); "other" needs a detail.</summary>
    public async Task<(Outcome Outcome, IReadOnlyList<FieldError> Errors)> EndAsync(Guid id, int version, string? endedOn, string? reason, string? detail, CancellationToken ct)
    {
        var (minor, refused) = await ForWriteAsync(id, "minor.ended", ct);
        if (minor is null)
        {
            return (refused, []);
        }

        var errors = new List<FieldError>();
        var on = Date(errors, "End.EndedOn", endedOn, required: true);
        var code = reason?.Trim();
        if (code is null || !EndReasons.Contains(code, StringComparer.Ordinal))
        {
            errors.Add(new("End.Reason", "minors.error.end-reason"));
        }

        var text = ReportValidation.FreeText(errors, "End.Detail", detail, ReturningMinor.MaxShortLength - 10);
        if (code == "other" && text is null && !errors.Any(e => e.Field == "End.Detail"))
        {
            errors.Add(new("End.Detail", "minors.error.end-detail"));
        }

        if (errors.Count > 0 || on is null)
        {
            return (Outcome.Invalid, errors);
        }

        if (minor.Version != version)
        {
            return (Outcome.Conflict, []);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (minor.End(on.Value, text is null ? code! : $"{code}: {text}", now) is { } error)
        {
            return (Outcome.Invalid, [error is MinorProtocolNotActive ? new(string.Empty, "minors.error.not-active") : new("End.EndedOn", "minors.error." + error.Code["minors.".Length..])]);
        }

        await NoteOnCaseAsync(minor.CaseId, "minors.ended", actor.Scope.UserId ?? "system", now, ct);
        audit.Append("minor.ended", nameof(ReturningMinor), minor.Id, reason: code, territory: minor.TerritoryCode);
        return (await SaveAsync(ct), []);
    }

    /// <summary>The label of a protocol for the clinicians (name and year of birth, territory), never its content.</summary>
    public async Task<Label?> LabelAsync(Guid id, CancellationToken ct)
    {
        if (!CanWriteNotes)
        {
            return null;
        }

        return await db.ReturningMinors.AsNoTracking().Where(m => m.Id == id)
            .Select(m => new Label(m.Id, m.PersonLabel, m.TerritoryCode, m.Status))
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>The health notes of a protocol (clinicians of the territory), newest first, audited <c>health-notes.read</c>.</summary>
    public async Task<(Label? Label, IReadOnlyList<NoteLine> Notes, int Total)> HealthNotesAsync(Guid id, int page, CancellationToken ct)
    {
        var label = await LabelAsync(id, ct);
        if (label is null)
        {
            await audit.RecordAsync("health-notes.read", nameof(ReturningMinor), id, CanWriteNotes ? AuditLog.NotFound : AuditLog.Denied, ct: ct);
            return (null, [], 0);
        }

        var notes = db.HealthNotes.AsNoTracking().Where(n => n.MinorId == id);
        var total = await notes.CountAsync(ct);
        var rows = await notes.OrderByDescending(n => n.At).ThenByDescending(n => n.Id)
            .Skip((Math.Max(page, 1) - 1) * PageSize).Take(PageSize)
            .Select(n => new NoteLine(n.Id, n.At, n.Text, n.AuthorName))
            .ToListAsync(ct);
        audit.Append("health-notes.read", nameof(ReturningMinor), id, reason: $"{rows.Count} note(s)", territory: label.TerritoryCode);
        await db.SaveChangesAsync(ct);
        return (label, rows, total);
    }

    /// <summary>Adds a health note to a protocol (clinicians of the territory), audited <c>health-note.added</c>.</summary>
    public async Task<(Outcome Outcome, IReadOnlyList<FieldError> Errors)> AddHealthNoteAsync(Guid id, string? text, CancellationToken ct)
    {
        if (!CanWriteNotes)
        {
            await audit.RecordAsync("health-note.added", nameof(ReturningMinor), id, AuditLog.Denied, ct: ct);
            return (Outcome.Forbidden, []);
        }

        var minor = await db.ReturningMinors.AsNoTracking().Where(m => m.Id == id).Select(m => new { m.Id, m.TerritoryCode }).FirstOrDefaultAsync(ct);
        if (minor is null)
        {
            await audit.RecordAsync("health-note.added", nameof(ReturningMinor), id, AuditLog.NotFound, ct: ct);
            return (Outcome.NotFound, []);
        }

        var errors = new List<FieldError>();
        var note = Required(errors, "Note.Text", text, HealthNote.MaxTextLength);
        if (note is null)
        {
            return (Outcome.Invalid, errors);
        }

        var userId = actor.Scope.UserId ?? "system";
        var name = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) ?? userId;
        var added = new HealthNote
        {
            TerritoryCode = minor.TerritoryCode,
            MinorId = minor.Id,
            At = clock.GetUtcNow().UtcDateTime,
            Text = note,
            AuthorId = userId,
            AuthorName = name,
        };
        db.HealthNotes.Add(added);
        audit.Append("health-note.added", nameof(HealthNote), added.Id, reason: $"returning minor {minor.Id}", territory: minor.TerritoryCode);
        await db.SaveChangesAsync(ct);
        return (Outcome.Done, []);
    }

    private static readonly System.Linq.Expressions.Expression<Func<ReturningMinor, Row>> ToRow =
        m => new Row(m.Id, m.CaseId, m.PersonId, m.TerritoryCode, m.PersonLabel, m.ReturnedOn, m.NextReviewOn, m.EndedOn, m.EndReason);

    private sealed record ValidProtocol(
        DateOnly ReturnedOn, string? Guardianship, ProtectionMeasure Measure, string? MeasureDetail, DateOnly? MeasureOrderedOn,
        HealthAssessmentState Health, DateOnly? HealthOn, string? HealthSummary, SchoolingState Schooling, string? SchoolingDetail,
        string? FamilySituation, string? MultiAgencyPlan, int IntervalMonths);

    private async Task<Page> PageAsync(IQueryable<ReturningMinor> query, int page, string why, CancellationToken ct)
    {
        var total = await query.CountAsync(ct);
        var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        var number = Math.Clamp(page, 1, pageCount);
        var rows = await query.Skip((number - 1) * PageSize).Take(PageSize).Select(ToRow).ToListAsync(ct);
        await AuditListedAsync(rows, why, ct);
        return new Page(rows, total, number, pageCount);
    }

    private async Task AuditListedAsync(IReadOnlyList<Row> rows, string why, CancellationToken ct)
    {
        foreach (var row in rows)
        {
            audit.Append("person.listed", nameof(Person), row.PersonId, reason: why, territory: row.TerritoryCode);
        }

        await db.SaveChangesAsync(ct);
    }

    private async Task<(ReturningMinor? Minor, Outcome Refused)> ForWriteAsync(Guid id, string action, CancellationToken ct)
    {
        if (!CanWrite)
        {
            await audit.RecordAsync(action, nameof(ReturningMinor), id, AuditLog.Denied, ct: ct);
            return (null, Outcome.Forbidden);
        }

        var minor = await db.ReturningMinors.FirstOrDefaultAsync(m => m.Id == id, ct);
        if (minor is null)
        {
            await audit.RecordAsync(action, nameof(ReturningMinor), id, AuditLog.NotFound, ct: ct);
            return (null, Outcome.NotFound);
        }

        return (minor, Outcome.Done);
    }

    private async Task<Outcome> SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return Outcome.Done;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Outcome.Conflict;
        }
    }

    /// <summary>A dated line on the case's timeline (no enum value of its own: a protocol's review is a review of the case's follow-up).</summary>
    private async Task NoteOnCaseAsync(Guid caseId, string detail, string actorId, DateTime now, CancellationToken ct)
    {
        var @case = await db.Cases.FirstOrDefaultAsync(c => c.Id == caseId, ct);
        if (@case is not null)
        {
            db.CaseEvents.Add(@case.Note(CaseEventKind.ReviewRecorded, actorId, now, detail: detail));
        }
    }

    private static FieldError ReviewError(DomainError error) => error switch
    {
        MinorProtocolNotActive => new(string.Empty, "minors.error.not-active"),
        MinorDateInFuture => new("Review.HeldOn", "minors.error.date-in-future"),
        MinorDateBeforeOpening => new("Review.HeldOn", "minors.error.date-before-opening"),
        MinorNextReviewTooFar tooFar => new("Review.NextReviewOn", "minors.error.next-review-too-far", tooFar.Max),
        _ => new("Review.NextReviewOn", "minors.error.next-review-not-future"),
    };

    private static void CheckMinor(PartialDate? dateOfBirth, DateOnly returnedOn, List<FieldError> errors)
    {
        if (dateOfBirth is null)
        {
            errors.Add(new(string.Empty, "minors.error.birth-unknown"));
        }
        else if (!ReturningMinor.CouldBeMinorOn(dateOfBirth, returnedOn))
        {
            errors.Add(new("Input.ReturnedOn", "minors.error.not-minor", dateOfBirth.Value.ToString()));
        }
    }

    private ValidProtocol? Validate(ProtocolInput input, List<FieldError> errors)
    {
        var today = Today;
        var before = errors.Count;
        var returned = Date(errors, "Input.ReturnedOn", input.ReturnedOn, required: true);
        if (returned is { } r && (r < EarliestReturn || r > today.AddMonths(MaxReturnAheadMonths)))
        {
            errors.Add(new("Input.ReturnedOn", "minors.error.returned-range", EarliestReturn.ToString("d", CultureInfo.CurrentCulture), today.AddMonths(MaxReturnAheadMonths).ToString("d", CultureInfo.CurrentCulture)));
        }

        var guardianship = ReportValidation.FreeText(errors, "Input.Guardianship", input.Guardianship, ReturningMinor.MaxTextLength);
        var measure = Choice(errors, "Input.Measure", input.Measure, ProtectionMeasure.None);
        var measureDetail = ReportValidation.FreeText(errors, "Input.MeasureDetail", input.MeasureDetail, ReturningMinor.MaxShortLength);
        if (measure == ProtectionMeasure.Other && measureDetail is null && !errors.Any(e => e.Field == "Input.MeasureDetail"))
        {
            errors.Add(new("Input.MeasureDetail", "minors.error.measure-detail"));
        }

        var ordered = Date(errors, "Input.MeasureOrderedOn", input.MeasureOrderedOn, required: false);
        if (ordered is { } o && (o > today || o < EarliestReturn))
        {
            errors.Add(new("Input.MeasureOrderedOn", "minors.error.past-date"));
        }

        var health = Choice(errors, "Input.HealthAssessment", input.HealthAssessment, HealthAssessmentState.NotDone);
        var healthOn = Date(errors, "Input.HealthAssessmentOn", input.HealthAssessmentOn, required: false);
        if (health == HealthAssessmentState.Done && healthOn is null && !errors.Any(e => e.Field == "Input.HealthAssessmentOn"))
        {
            errors.Add(new("Input.HealthAssessmentOn", "minors.error.health-date"));
        }
        else if (healthOn is { } h && (h < EarliestReturn || (health == HealthAssessmentState.Done && h > today) || h > today.AddMonths(ReturningMinor.MaxNextReviewMonths)))
        {
            errors.Add(new("Input.HealthAssessmentOn", health == HealthAssessmentState.Done ? "minors.error.past-date" : "minors.error.health-date-range"));
        }

        var summary = ReportValidation.FreeText(errors, "Input.HealthSummary", input.HealthSummary, ReturningMinor.MaxShortLength);
        var schooling = Choice(errors, "Input.Schooling", input.Schooling, SchoolingState.NotYetEnrolled);
        var schoolingDetail = ReportValidation.FreeText(errors, "Input.SchoolingDetail", input.SchoolingDetail, ReturningMinor.MaxShortLength);
        var family = ReportValidation.FreeText(errors, "Input.FamilySituation", input.FamilySituation, ReturningMinor.MaxTextLength);
        var plan = ReportValidation.FreeText(errors, "Input.MultiAgencyPlan", input.MultiAgencyPlan, ReturningMinor.MaxTextLength);
        var interval = DefaultIntervalMonths;
        if (!string.IsNullOrWhiteSpace(input.ReviewIntervalMonths))
        {
            var raw = input.ReviewIntervalMonths.Trim();
            if (raw.Length > 2 || !int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out interval) || interval is < ReturningMinor.MinIntervalMonths or > ReturningMinor.MaxIntervalMonths)
            {
                errors.Add(new("Input.ReviewIntervalMonths", "minors.error.interval", ReturningMinor.MinIntervalMonths, ReturningMinor.MaxIntervalMonths));
            }
        }

        return errors.Count > before || returned is null
            ? null
            : new ValidProtocol(returned.Value, guardianship, measure, measureDetail, ordered, health, healthOn, summary, schooling, schoolingDetail, family, plan, interval);
    }

    private static void Apply(ReturningMinor minor, ValidProtocol valid)
    {
        minor.ReturnedOn = valid.ReturnedOn;
        minor.Guardianship = valid.Guardianship;
        minor.Measure = valid.Measure;
        minor.MeasureDetail = valid.MeasureDetail;
        minor.MeasureOrderedOn = valid.MeasureOrderedOn;
        minor.HealthAssessment = valid.Health;
        minor.HealthAssessmentOn = valid.HealthOn;
        minor.HealthSummary = valid.HealthSummary;
        minor.Schooling = valid.Schooling;
        minor.SchoolingDetail = valid.SchoolingDetail;
        minor.FamilySituation = valid.FamilySituation;
        minor.MultiAgencyPlan = valid.MultiAgencyPlan;
        minor.ReviewIntervalMonths = valid.IntervalMonths;
    }

    private static string? Required(List<FieldError> errors, string field, string? value, int max)
    {
        var before = errors.Count;
        var text = ReportValidation.FreeText(errors, field, value, max);
        if (text is null && errors.Count == before)
        {
            errors.Add(new(field, "minors.error.required"));
        }

        return text;
    }

    private static DateOnly? Date(List<FieldError> errors, string field, string? value, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                errors.Add(new(field, "minors.error.required"));
            }

            return null;
        }

        if (value.Trim().Length == 10 && DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        errors.Add(new(field, "minors.error.date-format"));
        return null;
    }

    private static T Choice<T>(List<FieldError> errors, string field, string? value, T fallback)
        where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }

        var code = value.Trim();
        if (code.Length <= 32 && code.All(char.IsAsciiLetter) && Enum.TryParse<T>(code, ignoreCase: false, out var parsed) && Enum.IsDefined(parsed))
        {
            return parsed;
        }

        errors.Add(new(field, "minors.error.choice"));
        return fallback;
    }
}
