using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Domain.Statistics;
using Passerelle.Web.Audit;
using Passerelle.Web.Data;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Evaluation;

/// <summary>
/// The outcome evaluation of the disengagement programme (issue 6): recidivism per site and cohort year with exact
/// intervals, and time to first new offence (Kaplan–Meier) per site, for the page, its CSV and the API alike.
/// <para>
/// Why this is the one place that reads the programme compartment past the query filters
/// (<c>IgnoreQueryFilters</c>): participants and their events are filtered to <c>programme.read</c> holders of the
/// site's territories, so the national analyst — whose right is "aggregates only" (DESIGN.md, Σ) — would count
/// nothing through them. How need-to-know still holds here:
/// </para>
/// <list type="bullet">
/// <item>the actor must hold <see cref="Permissions.EvaluationRead"/> (analyst), checked here again, not only by the page or route;</item>
/// <item>only non-identifying columns are read: site, dates of enrolment, follow-up window, end, and the kind,
/// category and date of outcome events (never a name, a birth year, a note, a referring service or an offence's
/// detail); the participant's id is used in memory to join the events and never leaves this class;</item>
/// <item>only counts, proportions and curves come out, never a row; small counts are suppressed in everything that
/// leaves the analyst's screen (CSV, API: <see cref="EvaluationPublication"/>);</item>
/// <item>each view and export is audited (<c>evaluation.viewed</c>, <c>evaluation.exported</c>) with the filter codes,
/// before the answer is served.</item>
/// </list>
/// Red line 1: it counts outcomes of groups of participants (programmes, sites, cohorts); it never scores, ranks or
/// predicts a person. Red line 2: the only breakdowns are site, cohort year and offence type.
/// <para>Definitions (shown on the page, <c>evaluation.definitions.*</c>):</para>
/// <list type="bullet">
/// <item>cohort year = year of enrolment; participants referred but never enrolled are not in any cohort; an enrolled
/// participant without a complete follow-up window (start and end) is left out and counted apart;</item>
/// <item>observation ends at the censoring date = the earliest of the window's end, the end of the follow-up
/// (<c>EndedOn</c>), a return to prison and today;</item>
/// <item>recidivism = a <c>NewOffence</c> or <c>Conviction</c> event dated from the window's start to the censoring date
/// (so an offence after the window, after a return to prison or after the follow-up ended is not counted);</item>
/// <item>outcome known = such an offence, or the window completed (its last day past, not ended earlier); the
/// proportions are over the participants whose outcome is known; participants without an offence whose window is
/// still running are "still under follow-up", and those whose follow-up ended early (return to prison, withdrawal,
/// move) without an offence are "left before the end of the window": both are censored, never counted as successes;</item>
/// <item>time to first new offence = days from the window's start to the first offence (of the type asked), or
/// censored at the censoring date.</item>
/// </list>
/// </summary>
internal sealed class ProgrammeEvaluation(PasserelleDb db, CurrentActor actor, AuditLog audit, TimeProvider clock)
{
    public enum Channel
    {
        Page,
        Csv,
        Api,
    }

    /// <summary>One participant as the evaluation sees it: no identity, only what the definitions need.</summary>
    internal sealed record Subject(string Site, int Cohort, int Days, bool Terrorism, int? DaysToTerrorism, bool Other, int? DaysToOther, SubjectStatus Status)
    {
        public bool Offence => Terrorism || Other;

        public int? DaysToAny => DaysToTerrorism is { } t ? DaysToOther is { } o ? Math.Min(t, o) : t : DaysToOther;
    }

    internal enum SubjectStatus
    {
        /// <summary>An offence in the window, or the window completed.</summary>
        Known = 1,

        /// <summary>No offence so far and the window still running.</summary>
        UnderFollowUp = 2,

        /// <summary>No offence and the follow-up ended before the window's end (return to prison, withdrawal…).</summary>
        LeftEarly = 3,
    }

