using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Security;
using Passerelle.Web.Tests.Infrastructure;
using Passerelle.Web.Tests.Pages;
using static Passerelle.Web.Tests.Infrastructure.PageKit;
using Case = Shouldly.Case;

namespace Passerelle.Web.Tests.Minors;

/// <summary>
/// The returning minors' protocol: the panel of the territory opens it on a minor's case, edits it, records the
/// mandatory reviews and ends it; clinicians see only its label and write health notes the panel never reads; other
/// territories and roles get nothing; bad input on every form is refused with a message and changes nothing.
/// </summary>
public sealed class MinorsPagesTests(PasserelleFactory factory) : IClassFixture<PasserelleFactory>
{
    private DateOnly Today => factory.Today();

    private static string Iso(DateOnly d) => PanelSeed.Iso(d);

    [Fact]
    public async Task ThePanel_OpensTheProtocol_OnAMinorsCase_FirstReviewAfterTheInterval_OnTheTimeline_Audited()
    {
        var child = await factory.CaseAsync("59", factory.BornYearsAgo(10));
        using var ged = await factory.SignInAsync(Roles.Ged, "59");
        var form = await ged.GetAsync($"/minors/new?caseId={child.CaseId}");
        form.Status.ShouldBe(HttpStatusCode.OK, form.ToString());
        WebSession.Hidden(form, "Input.Version").ShouldBe("0");
        form.Html.ShouldContain("name=\"Input.ReviewIntervalMonths\" value=\"3\"");

        var returned = Today.AddDays(-20);
        var done = await ged.PostWithTokenAsync($"/minors/new?caseId={child.CaseId}", WebSession.AntiForgeryToken(form), MinorsKit.Fields(Iso(returned)));
        done.Redirects.ShouldBeTrue(done.ToString());
        var stored = (await factory.ProtocolOfAsync(child.CaseId)).ShouldNotBeNull();
        done.Location.ShouldBe($"/minors/{stored.Id}");
        stored.TerritoryCode.ShouldBe("59");
        stored.ReviewIntervalMonths.ShouldBe(3);
        stored.NextReviewOn.ShouldBe(Today.AddMonths(3), "the opening day is later than the return: the first review counts from it");
        stored.Measure.ShouldBe(ProtectionMeasure.Placement);
        stored.PersonLabel.ShouldContain(child.Surname.ToUpperInvariant());
        (await factory.WithDbAsync(db => db.CaseEvents.AnyAsync(e => e.CaseId == child.CaseId && e.Detail == "minors.opened"))).ShouldBeTrue();
        (await factory.AuditCountAsync("minor.opened", stored.Id)).ShouldBe(1);

        var page = await ged.GetAsync($"/minors/{stored.Id}");
        page.Status.ShouldBe(HttpStatusCode.OK);
        page.Html.ShouldContain("GARDE-SECRETE");
        page.Html.ShouldContain("PLAN-SECRET");
        (await factory.AuditCountAsync("minor.read", stored.Id)).ShouldBeGreaterThan(0);
        var list = await ged.GetAsync("/minors");
        list.Html.ShouldContain($"/minors/{stored.Id}");
        list.Html.ShouldNotContain("GARDE-SECRETE");
    }

