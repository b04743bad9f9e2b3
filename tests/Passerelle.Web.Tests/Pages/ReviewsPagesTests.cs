using System.Net;
using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Security;
using Passerelle.Web.Tests.Infrastructure;
using static Passerelle.Web.Tests.Infrastructure.PageKit;

namespace Passerelle.Web.Tests.Pages;

/// <summary>
/// Due and overdue reviews (issue 5): the list of the panel's own département, oldest first, and the recording
/// of a review (rationale, next review in the future within 12 months; never on a closed case or one in
/// transfer), version-checked and audited; other départements and other roles see and change nothing.
/// </summary>
public sealed class ReviewsPagesTests(PasserelleFactory factory) : IClassFixture<PasserelleFactory>
{
    private static Task<PageResponse> PostReviewAsync(WebSession session, PageResponse form, Guid caseId, string rationale, string next, string? version = null, Guid? campaign = null)
    {
        var fields = new List<(string, string)> { ("Input.Rationale", rationale), ("Input.NextReviewOn", next), ("Input.Version", version ?? WebSession.Hidden(form, "Input.Version")) };
        if (campaign is { } c)
        {
            fields.Add(("campaign", c.ToString()));
        }

        return session.PostWithTokenAsync($"/panel/reviews/{caseId}", WebSession.AntiForgeryToken(form), [.. fields]);
    }