    public Task<EvaluationReport?> RunAsync(EvaluationFilter filter, Channel channel, CancellationToken ct) =>
        RunAsync(filter, channel, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), ct);

    /// <summary>Computes the evaluation for <paramref name="filter"/> and audits it; null when the actor may not read it.</summary>
    private async Task<EvaluationReport?> RunAsync(EvaluationFilter filter, Channel channel, DateOnly today, CancellationToken ct)
    {
        var scope = actor.Scope;
        if (scope.IsSystem || !scope.Can(Permissions.EvaluationRead))
        {
            return null;
        }

        var participants = db.ProgrammeParticipants.IgnoreQueryFilters().AsNoTracking()
            .Where(p => p.EnrolledOn != null && (p.Status == ParticipantStatus.Enrolled || p.Status == ParticipantStatus.Ended));
        if (filter.Site is { } site)
        {
            participants = participants.Where(p => p.SiteCode == site);
        }

        if (filter.Cohort is { } cohort)
        {
            var from = new DateOnly(cohort, 1, 1);
            var to = new DateOnly(cohort + 1, 1, 1);
            participants = participants.Where(p => p.EnrolledOn >= from && p.EnrolledOn < to);
        }

        var rows = await participants
            .Select(p => new { p.Id, p.SiteCode, p.EnrolledOn, p.FollowUpStartsOn, p.FollowUpEndsOn, p.EndedOn })
            .ToListAsync(ct);
        var ids = rows.ConvertAll(r => r.Id);
        var outcomes = await db.ParticipantEvents.IgnoreQueryFilters().AsNoTracking()
            .Where(e => ids.Contains(e.ParticipantId)
                && (e.Kind == ParticipantEventKind.NewOffence || e.Kind == ParticipantEventKind.Conviction || e.Kind == ParticipantEventKind.ReturnToPrison))
            .Select(e => new { e.ParticipantId, e.Kind, e.Category, e.OccurredOn })
            .ToListAsync(ct);
        var byParticipant = outcomes.ToLookup(e => e.ParticipantId);

        var subjects = new List<Subject>();
        var withoutWindow = 0;
        foreach (var p in rows)
        {
            if (p.FollowUpStartsOn is not { } start || p.FollowUpEndsOn is not { } end || end < start)
            {
                withoutWindow++;
                continue;
            }

            var events = byParticipant[p.Id].ToList();
            var returned = events.Where(e => e.Kind == ParticipantEventKind.ReturnToPrison && e.OccurredOn >= start).Select(e => (DateOnly?)e.OccurredOn).Min();
            subjects.Add(Classify(p.SiteCode, p.EnrolledOn!.Value.Year, start, end, p.EndedOn, returned,
                [.. events.Where(e => ParticipantEvent.IsOffence(e.Kind)).Select(e => (e.OccurredOn, e.Category ?? OffenceCategory.Other))], today));
        }

        var report = Build(filter, subjects, withoutWindow, today);
        audit.Append(channel == Channel.Csv ? "evaluation.exported" : "evaluation.viewed", "Evaluation", null,
            reason: $"{channel.ToString().ToLowerInvariant()} {filter.Describe()}");
        await db.SaveChangesAsync(ct);
        return report;
    }

    /// <summary>Applies the definitions (class summary) to one participant.</summary>
    internal static Subject Classify(
        string site, int cohort, DateOnly start, DateOnly windowEnd, DateOnly? endedOn, DateOnly? returnedToPrison,
        IReadOnlyList<(DateOnly On, OffenceCategory Category)> offences, DateOnly today)
    {
        // A follow-up that ended (or a return to prison) before the window's end ends the observation there.
        DateOnly? earlyEnd = null;
        foreach (var candidate in new[] { endedOn, returnedToPrison })
        {
            if (candidate is { } c && c < windowEnd && (earlyEnd is null || c < earlyEnd))
            {
                earlyEnd = c;
            }
        }

        var censor = windowEnd;
        if (earlyEnd is { } early && early < censor)
        {
            censor = early;
        }

        if (today < censor)
        {
            censor = today;
        }

        if (censor < start)
        {
            censor = start;
        }

        var inWindow = offences.Where(o => o.On >= start && o.On <= censor).ToList();
        int? First(OffenceCategory category) =>
            inWindow.Where(o => o.Category == category).Select(o => (int?)(o.On.DayNumber - start.DayNumber)).Min();
        var terrorism = First(OffenceCategory.TerrorismRelated);
        var other = First(OffenceCategory.Other);
        var status = inWindow.Count > 0 ? SubjectStatus.Known
            : earlyEnd is { } left && left <= today ? SubjectStatus.LeftEarly
            : windowEnd < today ? SubjectStatus.Known
            : SubjectStatus.UnderFollowUp;
        return new Subject(site, cohort, censor.DayNumber - start.DayNumber, terrorism is not null, terrorism, other is not null, other, status);
    }

    private static EvaluationReport Build(EvaluationFilter filter, List<Subject> subjects, int withoutWindow, DateOnly today)
    {
        var sites = EvaluationFilter.Sites.Where(s => subjects.Any(x => x.Site == s.Code)).ToList();
        var rows = new List<CohortRow>();
        var curves = new List<SiteCurve>();
        foreach (var site in sites)
        {
            var mine = subjects.Where(s => s.Site == site.Code).ToList();
            foreach (var cohort in mine.Select(s => s.Cohort).Distinct().Order())
            {
                rows.Add(new CohortRow(site.Code, site.City, cohort, Count(mine.Where(s => s.Cohort == cohort))));
            }

            rows.Add(new CohortRow(site.Code, site.City, null, Count(mine)));
            curves.Add(new SiteCurve(site.Code, site.City, KaplanMeier.Estimate(mine.Select(s => Observation(s, filter.Offence)))));
        }

        var total = sites.Count > 1 ? new CohortRow(null, null, null, Count(subjects)) : null;
        return new EvaluationReport(filter, today, rows, total, curves, withoutWindow);
    }

    private static SurvivalObservation Observation(Subject s, OffenceScope offence)
    {
        var days = offence switch
        {
            OffenceScope.TerrorismRelated => s.DaysToTerrorism,
            OffenceScope.Other => s.DaysToOther,
            _ => s.DaysToAny,
        };
        return days is { } d ? new SurvivalObservation(d, true) : new SurvivalObservation(s.Days, false);
    }

    private static CohortCounts Count(IEnumerable<Subject> subjects)
    {
        var list = subjects.ToList();
        return new CohortCounts(
            list.Count,
            list.Count(s => s.Status == SubjectStatus.Known),
            list.Count(s => s.Terrorism),
            list.Count(s => s.Other),
            list.Count(s => s.Status == SubjectStatus.UnderFollowUp),
            list.Count(s => s.Status == SubjectStatus.LeftEarly));
    }
}

/// <summary>
/// Counts of one site × cohort (or a site's total, or the grand total): enrolled = known + still under follow-up +
/// left early; terrorism-related and other are the participants with such an offence in their window (both when
/// both), all of them among the known.
/// </summary>
internal sealed record CohortCounts(int Enrolled, int Known, int Terrorism, int Other, int UnderFollowUp, int LeftEarly);

/// <summary>A line of the comparison table: a site's cohort, or (Cohort null) the site's total; Site null = all sites.</summary>
internal sealed record CohortRow(string? Site, string? City, int? Cohort, CohortCounts Counts);

internal sealed record SiteCurve(string Site, string City, SurvivalCurve Curve);

/// <summary>Everything one evaluation answer holds, exact (the analyst's screen); <see cref="EvaluationPublication"/> suppresses it for export.</summary>
internal sealed record EvaluationReport(
    EvaluationFilter Filter, DateOnly Today, IReadOnlyList<CohortRow> Rows, CohortRow? Total, IReadOnlyList<SiteCurve> Curves, int WithoutWindow)
{
    public bool Empty => Rows.Count == 0;
}