    [Fact]
    public async Task ThePanel_RecordsAReview_ThenEditsAndEnds_TheProtocol_EachVersionChecked()
    {
        var child = await factory.CaseAsync("59", factory.BornYearsAgo(12));
        using var ged = await factory.SignInAsync(Roles.Ged, "59");
        var id = await factory.OpenAsync(ged, child);
        var page = await ged.GetAsync($"/minors/{id}");
        var token = WebSession.AntiForgeryToken(page);

        var review = await ged.PostWithTokenAsync($"/minors/{id}?handler=Review", token,
            ("Review.Version", "0"), ("Review.HeldOn", Iso(Today)), ("Review.Attendees", "ASE, Éducation nationale"), ("Review.Summary", "Scolarité régulière."), ("Review.NextReviewOn", ""));
        review.Redirects.ShouldBeTrue(review.ToString());
        var after = await factory.ProtocolAsync(id);
        after.NextReviewOn.ShouldBe(Today.AddMonths(3), "an empty next review defaults to the review's date plus the interval");
        after.Version.ShouldBe(1);
        (await factory.WithDbAsync(db => db.MinorReviews.CountAsync(r => r.MinorId == id))).ShouldBe(1);
        (await factory.WithDbAsync(db => db.CaseEvents.AnyAsync(e => e.CaseId == child.CaseId && e.Detail == "minors.reviewed"))).ShouldBeTrue();
        (await ged.GetAsync($"/minors/{id}")).Html.ShouldContain(Html("Scolarité régulière."));

        var stale = await ged.PostWithTokenAsync($"/minors/{id}?handler=Edit", token, MinorsKit.Fields(Iso(Today.AddDays(-20)), ("Input.Guardianship", "Changement perdu"), ("Input.Version", "0")));
        stale.Status.ShouldBe(HttpStatusCode.Conflict, stale.ToString());
        stale.Html.ShouldContain(Fr("minors.error.stale"));
        (await factory.ProtocolAsync(id)).Guardianship.ShouldNotBe("Changement perdu");

        var edited = await ged.PostWithTokenAsync($"/minors/{id}?handler=Edit", token, MinorsKit.Fields(Iso(Today.AddDays(-20)), ("Input.Guardianship", "Oncle paternel"), ("Input.Version", "1")));
        edited.Redirects.ShouldBeTrue(edited.ToString());
        (await factory.ProtocolAsync(id)).Guardianship.ShouldBe("Oncle paternel");
        (await factory.AuditCountAsync("minor.updated", id)).ShouldBe(1);

        var staleEnd = await ged.PostWithTokenAsync($"/minors/{id}?handler=End", token, ("End.Version", "1"), ("End.EndedOn", Iso(Today)), ("End.Reason", "measure-lifted"));
        staleEnd.Status.ShouldBe(HttpStatusCode.Conflict);
        var ended = await ged.PostWithTokenAsync($"/minors/{id}?handler=End", token, ("End.Version", "2"), ("End.EndedOn", Iso(Today)), ("End.Reason", "measure-lifted"));
        ended.Redirects.ShouldBeTrue(ended.ToString());
        var final = await factory.ProtocolAsync(id);
        final.Status.ShouldBe(MinorProtocolStatus.Ended);
        final.EndReason.ShouldBe("measure-lifted");
        var list = await ged.GetAsync("/minors?ended=1");
        list.Html.ShouldContain(Fr("minors.end.measure-lifted"));

        var afterEnd = await ged.PostWithTokenAsync($"/minors/{id}?handler=Review", token,
            ("Review.Version", "3"), ("Review.HeldOn", Iso(Today)), ("Review.Attendees", "ASE"), ("Review.Summary", "Trop tard."), ("Review.NextReviewOn", ""));
        afterEnd.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        afterEnd.Html.ShouldContain(Fr("minors.error.not-active"));
        (await factory.WithDbAsync(db => db.MinorReviews.CountAsync(r => r.MinorId == id))).ShouldBe(1);
    }

    [Fact]
    public async Task Opening_IsRefused_ForAnAdult_AnUnknownBirth_ASecondProtocol_AndAClosedCase_NothingStored()
    {
        using var ged = await factory.SignInAsync(Roles.Ged, "59");
        var adult = await factory.CaseAsync("59", new PartialDate(2001, 4, 12));
        var url = $"/minors/new?caseId={adult.CaseId}";
        var refused = await ged.PostFormAsync(url, url, MinorsKit.Fields(Iso(Today.AddDays(-5))));
        refused.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, refused.ToString());
        refused.Html.ShouldContain(Fr("minors.error.not-minor", "2001-04-12"));
        (await factory.ProtocolOfAsync(adult.CaseId)).ShouldBeNull();