    [Fact]
    public async Task OverdueReviews_AreListedOldestFirst_WithTheirPersonsAudited_AndOnlyForTheirDepartement()
    {
        var today = factory.Today();
        var older = await factory.FollowedCaseAsync("59", "Aline", PanelSeed.Surname("Retardun"), today.AddDays(-20));
        var newer = await factory.FollowedCaseAsync("59", "Bruno", PanelSeed.Surname("Retarddeux"), today.AddDays(-2));
        var later = await factory.FollowedCaseAsync("59", "Chloe", PanelSeed.Surname("Bientot"), today.AddDays(30));

        using var ged59 = await factory.SignInAsync(Roles.Ged, "59");
        var list = await ged59.GetAsync("/panel/reviews?filter=overdue");

        list.Status.ShouldBe(HttpStatusCode.OK, list.ToString());
        list.Html.ShouldContain(older.Surname.ToUpperInvariant());
        list.Html.ShouldContain(newer.Surname.ToUpperInvariant());
        list.Html.ShouldNotContain(later.Surname.ToUpperInvariant());
        list.Html.IndexOf(older.Surname.ToUpperInvariant(), StringComparison.Ordinal).ShouldBeLessThan(list.Html.IndexOf(newer.Surname.ToUpperInvariant(), StringComparison.Ordinal));
        list.Html.ShouldContain($"/panel/reviews/{older.CaseId}");
        list.Html.ShouldContain($"/cases/{older.CaseId}");
        (await factory.AuditCountAsync("person.listed", older.PersonId)).ShouldBeGreaterThan(0);

        var within60 = await ged59.GetAsync("/panel/reviews?days=60");
        within60.Html.ShouldContain(later.Surname.ToUpperInvariant());
        within60.Html.ShouldContain(older.Surname.ToUpperInvariant());

        using var ged75 = await factory.SignInAsync(Roles.Ged, "75");
        var other = await ged75.GetAsync("/panel/reviews?days=60");
        other.Status.ShouldBe(HttpStatusCode.OK);
        other.Html.ShouldNotContain(older.Surname.ToUpperInvariant());
        other.Html.ShouldNotContain(later.CaseId.ToString());
        (await ged75.GetAsync($"/panel/reviews/{older.CaseId}")).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TheList_IsPaginated20PerPage()
    {
        var today = factory.Today();
        var prefix = PanelSeed.Surname("Page");
        for (var i = 0; i < 21; i++)
        {
            await factory.FollowedCaseAsync("13", "Paul", prefix + (char)('a' + i), today.AddDays(-400 + i));
        }

        using var ged13 = await factory.SignInAsync(Roles.Ged, "13");
        var first = await ged13.GetAsync("/panel/reviews?filter=overdue");
        var second = await ged13.GetAsync("/panel/reviews?filter=overdue&p=2");

        first.Html.ShouldContain((prefix + 'a').ToUpperInvariant());
        first.Html.ShouldNotContain((prefix + 'u').ToUpperInvariant());
        first.Html.ShouldContain("fr-pagination");
        second.Html.ShouldContain((prefix + 'u').ToUpperInvariant());
        second.Html.ShouldNotContain((prefix + 'a').ToUpperInvariant() + " ");
    }

    [Fact]
    public async Task RecordingAReview_SetsTheNextReview_AddsATimelineLine_AndIsAudited()
    {
        var today = factory.Today();
        var seeded = await factory.FollowedCaseAsync("59", "Dora", PanelSeed.Surname("Reexamen"), today.AddDays(-5));
        using var ged59 = await factory.SignInAsync(Roles.Ged, "59");
        var form = await ged59.GetAsync($"/panel/reviews/{seeded.CaseId}");
        form.Status.ShouldBe(HttpStatusCode.OK, form.ToString());
        form.Html.ShouldContain(seeded.Surname.ToUpperInvariant());

        var next = today.AddMonths(4);
        var posted = await PostReviewAsync(ged59, form, seeded.CaseId, "Suivi maintenu : situation stable, scolarité reprise.", PanelSeed.Iso(next));

        posted.Redirects.ShouldBeTrue(posted.ToString());
        posted.Location.ShouldBe("/panel/reviews");
        var @case = await factory.CaseAsync(seeded.CaseId);
        @case.NextReviewOn.ShouldBe(next);
        @case.Status.ShouldBe(CaseStatus.Followed);
        (await factory.WithDbAsync(db => db.CaseEvents.IgnoreQueryFilters().CountAsync(e => e.CaseId == seeded.CaseId && e.Kind == CaseEventKind.ReviewRecorded))).ShouldBe(1);
        (await factory.AuditCountAsync("case.reviewed", seeded.CaseId)).ShouldBe(1);
        (await ged59.GetAsync("/panel/reviews?filter=overdue")).Html.ShouldNotContain(seeded.Surname.ToUpperInvariant());
    }

    [Theory]
    [InlineData("", "+2m", "review.error.decision.rationale-required")]
    [InlineData("Motif valable.", "-1d", "review.error.decision.next-review-past")]
    [InlineData("Motif valable.", "+0d", "review.error.decision.next-review-past")]
    [InlineData("Motif valable.", "+13m", "review.error.decision.next-review-too-far")]
    [InlineData("Motif valable.", "", "review.error.decision.next-review-required")]
    [InlineData("Motif valable.", "31/02/2027", "review.error.date-format")]
    [InlineData("Motif valable.", "../../etc/passwd", "review.error.date-format")]
    [InlineData("Motif valable.", "'; DROP TABLE cases;--", "review.error.date-format")]
    [InlineData("<script>alert(1)</script>", "+2m", "error.markup")]
    public async Task RecordingAReview_WithBadInput_ShowsAClearErrorAndChangesNothing(string rationale, string next, string expected)
    {
        var today = factory.Today();
        var seeded = await factory.FollowedCaseAsync("59", "Elie", PanelSeed.Surname("Invalide"), today.AddDays(-3));
        var before = await factory.CaseAsync(seeded.CaseId);
        using var ged59 = await factory.SignInAsync(Roles.Ged, "59");
        var form = await ged59.GetAsync($"/panel/reviews/{seeded.CaseId}");
        var date = next switch
        {
            "+2m" => PanelSeed.Iso(today.AddMonths(2)),
            "-1d" => PanelSeed.Iso(today.AddDays(-1)),
            "+0d" => PanelSeed.Iso(today),
            "+13m" => PanelSeed.Iso(today.AddMonths(13)),
            _ => next,
        };

        var posted = await PostReviewAsync(ged59, form, seeded.CaseId, rationale, date);

        posted.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, posted.ToString());
        posted.Html.ShouldContain(Fr(expected, 4000));
        posted.Html.ShouldNotContain("<script>alert(1)</script>");
        var after = await factory.CaseAsync(seeded.CaseId);
        after.NextReviewOn.ShouldBe(before.NextReviewOn);
        after.Version.ShouldBe(before.Version);
        (await factory.AuditCountAsync("case.reviewed", seeded.CaseId)).ShouldBe(0);
    }

    [Fact]
    public async Task AnOversizedRationale_IsRefused()
    {
        var seeded = await factory.FollowedCaseAsync("59", "Fanny", PanelSeed.Surname("TropLong"), factory.Today().AddDays(-3));
        using var ged59 = await factory.SignInAsync(Roles.Ged, "59");
        var form = await ged59.GetAsync($"/panel/reviews/{seeded.CaseId}");

        var posted = await PostReviewAsync(ged59, form, seeded.CaseId, new string('a', PanelDecision.MaxRationaleLength + 1), PanelSeed.Iso(factory.Today().AddMonths(2)));

        posted.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        posted.Html.ShouldContain(Fr("error.too-long", PanelDecision.MaxRationaleLength));
        (await factory.AuditCountAsync("case.reviewed", seeded.CaseId)).ShouldBe(0);
    }

