using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Passerelle.Domain;
using Passerelle.Web.Features.Retention;
using Passerelle.Web.Features.Panel.Transfers;
using Passerelle.Web.Security;
using Passerelle.Web.Tests.Infrastructure;
using Passerelle.Web.Tests.Pages;
using static Passerelle.Web.Tests.Infrastructure.PageKit;

namespace Passerelle.Web.Tests.Minors;

/// <summary>
/// The protocol over time (its own app, since the clock moves): a review is not due, then due within 30 days, then
/// overdue by N days on /minors, the panel's home and the API, and a recorded review clears it; protocols, reviews and
/// health notes follow the case on a transfer's acceptance and go with it when a closed case is purged.
/// </summary>
public sealed class MinorsReviewClockTests(PasserelleFactory factory) : IClassFixture<PasserelleFactory>
{
    [Fact]
    public async Task TheReview_BecomesDue_ThenOverdue_AsTheClockPassesTheInterval_AndARecordedReviewClearsIt()
    {
        var child = await factory.CaseAsync("59", factory.BornYearsAgo(10));
        using var ged = await factory.SignInAsync(Roles.Ged, "59");
        var id = await factory.OpenAsync(ged, child, PanelSeed.Iso(factory.Today()));
        var next = (await factory.ProtocolAsync(id)).NextReviewOn;
        next.ShouldBe(factory.Today().AddMonths(3));

        var home = await ged.GetAsync("/panel");
        home.Html.ShouldContain(Fr("minors.panel-counts", 0, 0, 30));
        (await (await factory.SignInAsync(Roles.Ged, "59")).GetAsync("/minors")).Html.ShouldNotContain(Fr("minors.badge-due"));

        // 31 days before the review: not yet due; 30 days before: due.
        factory.Clock.Advance(TimeSpan.FromDays(next.DayNumber - factory.Today().DayNumber - 31));
        (await (await factory.SignInAsync(Roles.Ged, "59")).GetAsync("/minors")).Html.ShouldNotContain(Fr("minors.badge-due"));
        factory.Clock.Advance(TimeSpan.FromDays(1));
        (await (await factory.SignInAsync(Roles.Ged, "59")).GetAsync("/minors")).Html.ShouldContain(Fr("minors.badge-due"));
        (await (await factory.SignInAsync(Roles.Ged, "59")).GetAsync("/panel")).Html.ShouldContain(Fr("minors.panel-counts", 0, 1, 30));

        // The review day itself is due, not overdue; the day after, overdue by 1 day; 9 days after, by 9.
        factory.Clock.Advance(TimeSpan.FromDays(30));
        factory.Today().ShouldBe(next);
        (await (await factory.SignInAsync(Roles.Ged, "59")).GetAsync("/minors")).Html.ShouldNotContain(Fr("minors.badge-overdue", 0));
        factory.Clock.Advance(TimeSpan.FromDays(9));
        using var again = await factory.SignInAsync(Roles.Ged, "59");
        var list = await again.GetAsync("/minors");
        list.Html.ShouldContain(Fr("minors.badge-overdue", 9));
        var panel = await again.GetAsync("/panel");
        panel.Html.ShouldContain(Fr("minors.panel-counts", 1, 0, 30));
        panel.Html.ShouldContain($"/minors/{id}");
        var user = await factory.PageUserAsync(Roles.Ged, "59");
        using var api = factory.ClientWithToken(user.Token);
        (await api.GetStringAsync(new Uri("/api/v1/minors/due", UriKind.Relative))).ShouldContain("\"daysOverdue\":9");

        var page = await again.GetAsync($"/minors/{id}");
        page.Html.ShouldContain(Fr("minors.badge-overdue", 9));
        var done = await again.PostWithTokenAsync($"/minors/{id}?handler=Review", WebSession.AntiForgeryToken(page),
            ("Review.Version", WebSession.Hidden(page, "Review.Version")), ("Review.HeldOn", PanelSeed.Iso(factory.Today().AddDays(-2))), ("Review.Attendees", "ASE, PJJ"), ("Review.Summary", "Revue tenue."), ("Review.NextReviewOn", ""));
        done.Redirects.ShouldBeTrue(done.ToString());
        (await factory.ProtocolAsync(id)).NextReviewOn.ShouldBe(factory.Today().AddDays(-2).AddMonths(3));
        (await again.GetAsync("/panel")).Html.ShouldContain(Fr("minors.panel-counts", 0, 0, 30));
    }

    [Fact]
    public async Task OnATransfersAcceptance_TheProtocolItsReviewsAndHealthNotes_MoveWithTheCase()
    {
        var child = await factory.CaseAsync("59", factory.BornYearsAgo(10));
        using var ged = await factory.SignInAsync(Roles.Ged, "59");
        var id = await factory.OpenAsync(ged, child);
        var page = await ged.GetAsync($"/minors/{id}");
        (await ged.PostWithTokenAsync($"/minors/{id}?handler=Review", WebSession.AntiForgeryToken(page),
            ("Review.Version", "0"), ("Review.HeldOn", PanelSeed.Iso(factory.Today())), ("Review.Attendees", "ASE"), ("Review.Summary", "Revue."), ("Review.NextReviewOn", ""))).Redirects.ShouldBeTrue();
        using var clinician = await factory.SignInAsync(Roles.Clinician, "59");
        var notes = await clinician.GetAsync($"/minors/{id}/health-notes");
        (await clinician.PostWithTokenAsync($"/minors/{id}/health-notes", WebSession.AntiForgeryToken(notes), ("Note.Text", "Suivi CMP."))).Redirects.ShouldBeTrue();

        await PanelCaseData.DecideAsync(factory, child.CaseId, DecisionType.KeepFollowed, "Suivi.");
        var transferId = await PanelCaseData.RequestTransferAsync(factory, child.CaseId, "75");
        var receiver = await factory.PageUserAsync(Roles.Ged, "75");
        var version = await factory.WithDbAsync(db => db.CaseTransfers.Where(t => t.Id == transferId).Select(t => t.Version).SingleAsync());
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentActor>().ActAs(new AccessScope(receiver.Id, Roles.Ged, false, ["75"]));
            (await scope.ServiceProvider.GetRequiredService<SettleTransfer>().AcceptAsync(transferId, version, CancellationToken.None)).Outcome.ShouldBe(SettleTransfer.Outcome.Done);
        }

