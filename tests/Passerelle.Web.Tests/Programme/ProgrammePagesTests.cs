using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Passerelle.Domain;
using Passerelle.Web.Features.Retention;
using Passerelle.Web.Security;
using Passerelle.Web.Tests.Infrastructure;
using static Passerelle.Web.Tests.Infrastructure.PageKit;
using Case = Shouldly.Case;

namespace Passerelle.Web.Tests.Programme;

/// <summary>
/// The disengagement programme's participants: referral with obligations, enrolment with an explicit follow-up
/// window (capacity, planned sites, judicial details of a panel's referral), plan components, events and outcomes,
/// the end of follow-up, the panel summary; the site boundary (another site's worker gets nothing, pages, API or
/// forged posts) and the compartment boundary (no other role gets anything); bad input changes nothing; retention.
/// </summary>
public sealed class ProgrammePagesTests(PasserelleFactory factory) : IClassFixture<PasserelleFactory>
{
    // Lille's staff hold the site's départements (59 is the site's own); Paris's hold 75.
    private const string Lille = "59,62,67";
    private const string Paris = "75,92,93";

    private DateOnly Today => DateOnly.FromDateTime(factory.Clock.GetUtcNow().UtcDateTime);

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private (string, string)[] Referral(string surname, string site = "LIL", int? referredDaysAgo = 300, params (string, string)[] changes)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Input.Site"] = site,
            ["Input.Surname"] = surname,
            ["Input.GivenName"] = "Karim",
            ["Input.BirthYear"] = "1992",
            ["Input.Source"] = "Probation",
            ["Input.Service"] = "SPIP du Nord",
            ["Input.Officer"] = "Mme Leclercq",
            ["Input.ReferredOn"] = Iso(Today.AddDays(-(referredDaysAgo ?? 0))),
            ["Input.Note"] = "Sortie de détention prévue, hébergement à trouver.",
            ["Input.Obligations[0].Kind"] = "Residence",
            ["Input.Obligations[0].Detail"] = "Résidence à Lille",
            ["Input.Obligations[0].StartsOn"] = Iso(Today.AddDays(-300)),
            ["Input.Obligations[0].EndsOn"] = Iso(Today.AddDays(800)),
            ["Input.Obligations[1].Kind"] = "Reporting",
            ["Input.Obligations[1].StartsOn"] = Iso(Today.AddDays(-300)),
        };
        foreach (var (name, value) in changes)
        {
            fields[name] = value;
        }

        return [.. fields.Select(f => (f.Key, f.Value))];
    }

    private static async Task<Guid> ReferAsync(WebSession session, (string, string)[] fields)
    {
        var done = await session.PostFormAsync("/programme/participants/new", "/programme/participants/new", fields);
        done.Redirects.ShouldBeTrue(done.ToString());
        return Guid.Parse(done.Location!.Split('/')[^1]);
    }

    private Task<ProgrammeParticipant> StoredAsync(Guid id) =>
        factory.WithDbAsync(db => db.ProgrammeParticipants.IgnoreQueryFilters().AsNoTracking().SingleAsync(p => p.Id == id));

    private Task<int> ParticipantCountAsync() => factory.WithDbAsync(db => db.ProgrammeParticipants.IgnoreQueryFilters().CountAsync());

    /// <summary>Posts a form of the participant page with the version currently shown.</summary>
    private static async Task<PageResponse> PostOnPageAsync(WebSession session, Guid id, string handler, params (string, string)[] fields)
    {
        var page = await session.GetAsync($"/programme/participants/{id}");
        page.Status.ShouldBe(HttpStatusCode.OK, page.ToString());
        var version = WebSession.Hidden(page, "Version");
        return await session.PostWithTokenAsync($"/programme/participants/{id}?handler={handler}", WebSession.AntiForgeryToken(page), [("Version", version), .. fields]);
    }

    private Task<Guid> InsertAsync(string site, string surname, ReferralSource source = ReferralSource.Probation, int referredDaysAgo = 300) => factory.WithDbAsync(async db =>
    {
        var s = await db.ProgrammeSites.SingleAsync(x => x.Code == site);
        var p = new ProgrammeParticipant
        {
            SiteCode = site, TerritoryCode = s.TerritoryCode, GivenName = "Test", Surname = surname, BirthYear = 1990, Source = source,
            ReferringService = source == ReferralSource.Panel ? "GED " + s.TerritoryCode : "SPIP", ReferredOn = Today.AddDays(-referredDaysAgo),
            CreatedAt = factory.Clock.GetUtcNow().UtcDateTime, CreatedById = "test",
        };
        db.ProgrammeParticipants.Add(p);
        await db.SaveChangesAsync();
        return p.Id;
    });

    [Fact]
    public async Task AReferralWithObligations_IsRecorded_Audited_AndListedForTheSite()
    {
        using var worker = await factory.SignInAsync(Roles.Programme, Lille);
        var form = await worker.GetAsync("/programme/participants/new");
        form.Status.ShouldBe(HttpStatusCode.OK, form.ToString());
        form.Html.ShouldContain("value=\"LIL\"");
        form.Html.ShouldNotContain("value=\"SXB\"");
        form.Html.ShouldNotContain("value=\"PAR\"");

        var id = await ReferAsync(worker, Referral("Vasseur"));
        var stored = await StoredAsync(id);
        stored.Status.ShouldBe(ParticipantStatus.Referred);
        stored.TerritoryCode.ShouldBe("59");
        stored.ReferringService.ShouldBe("SPIP du Nord — Mme Leclercq");
        (await factory.WithDbAsync(db => db.CourtObligations.IgnoreQueryFilters().CountAsync(o => o.ParticipantId == id))).ShouldBe(2);
        (await factory.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == "programme-participant.referred" && e.ObjectId == id.ToString()))).ShouldBeTrue();

        var list = await worker.GetAsync("/programme");
        list.Status.ShouldBe(HttpStatusCode.OK);
        list.Html.ShouldContain("Vasseur");
        list.Html.ShouldContain(Fr("programme.site-planned")); // Strasbourg (67) is covered by Lille's staff, planned
        list.Html.ShouldContain("Site de Strasbourg");
        list.Html.ShouldNotContain("Site de Paris");
        (await factory.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == "programme-participant.listed" && e.ObjectId == id.ToString()))).ShouldBeTrue();

        var details = await worker.GetAsync($"/programme/participants/{id}");
        details.Html.ShouldContain(Fr("programme.obligation.Residence"));
        (await factory.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == "programme-participant.read" && e.ObjectId == id.ToString()))).ShouldBeTrue();
    }

    [Fact]
    public async Task TheAddAnObligationButton_AddsARow_AndSavesNothing()
    {
        using var worker = await factory.SignInAsync(Roles.Programme, Lille);
        var before = await ParticipantCountAsync();
        var page = await worker.GetAsync("/programme/participants/new");
        page.Html.ShouldNotContain("Input.Obligations[1].Kind");
        var more = await worker.PostWithTokenAsync("/programme/participants/new?handler=AddObligation", WebSession.AntiForgeryToken(page), ("Input.Surname", "Dupuis"), ("Input.Obligations[0].Kind", "Residence"));
        more.Status.ShouldBe(HttpStatusCode.OK, more.ToString());
        more.Html.ShouldContain("Input.Obligations[1].Kind");
        more.Html.ShouldContain("value=\"Dupuis\"");
        more.Html.ShouldNotContain(Fr("common.errors-title"));
        (await ParticipantCountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task BadReferrals_GetAClearMessage_AndCreateNothing()
    {
        using var worker = await factory.SignInAsync(Roles.Programme, Lille);
        var cases = new (string Name, (string, string)[] Fields, string Message)[]
        {
            ("script", Referral("<script>alert(1)</script>"), Fr("error.markup")),
            ("sql in service", Referral("Durand", changes: ("Input.Service", "'; DROP TABLE programme_participants; --<b>")), Fr("error.markup")),
            ("path in name", Referral("../../etc/passwd"), Fr("error.characters")),
            ("oversized", Referral(new string('A', 300)), Fr("error.too-long", 200)),
            ("future referral", Referral("Durand", referredDaysAgo: -3), Fr("programme.error.referral-date")),
            ("bad date", Referral("Durand", changes: ("Input.ReferredOn", "32/13/2025")), Fr("programme.error.date-format")),
            ("planned site", Referral("Durand", site: "SXB"), Fr("programme.error.site-not-open")),
            ("other site", Referral("Durand", site: "PAR"), Fr("programme.error.site-not-open")),
            ("panel source forged", Referral("Durand", changes: ("Input.Source", "Panel")), Fr("error.unknown-value")),
            ("numeric kind", Referral("Durand", changes: ("Input.Obligations[0].Kind", "1")), Fr("error.unknown-value")),
            ("obligation ends before start", Referral("Durand", changes: ("Input.Obligations[0].EndsOn", Iso(Today.AddDays(-400)))), Fr("programme.error.obligation-dates-invalid")),
            ("no obligation", Referral("Durand", changes: [("Input.Obligations[0].Kind", ""), ("Input.Obligations[0].Detail", ""), ("Input.Obligations[0].StartsOn", ""), ("Input.Obligations[0].EndsOn", ""), ("Input.Obligations[1].Kind", ""), ("Input.Obligations[1].StartsOn", "")]), Fr("programme.error.obligation-required")),
            ("birth year", Referral("Durand", changes: ("Input.BirthYear", "20x5")), Fr("programme.error.birth-year")),
        };
        var before = await ParticipantCountAsync();
        foreach (var (name, fields, message) in cases)
        {
            var answer = await worker.PostFormAsync("/programme/participants/new", "/programme/participants/new", fields);
            answer.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, $"{name}: {answer}");
            answer.Html.ShouldContain(message, customMessage: name);
            answer.Html.ShouldNotContain("<script>alert(1)</script>");
        }

        (await ParticipantCountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task ADuplicateReferral_IsRefused_AndNothingIsCreated()
    {
        using var worker = await factory.SignInAsync(Roles.Programme, Lille);
        await ReferAsync(worker, Referral("Lemaire"));
        var before = await ParticipantCountAsync();
        var again = await worker.PostFormAsync("/programme/participants/new", "/programme/participants/new", Referral("  LEMAIRE ", changes: ("Input.Source", "Court")));
        again.Status.ShouldBe(HttpStatusCode.Conflict, again.ToString());
        again.Html.ShouldContain(Fr("programme.error.duplicate", "Site de Lille"));
        (await ParticipantCountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task AParticipant_FromReferralToEndOfFollowUp_WithPlanEventsAndOutcomes()
    {
        using var worker = await factory.SignInAsync(Roles.Programme, Lille);
        var id = await ReferAsync(worker, Referral("Caron"));
        var enrolledOn = Today.AddDays(-280);

        // Window rules: end required, after start, at most 10 years.
        (await PostOnPageAsync(worker, id, "Enrol", ("Enrol.EnrolledOn", Iso(enrolledOn)), ("Enrol.EndsOn", ""))).Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var tooLong = await PostOnPageAsync(worker, id, "Enrol", ("Enrol.EnrolledOn", Iso(enrolledOn)), ("Enrol.EndsOn", Iso(enrolledOn.AddYears(11))));
        tooLong.Html.ShouldContain(Fr("programme.error.window-invalid", 10));
        (await PostOnPageAsync(worker, id, "Enrol", ("Enrol.EnrolledOn", Iso(enrolledOn)), ("Enrol.EndsOn", Iso(enrolledOn.AddDays(-1))))).Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await PostOnPageAsync(worker, id, "Enrol", ("Enrol.EnrolledOn", Iso(Today.AddDays(2))), ("Enrol.EndsOn", Iso(Today.AddYears(2))))).Html.ShouldContain(Fr("programme.error.date-out-of-range"));
        (await StoredAsync(id)).Status.ShouldBe(ParticipantStatus.Referred);

        var windowEnd = Today.AddDays(-10);
        (await PostOnPageAsync(worker, id, "Enrol", ("Enrol.EnrolledOn", Iso(enrolledOn)), ("Enrol.EndsOn", Iso(windowEnd)))).Redirects.ShouldBeTrue();
        var enrolled = await StoredAsync(id);
        enrolled.Status.ShouldBe(ParticipantStatus.Enrolled);
        enrolled.FollowUpStartsOn.ShouldBe(enrolledOn);
        enrolled.FollowUpEndsOn.ShouldBe(windowEnd);

        (await PostOnPageAsync(worker, id, "Component", ("Component.Kind", "Housing"), ("Component.Status", "Active"), ("Component.Provider", "Association Solidarité"), ("Component.StartedOn", Iso(enrolledOn)))).Redirects.ShouldBeTrue();
        (await PostOnPageAsync(worker, id, "Component", ("Component.Kind", "ReligiousCounsel"), ("Component.Status", "Planned"))).Redirects.ShouldBeTrue();
        (await PostOnPageAsync(worker, id, "Component", ("Component.Kind", "Employment"), ("Component.Status", "Completed"))).Html.ShouldContain(Fr("programme.error.component-dates-mismatch"));
        (await PostOnPageAsync(worker, id, "Event", ("Event.Kind", "Milestone"), ("Event.OccurredOn", Iso(enrolledOn.AddDays(30))), ("Event.Note", "Logement obtenu"))).Redirects.ShouldBeTrue();
        (await PostOnPageAsync(worker, id, "Event", ("Event.Kind", "Incident"), ("Event.OccurredOn", Iso(enrolledOn.AddDays(60))), ("Event.Note", "Absence"))).Redirects.ShouldBeTrue();

        // Dates: not in the future, not before the referral; outcomes after the window's end refused; offences need a category.
        (await PostOnPageAsync(worker, id, "Event", ("Event.Kind", "Incident"), ("Event.OccurredOn", Iso(Today.AddDays(1))))).Html.ShouldContain(Fr("programme.error.date-out-of-range"));
        (await PostOnPageAsync(worker, id, "Event", ("Event.Kind", "Incident"), ("Event.OccurredOn", Iso(Today.AddDays(-400))))).Html.ShouldContain(Fr("programme.error.date-out-of-range"));
        (await PostOnPageAsync(worker, id, "Event", ("Event.Kind", "NewOffence"), ("Event.OccurredOn", Iso(Today.AddDays(-2))), ("Event.Category", "Other"))).Html.ShouldContain(Fr("programme.error.outcome-after-window"));
        (await PostOnPageAsync(worker, id, "Event", ("Event.Kind", "NewOffence"), ("Event.OccurredOn", Iso(enrolledOn.AddDays(90))))).Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await PostOnPageAsync(worker, id, "Event", ("Event.Kind", "NewOffence"), ("Event.OccurredOn", Iso(enrolledOn.AddDays(90))), ("Event.Category", "Other"), ("Event.OffenceDetail", "stupéfiants"))).Redirects.ShouldBeTrue();
        (await PostOnPageAsync(worker, id, "Summary", ("Summary", "Bon investissement."))).Html.ShouldContain(Fr("programme.error.not-from-panel"));

        (await PostOnPageAsync(worker, id, "Event", ("Event.Kind", "EndOfFollowUp"), ("Event.OccurredOn", Iso(windowEnd)))).Redirects.ShouldBeTrue();
        var ended = await StoredAsync(id);
        ended.Status.ShouldBe(ParticipantStatus.Ended);
        ended.EndReason.ShouldBe(ParticipantEndReason.FollowUpCompleted);
        ended.EndedOn.ShouldBe(windowEnd);
        ended.RetainUntil.ShouldBe(windowEnd.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddDays(1826));
        var events = await factory.WithDbAsync(db => db.ParticipantEvents.IgnoreQueryFilters().Where(e => e.ParticipantId == id).ToListAsync());
        events.Select(e => e.Kind).Order().ShouldBe([ParticipantEventKind.Milestone, ParticipantEventKind.Incident, ParticipantEventKind.NewOffence, ParticipantEventKind.EndOfFollowUp]);
        events.Single(e => e.Kind == ParticipantEventKind.NewOffence).OffenceDetail.ShouldBe("stupéfiants");

        // Ended: read-only (forms gone, forged posts refused).
        var page = await worker.GetAsync($"/programme/participants/{id}");
        page.Html.ShouldContain(Fr("programme.read-only"));
        page.Html.ShouldNotContain("handler=Event");
        var forged = await worker.PostWithTokenAsync($"/programme/participants/{id}?handler=Event", WebSession.AntiForgeryToken(page), ("Version", ended.Version.ToString(CultureInfo.InvariantCulture)), ("Event.Kind", "Incident"), ("Event.OccurredOn", Iso(Today.AddDays(-1))));
        forged.Html.ShouldContain(Fr("programme.error.closed"));
        (await factory.WithDbAsync(db => db.ParticipantEvents.IgnoreQueryFilters().CountAsync(e => e.ParticipantId == id))).ShouldBe(4);
    }

    [Fact]
    public async Task AStaleVersion_ChangesNothing_AndSaysSo()
    {
        using var worker = await factory.SignInAsync(Roles.Programme, Lille);
        var id = await ReferAsync(worker, Referral("Morel"));
        var page = await worker.GetAsync($"/programme/participants/{id}");
        var token = WebSession.AntiForgeryToken(page);
        var version = WebSession.Hidden(page, "Version");
        (await worker.PostWithTokenAsync($"/programme/participants/{id}?handler=Event", token, ("Version", version), ("Event.Kind", "Milestone"), ("Event.OccurredOn", Iso(Today.AddDays(-5))))).Redirects.ShouldBeTrue();
        var stale = await worker.PostWithTokenAsync($"/programme/participants/{id}?handler=Enrol", token, ("Version", version), ("Enrol.EnrolledOn", Iso(Today.AddDays(-3))), ("Enrol.EndsOn", Iso(Today.AddYears(2))));
        stale.Status.ShouldBe(HttpStatusCode.Conflict);
        stale.Html.ShouldContain(Fr("programme.conflict"));
        var missing = await worker.PostWithTokenAsync($"/programme/participants/{id}?handler=Enrol", token, ("Version", "abc"), ("Enrol.EnrolledOn", Iso(Today.AddDays(-3))), ("Enrol.EndsOn", Iso(Today.AddYears(2))));
        missing.Status.ShouldBe(HttpStatusCode.Conflict);
        (await StoredAsync(id)).Status.ShouldBe(ParticipantStatus.Referred);
    }

    [Fact]
    public async Task Enrolment_IsRefused_AtASiteAtCapacity_AndAtAPlannedSite()
    {
        await factory.WithDbAsync(async db =>
        {
            await db.ProgrammeSites.Where(s => s.Code == "MRS").ExecuteUpdateAsync(s => s.SetProperty(x => x.Capacity, 1));
        });
        var first = await InsertAsync("MRS", "Premier");
        var second = await InsertAsync("MRS", "Second");
        await factory.WithDbAsync(async db => db.CourtObligations.AddRange(
            new CourtObligation { ParticipantId = first, TerritoryCode = "13", Kind = ObligationKind.Residence, StartsOn = Today.AddDays(-300) },
            new CourtObligation { ParticipantId = second, TerritoryCode = "13", Kind = ObligationKind.Residence, StartsOn = Today.AddDays(-300) }));
        using var marseille = await factory.SignInAsync(Roles.Programme, "13");
        (await PostOnPageAsync(marseille, first, "Enrol", ("Enrol.EnrolledOn", Iso(Today.AddDays(-10))), ("Enrol.EndsOn", Iso(Today.AddYears(2))))).Redirects.ShouldBeTrue();
        var full = await PostOnPageAsync(marseille, second, "Enrol", ("Enrol.EnrolledOn", Iso(Today.AddDays(-10))), ("Enrol.EndsOn", Iso(Today.AddYears(2))));
        full.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        full.Html.ShouldContain(Fr("programme.error.site-full", 1));
        (await StoredAsync(second)).Status.ShouldBe(ParticipantStatus.Referred);

        var planned = await InsertAsync("NCE", "Niçois");
        using var nice = await factory.SignInAsync(Roles.Programme, "06");
        var page = await nice.GetAsync($"/programme/participants/{planned}");
        page.Html.ShouldContain(Fr("programme.error.site-planned"));
        var forged = await nice.PostWithTokenAsync($"/programme/participants/{planned}?handler=Enrol", WebSession.AntiForgeryToken(page), ("Version", "0"), ("Enrol.EnrolledOn", Iso(Today.AddDays(-10))), ("Enrol.EndsOn", Iso(Today.AddYears(2))));
        forged.Html.ShouldContain(Fr("programme.error.site-planned"));
        (await StoredAsync(planned)).Status.ShouldBe(ParticipantStatus.Referred);
        (await nice.GetAsync("/programme/participants/new")).Html.ShouldContain(Fr("programme.new.no-open-site"));
    }

    [Fact]
    public async Task APanelReferral_ShowsItsPanel_NeedsJudicialDetailsBeforeEnrolment_AndKeepsItsSummaryWritableAfterTheEnd()
    {
        var id = await InsertAsync("LIL", "Depanel", ReferralSource.Panel);
        using var worker = await factory.SignInAsync(Roles.Programme, Lille);
        var page = await worker.GetAsync($"/programme/participants/{id}");
        page.Html.ShouldContain(Fr("programme.from-panel", "GED 59"));
        page.Html.ShouldContain(Fr("programme.judicial-details-needed"));
        (await PostOnPageAsync(worker, id, "Enrol", ("Enrol.EnrolledOn", Iso(Today.AddDays(-200))), ("Enrol.EndsOn", Iso(Today.AddDays(-5))))).Html.ShouldContain(Fr("programme.error.judicial-details-required"));
        (await PostOnPageAsync(worker, id, "Obligation", ("Obligation.Kind", "CareOrder"), ("Obligation.StartsOn", Iso(Today.AddDays(-250))))).Redirects.ShouldBeTrue();
        (await PostOnPageAsync(worker, id, "Enrol", ("Enrol.EnrolledOn", Iso(Today.AddDays(-200))), ("Enrol.EndsOn", Iso(Today.AddDays(-5))))).Redirects.ShouldBeTrue();
        (await PostOnPageAsync(worker, id, "Event", ("Event.Kind", "ReturnToPrison"), ("Event.OccurredOn", Iso(Today.AddDays(-20))))).Redirects.ShouldBeTrue();
        var ended = await StoredAsync(id);
        ended.Status.ShouldBe(ParticipantStatus.Ended);
        ended.EndReason.ShouldBe(ParticipantEndReason.ReturnToPrison);
        (await PostOnPageAsync(worker, id, "Summary", ("Summary", new string('x', 501)))).Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await PostOnPageAsync(worker, id, "Summary", ("Summary", "Participation terminée par un retour en détention."))).Redirects.ShouldBeTrue();
        (await StoredAsync(id)).PanelSummary.ShouldBe("Participation terminée par un retour en détention.");
    }

    [Fact]
    public async Task AnotherSitesWorker_GetsNothing_PagesApiOrForgedPosts()
    {
        using var lille = await factory.SignInAsync(Roles.Programme, Lille);
        var id = await ReferAsync(lille, Referral("Secret-Lillois"));
        var parisUser = await factory.PageUserAsync(Roles.Programme, Paris);
        using var paris = await factory.SignInAsync(parisUser);
        (await paris.GetAsync("/programme")).Html.ShouldNotContain("Secret-Lillois");
        (await paris.GetAsync("/programme?status=referred")).Html.ShouldNotContain("Secret-Lillois");
        (await paris.GetAsync($"/programme/participants/{id}")).Status.ShouldBe(HttpStatusCode.NotFound);
        var own = await paris.GetAsync("/programme/participants/new");
        foreach (var handler in new[] { "Enrol", "Event", "Component", "Obligation", "NotEnrolled", "Summary" })
        {
            var forged = await paris.PostWithTokenAsync($"/programme/participants/{id}?handler={handler}", WebSession.AntiForgeryToken(own), ("Version", "0"), ("Enrol.EnrolledOn", Iso(Today.AddDays(-3))), ("Enrol.EndsOn", Iso(Today.AddYears(1))), ("Event.Kind", "Incident"), ("Event.OccurredOn", Iso(Today)), ("NotEnrolled.On", Iso(Today)), ("NotEnrolled.Reason", "x"));
            forged.Status.ShouldBe(HttpStatusCode.NotFound, handler);
        }

        (await StoredAsync(id)).Version.ShouldBe(0);
        using var api = factory.ClientWithToken(parisUser.Token);
        (await api.GetAsync(new Uri($"/api/v1/programme/participants/{id}", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var list = await api.GetStringAsync(new Uri("/api/v1/programme/participants?pageSize=100", UriKind.Relative));
        list.ShouldNotContain("Secret-Lillois");
        list.ShouldNotContain(id.ToString());
    }

    [Fact]
    public async Task TheApi_ListsAndReadsTheSitesParticipants_Audited_AndRefusesBadInput()
    {
        using var lille = await factory.SignInAsync(Roles.Programme, Lille);
        var id = await ReferAsync(lille, Referral("Apiste"));
        var user = await factory.PageUserAsync(Roles.Programme, Lille);
        using var api = factory.ClientWithToken(user.Token);
        var list = JsonNode.Parse(await api.GetStringAsync(new Uri("/api/v1/programme/participants?status=Referred&pageSize=100", UriKind.Relative)))!;
        list["items"]!.AsArray().Select(i => i!["id"]!.GetValue<Guid>()).ShouldContain(id);
        list["items"]!.AsArray().ShouldAllBe(i => i!["status"]!.GetValue<string>() == "Referred");
        var one = JsonNode.Parse(await api.GetStringAsync(new Uri($"/api/v1/programme/participants/{id}", UriKind.Relative)))!;
        one["surname"]!.GetValue<string>().ShouldBe("Apiste");
        one["obligations"]!.AsArray().Count.ShouldBe(2);
        (await factory.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == "programme-participant.read" && e.ObjectId == id.ToString() && e.Reason == "api"))).ShouldBe(1);
        foreach (var bad in new[] { "?status=1", "?status=<script>", "?page=0", "?pageSize=1000", "?status='%3B DROP TABLE x" })
        {
            (await api.GetAsync(new Uri("/api/v1/programme/participants" + bad, UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.BadRequest, bad);
        }
    }

    [Theory]
    [InlineData(Roles.Care, "59")]
    [InlineData(Roles.Clinician, "59")]
    [InlineData(Roles.Ged, "59")]
    [InlineData(Roles.GedChair, "59")]
    [InlineData(Roles.Hotline, "national")]
    [InlineData(Roles.Analyst, "national")]
    [InlineData(Roles.Admin, "national")]
    public async Task OtherRoles_GetNothingFromTheProgramme(string role, string territories)
    {
        var id = await InsertAsync("LIL", "Cloisonne");
        var user = await factory.PageUserAsync(role, territories);
        using var session = await factory.SignInAsync(user);
        foreach (var url in new[] { "/programme", "/programme/participants/new", $"/programme/participants/{id}" })
        {
            var page = await session.GetAsync(url);
            page.Status.ShouldNotBe(HttpStatusCode.OK, url);
            page.Html.ShouldNotContain("Cloisonne");
            if (page.Redirects)
            {
                page.Location.ShouldNotBeNull().ShouldContain("/Account/AccessDenied", Case.Insensitive);
            }
        }

        using var api = factory.ClientWithToken(user.Token);
        (await api.GetAsync(new Uri("/api/v1/programme/participants", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await api.GetAsync(new Uri($"/api/v1/programme/participants/{id}", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await StoredAsync(id)).Version.ShouldBe(0);
    }

    [Fact]
    public async Task AProgrammeWorker_GetsNothingFromTheRegisterCasesOrCare()
    {
        using var worker = await factory.SignInAsync(Roles.Programme, Lille);
        foreach (var url in new[] { "/register", $"/cases/{Guid.NewGuid()}", "/care", "/family-referrals", "/panel" })
        {
            var page = await worker.GetAsync(url);
            page.Status.ShouldNotBe(HttpStatusCode.OK, url);
        }

        var user = await factory.PageUserAsync(Roles.Programme, Lille);
        using var api = factory.ClientWithToken(user.Token);
        (await api.GetAsync(new Uri("/api/v1/persons", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task EndedParticipants_ArePurgedWithTheirRecords_AfterTheirDeadline()
    {
        var due = await InsertAsync("LYS", "Purgeable", referredDaysAgo: 3000);
        var kept = await InsertAsync("LYS", "Gardé", referredDaysAgo: 3000);
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        await factory.WithDbAsync(async db =>
        {
            foreach (var (id, until) in new[] { (due, now.AddDays(-1)), (kept, now.AddDays(30)) })
            {
                var p = await db.ProgrammeParticipants.SingleAsync(x => x.Id == id);
                p.Status = ParticipantStatus.Ended;
                p.RetainUntil = until;
                db.CourtObligations.Add(new CourtObligation { ParticipantId = id, TerritoryCode = "69", Kind = ObligationKind.Reporting, StartsOn = Today.AddDays(-2900) });
                db.PlanComponents.Add(new PlanComponent { ParticipantId = id, TerritoryCode = "69", Kind = ComponentKind.Housing });
                db.ParticipantEvents.Add(new ParticipantEvent { ParticipantId = id, TerritoryCode = "69", SiteCode = "LYS", Kind = ParticipantEventKind.EndOfFollowUp, OccurredOn = Today.AddDays(-1900), RecordedById = "test", RecordedAt = now });
            }

            await db.SaveChangesAsync();
        });

        var results = await factory.AsSystemAsync(services => services.GetRequiredService<RetentionJob>().RunAsync("test", CancellationToken.None));
        results.Single(r => r.Rule == RetentionJob.EndedParticipants).Deleted.ShouldBe(1);
        await factory.WithDbAsync(async db =>
        {
            (await db.ProgrammeParticipants.AnyAsync(p => p.Id == due)).ShouldBeFalse();
            (await db.CourtObligations.AnyAsync(o => o.ParticipantId == due)).ShouldBeFalse();
            (await db.PlanComponents.AnyAsync(c => c.ParticipantId == due)).ShouldBeFalse();
            (await db.ParticipantEvents.AnyAsync(e => e.ParticipantId == due)).ShouldBeFalse();
            (await db.ProgrammeParticipants.AnyAsync(p => p.Id == kept)).ShouldBeTrue();
            (await db.ParticipantEvents.AnyAsync(e => e.ParticipantId == kept)).ShouldBeTrue();
            var run = await db.RetentionRuns.SingleAsync(r => r.Rule == RetentionJob.EndedParticipants);
            run.DeletedIds.ShouldBe(due.ToString());
            (await db.AuditEvents.AnyAsync(e => e.Action == "retention.purged" && e.ObjectType == RetentionJob.EndedParticipants)).ShouldBeTrue();
        });
    }
}