    [Fact]
    public async Task ADuplicateSubmit_WithTheVersionReadBefore_Returns409AndRecordsOneReview()
    {
        var seeded = await factory.FollowedCaseAsync("59", "Gael", PanelSeed.Surname("Doublon"), factory.Today().AddDays(-3));
        using var ged59 = await factory.SignInAsync(Roles.Ged, "59");
        var form = await ged59.GetAsync($"/panel/reviews/{seeded.CaseId}");
        var next = PanelSeed.Iso(factory.Today().AddMonths(2));

        var first = await PostReviewAsync(ged59, form, seeded.CaseId, "Premier envoi.", next);
        var second = await PostReviewAsync(ged59, form, seeded.CaseId, "Second envoi.", next);

        first.Redirects.ShouldBeTrue(first.ToString());
        second.Status.ShouldBe(HttpStatusCode.Conflict, second.ToString());
        second.Html.ShouldContain(Fr("review.error.stale"));
        (await factory.WithDbAsync(db => db.CaseEvents.IgnoreQueryFilters().CountAsync(e => e.CaseId == seeded.CaseId && e.Kind == CaseEventKind.ReviewRecorded))).ShouldBe(1);
    }

    [Fact]
    public async Task AClosedCase_OrOneInTransfer_CannotBeReviewed()
    {
        var today = factory.Today();
        var closed = await factory.FollowedCaseAsync("59", "Hugo", PanelSeed.Surname("Clos"), today.AddDays(-3));
        await factory.DecideAsync(closed.CaseId, DecisionType.Close, null, factory.Clock.GetUtcNow().UtcDateTime.AddMinutes(-1));
        var moving = await factory.FollowedCaseAsync("59", "Iris", PanelSeed.Surname("Transfert"), today.AddDays(-3));
        await factory.DecideAsync(moving.CaseId, DecisionType.Transfer, today.AddMonths(1), factory.Clock.GetUtcNow().UtcDateTime.AddMinutes(-1), transferTo: "62");
        using var ged59 = await factory.SignInAsync(Roles.Ged, "59");

        foreach (var (seeded, key) in new[] { (closed, "review.error.decision.case-not-open"), (moving, "review.error.decision.case-in-transfer") })
        {
            var form = await ged59.GetAsync($"/panel/reviews/{seeded.CaseId}");
            form.Status.ShouldBe(HttpStatusCode.OK);
            form.Html.ShouldNotContain("name=\"Input.Rationale\"");
            var version = (await factory.CaseAsync(seeded.CaseId)).Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var token = WebSession.AntiForgeryToken(form);

            var posted = await ged59.PostWithTokenAsync($"/panel/reviews/{seeded.CaseId}", token, ("Input.Rationale", "Tentative."), ("Input.NextReviewOn", PanelSeed.Iso(today.AddMonths(2))), ("Input.Version", version));

            posted.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, posted.ToString());
            posted.Html.ShouldContain(Fr(key));
            (await factory.AuditCountAsync("case.reviewed", seeded.CaseId)).ShouldBe(0);
        }

        (await ged59.GetAsync("/panel/reviews?filter=overdue")).Html.ShouldNotContain(closed.Surname.ToUpperInvariant());
    }

    [Fact]
    public async Task AnotherDepartementsPanel_CannotRecordAReview()
    {
        var seeded = await factory.FollowedCaseAsync("59", "Jade", PanelSeed.Surname("Autredep"), factory.Today().AddDays(-3));
        var before = await factory.CaseAsync(seeded.CaseId);
        using var ged75 = await factory.SignInAsync(Roles.Ged, "75");
        var page = await ged75.GetAsync("/panel/reviews");

        var posted = await ged75.PostWithTokenAsync($"/panel/reviews/{seeded.CaseId}", WebSession.AntiForgeryToken(await ged75.GetAsync("/account/manage/tokens")),
            ("Input.Rationale", "Intrusion."), ("Input.NextReviewOn", PanelSeed.Iso(factory.Today().AddMonths(2))), ("Input.Version", before.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        page.Status.ShouldBe(HttpStatusCode.OK);
        posted.Status.ShouldBe(HttpStatusCode.NotFound);
        (await factory.CaseAsync(seeded.CaseId)).NextReviewOn.ShouldBe(before.NextReviewOn);
    }

    [Theory]
    [InlineData(Roles.Analyst, "national")]
    [InlineData(Roles.Assessor, "59")]
    [InlineData(Roles.Care, "59")]
    public async Task RolesOutsideThePanel_CannotOpenTheReviews(string role, string territory)
    {
        var seeded = await factory.FollowedCaseAsync("59", "Kim", PanelSeed.Surname("Horspanel"), factory.Today().AddDays(-3));
        using var session = await factory.SignInAsync(role, territory);

        foreach (var url in new[] { "/panel", "/panel/reviews", $"/panel/reviews/{seeded.CaseId}", $"/cases/{seeded.CaseId}" })
        {
            var page = await session.GetAsync(url);
            page.Status.ShouldNotBe(HttpStatusCode.OK, url);
            page.Html.ShouldNotContain(seeded.Surname.ToUpperInvariant());
        }
    }
}