        (await factory.ProtocolAsync(id)).TerritoryCode.ShouldBe("75");
        (await factory.WithDbAsync(db => db.MinorReviews.Where(r => r.MinorId == id).Select(r => r.TerritoryCode).ToListAsync())).ShouldAllBe(t => t == "75");
        (await factory.WithDbAsync(db => db.HealthNotes.Where(n => n.MinorId == id).Select(n => n.TerritoryCode).ToListAsync())).ShouldAllBe(t => t == "75");

        using var ged75 = await factory.SignInAsync(Roles.Ged, "75");
        (await ged75.GetAsync($"/minors/{id}")).Status.ShouldBe(HttpStatusCode.OK);
        (await ged.GetAsync($"/minors/{id}")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await clinician.GetAsync($"/minors/{id}/health-notes")).Status.ShouldBe(HttpStatusCode.NotFound);
        using var clinician75 = await factory.SignInAsync(Roles.Clinician, "75");
        (await clinician75.GetAsync($"/minors/{id}/health-notes")).Html.ShouldContain("Suivi CMP.");
    }

    [Fact]
    public async Task WhenAClosedCaseIsPurged_ItsProtocolReviewsAndHealthNotesGoWithIt_OthersStay()
    {
        using var ged = await factory.SignInAsync(Roles.Ged, "59");
        using var clinician = await factory.SignInAsync(Roles.Clinician, "59");
        async Task<(MinorCase Case, Guid Id)> PrepareAsync()
        {
            var child = await factory.CaseAsync("59", factory.BornYearsAgo(10));
            var id = await factory.OpenAsync(ged, child);
            var page = await ged.GetAsync($"/minors/{id}");
            (await ged.PostWithTokenAsync($"/minors/{id}?handler=Review", WebSession.AntiForgeryToken(page),
                ("Review.Version", "0"), ("Review.HeldOn", PanelSeed.Iso(factory.Today())), ("Review.Attendees", "ASE"), ("Review.Summary", "Revue."), ("Review.NextReviewOn", ""))).Redirects.ShouldBeTrue();
            var notes = await clinician.GetAsync($"/minors/{id}/health-notes");
            (await clinician.PostWithTokenAsync($"/minors/{id}/health-notes", WebSession.AntiForgeryToken(notes), ("Note.Text", "Note."))).Redirects.ShouldBeTrue();
            return (child, id);
        }

        var (purged, purgedId) = await PrepareAsync();
        var (kept, keptId) = await PrepareAsync();
        await PanelCaseData.DecideAsync(factory, purged.CaseId, DecisionType.Close, "Fin du suivi.", closure: ClosureReason.NotConfirmed);
        await factory.WithDbAsync(async db =>
        {
            var c = await db.Cases.SingleAsync(x => x.Id == purged.CaseId);
            c.RetainUntil = factory.Clock.GetUtcNow().UtcDateTime.AddMinutes(-1);
            await db.SaveChangesAsync();
        });

        var results = await factory.AsSystemAsync(services => services.GetRequiredService<RetentionJob>().RunAsync("test", CancellationToken.None));
        results.Single(r => r.Rule == RetentionJob.ClosedCases).Deleted.ShouldBeGreaterThanOrEqualTo(1);
        await factory.WithDbAsync(async db =>
        {
            (await db.ReturningMinors.AnyAsync(m => m.Id == purgedId)).ShouldBeFalse();
            (await db.MinorReviews.AnyAsync(r => r.MinorId == purgedId)).ShouldBeFalse();
            (await db.HealthNotes.AnyAsync(n => n.MinorId == purgedId)).ShouldBeFalse();
            (await db.ReturningMinors.AnyAsync(m => m.Id == keptId)).ShouldBeTrue();
            (await db.MinorReviews.AnyAsync(r => r.MinorId == keptId)).ShouldBeTrue();
            (await db.HealthNotes.AnyAsync(n => n.MinorId == keptId)).ShouldBeTrue();
        });
        kept.ShouldNotBeNull();
    }

    [Theory]
    [InlineData("0")]
    [InlineData("7")]
    public async Task AnIntervalOutsideOneToSixMonths_StopsTheAppAtStart(string months)
    {
        await using var bad = factory.WithWebHostBuilder(b => b.UseSetting("Minors:ReviewIntervalMonths", months));
        var failed = Should.Throw<Exception>(() => bad.Server);
        failed.ToString().ShouldContain("Minors:ReviewIntervalMonths");
    }
}