        // A child who turned 18 last month was a minor when she came back two years ago.
        var turned = await factory.CaseAsync("59", factory.BornYearsAgo(18));
        (await factory.OpenAsync(ged, turned, Iso(Today.AddYears(-2)))).ShouldNotBe(Guid.Empty);
        // A year of birth alone: read at its latest possible day.
        var yearOnly = await factory.CaseAsync("59", new PartialDate(Today.Year - 18));
        (await factory.OpenAsync(ged, yearOnly, Iso(new DateOnly(Today.Year, 1, 1).AddDays(-1)))).ShouldNotBe(Guid.Empty);

        var unknown = await factory.CaseAsync("59", null);
        var blocked = await ged.GetAsync($"/minors/new?caseId={unknown.CaseId}");
        blocked.Html.ShouldContain(Fr("minors.error.birth-unknown"));
        var forced = await ged.PostWithTokenAsync($"/minors/new?caseId={unknown.CaseId}", WebSession.AntiForgeryToken(await ged.GetAsync($"/minors/new?caseId={turned.CaseId}")), MinorsKit.Fields(Iso(Today)));
        forced.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await factory.ProtocolOfAsync(unknown.CaseId)).ShouldBeNull();

        var twice = await ged.PostFormAsync($"/minors/new?caseId={turned.CaseId}", "/minors", MinorsKit.Fields(Iso(Today)));
        twice.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        twice.Html.ShouldContain(Fr("minors.error.duplicate"));
        (await factory.WithDbAsync(db => db.ReturningMinors.CountAsync(m => m.CaseId == turned.CaseId))).ShouldBe(1);
        (await ged.GetAsync($"/minors/new?caseId={turned.CaseId}")).Html.ShouldContain(Fr("minors.open-existing"));

        var closed = await factory.CaseAsync("59", factory.BornYearsAgo(8));
        await PanelCaseData.DecideAsync(factory, closed.CaseId, DecisionType.Close, "Inquiétude levée.", closure: ClosureReason.NotConfirmed);
        var onClosed = await ged.PostFormAsync($"/minors/new?caseId={closed.CaseId}", "/minors", MinorsKit.Fields(Iso(Today)));
        onClosed.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        onClosed.Html.ShouldContain(Fr("minors.error.case-closed"));
        (await factory.ProtocolOfAsync(closed.CaseId)).ShouldBeNull();

        var moving = await factory.CaseAsync("59", factory.BornYearsAgo(8));
        await PanelCaseData.DecideAsync(factory, moving.CaseId, DecisionType.KeepFollowed, "Suivi.");
        await PanelCaseData.RequestTransferAsync(factory, moving.CaseId, "62");
        var inTransfer = await ged.PostFormAsync($"/minors/new?caseId={moving.CaseId}", "/minors", MinorsKit.Fields(Iso(Today)));
        inTransfer.Html.ShouldContain(Fr("minors.error.case-in-transfer"));
        (await factory.ProtocolOfAsync(moving.CaseId)).ShouldBeNull();
    }

    [Theory]
    [InlineData("Input.Guardianship", "<script>alert(1)</script>", "error.markup")]
    [InlineData("Input.Measure", "'; DROP TABLE returning_minors; --", "minors.error.choice")]
    [InlineData("Input.Schooling", "../../etc/passwd", "minors.error.choice")]
    [InlineData("Input.ReturnedOn", "../../etc/passwd", "minors.error.date-format")]
    [InlineData("Input.ReturnedOn", "2011-12-31", "minors.error.returned-range")]
    [InlineData("Input.ReturnedOn", "", "minors.error.required")]
    [InlineData("Input.ReviewIntervalMonths", "9", "minors.error.interval")]
    [InlineData("Input.ReviewIntervalMonths", "0", "minors.error.interval")]
    [InlineData("Input.HealthAssessment", "Done", "minors.error.health-date")]
    [InlineData("Input.Measure", "Other", "minors.error.measure-detail")]
    [InlineData("Input.MeasureOrderedOn", "2099-01-01", "minors.error.past-date")]
    public async Task TheOpeningForm_RefusesBadInput_WithAMessage_AndStoresNothing(string field, string value, string key)
    {
        var child = await factory.CaseAsync("59", factory.BornYearsAgo(7));
        using var ged = await factory.SignInAsync(Roles.Ged, "59");
        var overrides = field == "Input.Measure" && value == "Other" ? new[] { (field, value), ("Input.MeasureDetail", "") } : [(field, value)];
        var url = $"/minors/new?caseId={child.CaseId}";
        var refused = await ged.PostFormAsync(url, url, MinorsKit.Fields(Iso(Today.AddDays(-3)), overrides));
        refused.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, refused.ToString());
        var message = key.StartsWith("minors.error.returned-range", StringComparison.Ordinal) || key == "minors.error.interval" ? null : Fr(key);
        if (message is not null)
        {
            refused.Html.ShouldContain(message);
        }

        refused.Html.ShouldContain("fr-error-text");
        refused.Html.ShouldNotContain("<script>alert(1)</script>");
        (await factory.ProtocolOfAsync(child.CaseId)).ShouldBeNull();
    }

    [Fact]
    public async Task TheOpeningForm_RefusesOversizedText_AndAFutureReturnBeyondSixMonths()
    {
        var child = await factory.CaseAsync("59", factory.BornYearsAgo(7));
        using var ged = await factory.SignInAsync(Roles.Ged, "59");
        var url = $"/minors/new?caseId={child.CaseId}";
        var big = await ged.PostFormAsync(url, url, MinorsKit.Fields(Iso(Today), ("Input.MultiAgencyPlan", new string('x', ReturningMinor.MaxTextLength + 1)), ("Input.HealthSummary", new string('y', 301))));
        big.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        big.Html.ShouldContain(Fr("error.too-long", ReturningMinor.MaxTextLength));
        big.Html.ShouldContain(Fr("error.too-long", ReturningMinor.MaxShortLength));
        var future = await ged.PostFormAsync(url, url, MinorsKit.Fields(Iso(Today.AddMonths(7))));
        future.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await factory.ProtocolOfAsync(child.CaseId)).ShouldBeNull();
    }

    [Fact]
    public async Task TheReviewAndEndForms_RefuseBadInput_AndChangeNothing()
    {
        var child = await factory.CaseAsync("59", factory.BornYearsAgo(11));
        using var ged = await factory.SignInAsync(Roles.Ged, "59");
        var id = await factory.OpenAsync(ged, child);
        var token = WebSession.AntiForgeryToken(await ged.GetAsync($"/minors/{id}"));
        var before = await factory.ProtocolAsync(id);

        (string HeldOn, string Attendees, string Summary, string Next, string Key)[] cases =
        [
            (Iso(Today.AddDays(1)), "ASE", "Revue.", "", "minors.error.date-in-future"),
            (Iso(Today.AddDays(-400)), "ASE", "Revue.", "", "minors.error.date-before-opening"),
            (Iso(Today), "ASE", "Revue.", Iso(Today.AddMonths(13)), "minors.error.next-review-too-far"),
            (Iso(Today), "ASE", "Revue.", Iso(Today), "minors.error.next-review-not-future"),
            (Iso(Today), "", "Revue.", "", "minors.error.required"),
            (Iso(Today), "ASE", "<script>alert(1)</script>", "", "error.markup"),
            (Iso(Today), new string('a', 301), "Revue.", "", "error.too-long"),
            ("'; DROP TABLE minor_reviews; --", "ASE", "Revue.", "", "minors.error.date-format"),
        ];
        foreach (var c in cases)
        {
            var refused = await ged.PostWithTokenAsync($"/minors/{id}?handler=Review", token,
                ("Review.Version", "0"), ("Review.HeldOn", c.HeldOn), ("Review.Attendees", c.Attendees), ("Review.Summary", c.Summary), ("Review.NextReviewOn", c.Next));
            refused.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, c.Key);
            if (c.Key != "error.too-long")
            {
                refused.Html.ShouldContain(c.Key == "minors.error.next-review-too-far" ? Fr(c.Key, 12) : Fr(c.Key), Case.Sensitive, c.Key);
            }

            refused.Html.ShouldNotContain("<script>alert(1)</script>");
        }

        var stale = await ged.PostWithTokenAsync($"/minors/{id}?handler=Review", token,
            ("Review.Version", "5"), ("Review.HeldOn", Iso(Today)), ("Review.Attendees", "ASE"), ("Review.Summary", "Revue."), ("Review.NextReviewOn", ""));
        stale.Status.ShouldBe(HttpStatusCode.Conflict);

        foreach (var (reason, detail, key) in new[] { ("", "", "minors.error.end-reason"), ("../../etc/passwd", "", "minors.error.end-reason"), ("other", "", "minors.error.end-detail"), ("other", "<script>x</script>", "error.markup") })
        {
            var refused = await ged.PostWithTokenAsync($"/minors/{id}?handler=End", token, ("End.Version", "0"), ("End.EndedOn", Iso(Today)), ("End.Reason", reason), ("End.Detail", detail));
            refused.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, key);
            refused.Html.ShouldContain(Fr(key));
        }

        var futureEnd = await ged.PostWithTokenAsync($"/minors/{id}?handler=End", token, ("End.Version", "0"), ("End.EndedOn", Iso(Today.AddDays(2))), ("End.Reason", "reached-majority"));
        futureEnd.Html.ShouldContain(Fr("minors.error.date-in-future"));

        var after = await factory.ProtocolAsync(id);
        after.Version.ShouldBe(before.Version);
        after.Status.ShouldBe(MinorProtocolStatus.Active);
        after.NextReviewOn.ShouldBe(before.NextReviewOn);
        (await factory.WithDbAsync(db => db.MinorReviews.CountAsync(r => r.MinorId == id))).ShouldBe(0);
    }

    [Fact]
    public async Task AnotherTerritorysPanel_GetsNothing_PagesApiOrForgedPosts()
    {
        var child = await factory.CaseAsync("59", factory.BornYearsAgo(9));
        using var ged59 = await factory.SignInAsync(Roles.Ged, "59");
        var id = await factory.OpenAsync(ged59, child);
        var before = await factory.ProtocolAsync(id);

        using var ged75 = await factory.SignInAsync(Roles.GedChair, "75");
        var list = await ged75.GetAsync("/minors");
        list.Status.ShouldBe(HttpStatusCode.OK);
        list.Html.ShouldNotContain(id.ToString());
        list.Html.ShouldNotContain(child.Surname, Case.Insensitive);
        (await ged75.GetAsync($"/minors/{id}")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await ged75.GetAsync($"/minors/new?caseId={child.CaseId}")).Status.ShouldBe(HttpStatusCode.NotFound);
        var token = WebSession.AntiForgeryToken(list);
        (await ged75.PostWithTokenAsync($"/minors/{id}?handler=Review", token, ("Review.Version", "0"), ("Review.HeldOn", Iso(Today)), ("Review.Attendees", "ASE"), ("Review.Summary", "Forgée."), ("Review.NextReviewOn", "")))
            .Status.ShouldBe(HttpStatusCode.NotFound);
        (await ged75.PostWithTokenAsync($"/minors/{id}?handler=Edit", token, MinorsKit.Fields(Iso(Today), ("Input.Guardianship", "Forgée"))))
            .Status.ShouldBe(HttpStatusCode.NotFound);
        (await ged75.PostWithTokenAsync($"/minors/{id}?handler=End", token, ("End.Version", "0"), ("End.EndedOn", Iso(Today)), ("End.Reason", "left-territory")))
            .Status.ShouldBe(HttpStatusCode.NotFound);
        (await ged75.PostWithTokenAsync($"/minors/new?caseId={child.CaseId}", token, MinorsKit.Fields(Iso(Today))))
            .Status.ShouldBe(HttpStatusCode.NotFound);
        var panel = await ged75.GetAsync("/panel");
        panel.Html.ShouldNotContain(child.Surname.ToUpperInvariant());

        var user75 = await factory.PageUserAsync(Roles.GedChair, "75");
        using var api = factory.ClientWithToken(user75.Token);
        var due = await api.GetStringAsync(new Uri("/api/v1/minors/due", UriKind.Relative));
        due.ShouldNotContain(id.ToString());

        var after = await factory.ProtocolAsync(id);
        after.Version.ShouldBe(before.Version);
        after.Status.ShouldBe(MinorProtocolStatus.Active);
        (await factory.WithDbAsync(db => db.MinorReviews.CountAsync(r => r.MinorId == id))).ShouldBe(0);
    }

    [Theory]
    [InlineData(Roles.Care, "59")]
    [InlineData(Roles.Programme, "59")]
    [InlineData(Roles.Hotline, AccessScope.NationalValue)]
    [InlineData(Roles.Analyst, AccessScope.NationalValue)]
    [InlineData(Roles.Admin, AccessScope.NationalValue)]
    [InlineData(Roles.Assessor, "59")]
    public async Task OtherRoles_GetNothing(string role, string territory)
    {
        var child = await factory.CaseAsync("59", factory.BornYearsAgo(9));
        using var ged = await factory.SignInAsync(Roles.Ged, "59");
        var id = await factory.OpenAsync(ged, child);

        using var session = await factory.SignInAsync(role, territory);
        foreach (var url in new[] { "/minors", $"/minors/{id}", $"/minors/new?caseId={child.CaseId}", $"/minors/{id}/health-notes" })
        {
            var page = await session.GetAsync(url);
            RetentionTests.Refused(page);
            page.Html.ShouldNotContain(child.Surname, Case.Insensitive);
        }

        var user = await factory.PageUserAsync(role, territory);
        using var api = factory.ClientWithToken(user.Token);
        var response = await api.GetAsync(new Uri("/api/v1/minors/due", UriKind.Relative));
        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await response.Content.ReadAsStringAsync()).ShouldNotContain(child.Surname, Case.Insensitive);
    }

    [Fact]
    public async Task AClinician_SeesTheLabelOnly_WritesHealthNotes_TheyNeverReachThePanel()
    {
        var child = await factory.CaseAsync("59", factory.BornYearsAgo(6));
        using var ged = await factory.SignInAsync(Roles.Ged, "59");
        var id = await factory.OpenAsync(ged, child);

        using var clinician = await factory.SignInAsync(Roles.Clinician, "59");
        var list = await clinician.GetAsync("/minors");
        list.Status.ShouldBe(HttpStatusCode.OK, list.ToString());
        list.Html.ShouldContain(child.Surname.ToUpperInvariant());
        list.Html.ShouldContain($"/minors/{id}/health-notes");
        list.Html.ShouldNotContain($"href=\"/minors/{id}\"");
        foreach (var secret in new[] { "GARDE-SECRETE", "FAMILLE-SECRETE", "PLAN-SECRET", "Juge des enfants" })
        {
            list.Html.ShouldNotContain(secret);
        }

        RetentionTests.Refused(await clinician.GetAsync($"/minors/{id}"));
        var token = WebSession.AntiForgeryToken(list);
        RetentionTests.Refused(await clinician.PostWithTokenAsync($"/minors/{id}?handler=Review", token, ("Review.Version", "0"), ("Review.HeldOn", Iso(Today)), ("Review.Attendees", "CMP"), ("Review.Summary", "Essai."), ("Review.NextReviewOn", "")));
        RetentionTests.Refused(await clinician.PostWithTokenAsync($"/minors/{id}?handler=Edit", token, MinorsKit.Fields(Iso(Today))));
        (await factory.WithDbAsync(db => db.MinorReviews.CountAsync(r => r.MinorId == id))).ShouldBe(0);

        var notes = await clinician.GetAsync($"/minors/{id}/health-notes");
        notes.Status.ShouldBe(HttpStatusCode.OK);
        notes.Html.ShouldContain(Fr("minors.notes-empty"));
        notes.Html.ShouldNotContain("GARDE-SECRETE");
        foreach (var (text, key) in new[] { ("", "minors.error.required"), ("<script>alert(1)</script>", "error.markup"), (new string('n', HealthNote.MaxTextLength + 1), "error.too-long") })
        {
            var refused = await clinician.PostWithTokenAsync($"/minors/{id}/health-notes", WebSession.AntiForgeryToken(notes), ("Note.Text", text));
            refused.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, key);
            refused.Html.ShouldContain(key == "error.too-long" ? Fr(key, HealthNote.MaxTextLength) : Fr(key));
        }

        var added = await clinician.PostWithTokenAsync($"/minors/{id}/health-notes", WebSession.AntiForgeryToken(notes), ("Note.Text", "NOTE-CLINIQUE bilan psychologique réalisé"));
        added.Redirects.ShouldBeTrue(added.ToString());
        (await clinician.GetAsync($"/minors/{id}/health-notes")).Html.ShouldContain("NOTE-CLINIQUE");
        (await factory.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == "health-note.added"))).ShouldBeTrue();
        (await factory.AuditCountAsync("health-notes.read", id)).ShouldBeGreaterThan(0);

        // The panel reads neither the notes page nor the notes on its own pages.
        RetentionTests.Refused(await ged.GetAsync($"/minors/{id}/health-notes"));
        (await ged.GetAsync($"/minors/{id}")).Html.ShouldNotContain("NOTE-CLINIQUE");
        (await ged.GetAsync("/minors")).Html.ShouldNotContain("NOTE-CLINIQUE");

        using var otherClinician = await factory.SignInAsync(Roles.Clinician, "62");
        (await otherClinician.GetAsync($"/minors/{id}/health-notes")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await otherClinician.GetAsync("/minors")).Html.ShouldNotContain(child.Surname.ToUpperInvariant());
        var forged = await otherClinician.PostWithTokenAsync($"/minors/{id}/health-notes", WebSession.AntiForgeryToken(await otherClinician.GetAsync("/minors")), ("Note.Text", "Forgée"));
        forged.Status.ShouldBe(HttpStatusCode.NotFound);
        (await factory.WithDbAsync(db => db.HealthNotes.CountAsync(n => n.MinorId == id))).ShouldBe(1);
    }

    [Fact]
    public async Task TheDueApi_ListsTheCallersOverdueAndDueProtocols()
    {
        var child = await factory.CaseAsync("59", factory.BornYearsAgo(9));
        using var ged = await factory.SignInAsync(Roles.Ged, "59");
        var id = await factory.OpenAsync(ged, child);
        await factory.WithDbAsync(async db =>
        {
            var m = await db.ReturningMinors.SingleAsync(x => x.Id == id);
            m.NextReviewOn = Today.AddDays(-4);
            await db.SaveChangesAsync();
        });

        var user = await factory.PageUserAsync(Roles.Ged, "59");
        using var api = factory.ClientWithToken(user.Token);
        using var json = JsonDocument.Parse(await api.GetStringAsync(new Uri("/api/v1/minors/due", UriKind.Relative)));
        var row = json.RootElement.GetProperty("protocols").EnumerateArray().Single(p => p.GetProperty("id").GetGuid() == id);
        row.GetProperty("state").GetString().ShouldBe("overdue");
        row.GetProperty("daysOverdue").GetInt32().ShouldBe(4);
        row.GetProperty("caseId").GetGuid().ShouldBe(child.CaseId);
        json.RootElement.GetProperty("overdue").GetInt32().ShouldBeGreaterThan(0);
    }
}
