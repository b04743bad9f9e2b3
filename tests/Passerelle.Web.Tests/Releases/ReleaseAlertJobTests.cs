using Passerelle.Domain;
using Case = Shouldly.Case;
using Passerelle.Web.Tests.Infrastructure;

namespace Passerelle.Web.Tests.Releases;

/// <summary>
/// The release alerts (issue 6): 6 and 3 months before an expected release with nothing planned, each once; one
/// counts-only mail per site and run, through the outbox; nothing for a prepared, released or cancelled release;
/// a second run (or two at once) raises and sends nothing more. Each test has its own app and database, because
/// the job runs over every site and the tests move the clock.
/// </summary>
public sealed class ReleaseAlertJobTests
{
    [Fact]
    public async Task Alerts_AreRaisedAtSixThenThreeMonths_OnceEach_FollowingTheClock()
    {
        await using var app = await PasserelleFactory.StartAsync();
        var today = app.Today();
        var release = await app.ReleaseAsync("59", today.AddMonths(6).AddDays(1), ReleaseKit.Surname("Seuil"));

        // Six months and one day ahead ("5 months 29 days" short of the alert): nothing yet.
        (await app.RunAlertsAsync()).ShouldBeEmpty();
        (await app.StoredAsync(release.Id)).SixMonthAlertAt.ShouldBeNull();
        (await app.AlertMailsAsync()).ShouldBeEmpty();

        // The next day the release is exactly 6 months away: the 6-month alert, one mail to the Lille site.
        app.Clock.Advance(TimeSpan.FromDays(1));
        var first = await app.RunAlertsAsync();
        first.ShouldHaveSingleItem().ShouldBe(new("LIL", 1, 0, true));
        var stored = await app.StoredAsync(release.Id);
        stored.SixMonthAlertAt.ShouldNotBeNull();
        stored.ThreeMonthAlertAt.ShouldBeNull();
        var mail = (await app.AlertMailsAsync()).ShouldHaveSingleItem();
        mail.To.ShouldBe(ReleaseKit.Mailbox("LIL"));
        mail.Body.ShouldContain("à 6 mois ou moins de la sortie : 1");
        mail.Body.ShouldContain("à 3 mois ou moins de la sortie : 0");

        // The same day again: nothing raised, nothing sent.
        (await app.RunAlertsAsync()).ShouldBeEmpty();
        (await app.AlertMailsAsync()).Count.ShouldBe(1);

        // One day short of 3 months: still only the 6-month alert.
        var untilThree = stored.ReleaseOn.AddMonths(-3).DayNumber - app.Today().DayNumber;
        app.Clock.Advance(TimeSpan.FromDays(untilThree - 1));
        (await app.RunAlertsAsync()).ShouldBeEmpty();
        (await app.StoredAsync(release.Id)).ThreeMonthAlertAt.ShouldBeNull();

        // Three months ahead: the 3-month alert, a second mail; the 6-month alert keeps its date.
        app.Clock.Advance(TimeSpan.FromDays(1));
        (await app.RunAlertsAsync()).ShouldHaveSingleItem().ShouldBe(new("LIL", 0, 1, true));
        var after = await app.StoredAsync(release.Id);
        after.ThreeMonthAlertAt.ShouldNotBeNull();
        after.SixMonthAlertAt.ShouldBe(stored.SixMonthAlertAt);
        var mails = await app.AlertMailsAsync();
        mails.Count.ShouldBe(2);
        mails[1].Body.ShouldContain("à 3 mois ou moins de la sortie : 1");
        (await app.AuditCountAsync("prison-release.alert-raised", release.Id)).ShouldBe(2);
    }

    [Fact]
    public async Task A_ReleaseWithATakeoverPrepared_OrSettled_RaisesNothing()
    {
        await using var app = await PasserelleFactory.StartAsync();
        var soon = app.Today().AddMonths(2);
        var participant = await app.ParticipantAsync("LIL", ReleaseKit.Surname("Inscrit"));
        var linked = await app.ReleaseAsync("59", soon, ReleaseKit.Surname("Lie"), participant: participant.Id);
        var noted = await app.ReleaseAsync("62", soon, ReleaseKit.Surname("Note"), note: "SPIP du Pas-de-Calais : hébergement prévu.");
        var released = await app.ReleaseAsync("75", soon, ReleaseKit.Surname("Sorti"), status: ReleaseStatus.Released);
        var cancelled = await app.ReleaseAsync("13", soon, ReleaseKit.Surname("Annule"), status: ReleaseStatus.Cancelled);

        (await app.RunAlertsAsync()).ShouldBeEmpty();

        foreach (var r in new[] { linked, noted, released, cancelled })
        {
            var stored = await app.StoredAsync(r.Id);
            stored.SixMonthAlertAt.ShouldBeNull();
            stored.ThreeMonthAlertAt.ShouldBeNull();
        }

        (await app.AlertMailsAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Each_site_gets_one_counts_only_mail_per_run_even_when_runs_overlap()
    {
        await using var app = await PasserelleFactory.StartAsync();
        var today = app.Today();
        var names = new List<string>();
        async Task AddAsync(string territory, DateOnly on)
        {
            var surname = ReleaseKit.Surname("Confidentiel");
            names.Add(surname);
            await app.ReleaseAsync(territory, on, surname, given: "Prénomsecret");
        }

        await AddAsync("59", today.AddMonths(5));   // Lille, 6 months
        await AddAsync("62", today.AddMonths(2));   // Lille, 3 months (both thresholds at once: counted at 3 months)
        await AddAsync("57", today.AddDays(10));    // Lille (Grand Est), 3 months
        await AddAsync("75", today.AddMonths(4));   // Paris, 6 months
        await AddAsync("35", today.AddMonths(1));   // Paris (Bretagne), 3 months
        await AddAsync("13", today.AddMonths(9));   // Marseille, too far: nothing

        var runs = await Task.WhenAll(app.RunAlertsAsync(), app.RunAlertsAsync(), app.RunAlertsAsync());
        await app.RunAlertsAsync();

        var results = runs.SelectMany(r => r).ToList();
        results.Where(r => r.SiteCode == "LIL").ShouldHaveSingleItem().ShouldBe(new("LIL", 1, 2, true));
        results.Where(r => r.SiteCode == "PAR").ShouldHaveSingleItem().ShouldBe(new("PAR", 1, 1, true));
        results.ShouldNotContain(r => r.SiteCode == "MRS");

        var mails = await app.AlertMailsAsync();
        mails.Select(m => m.To).ShouldBe([ReleaseKit.Mailbox("LIL"), ReleaseKit.Mailbox("PAR")], ignoreOrder: true);
        var lille = mails.Single(m => m.To == ReleaseKit.Mailbox("LIL"));
        lille.Body.ShouldContain("à 3 mois ou moins de la sortie : 2");
        lille.Body.ShouldContain("6 months or less before release: 1");
        lille.Body.ShouldContain("/programme/releases");

        await app.DeliverAsync();
        foreach (var sent in app.Mailbox.Sent)
        {
            sent.Body.ShouldNotContain("Prénomsecret");
            sent.Subject.ShouldNotContain("Prénomsecret");
            foreach (var name in names)
            {
                sent.Body.ShouldNotContain(name, Case.Insensitive);
            }
        }

        app.Mailbox.Sent.Count(m => m.To == ReleaseKit.Mailbox("LIL")).ShouldBe(1);
    }

    [Fact]
    public async Task The_command_line_verb_prints_what_it_raised_and_a_second_run_raises_nothing()
    {
        await using var app = await PasserelleFactory.StartAsync();
        await app.ReleaseAsync("80", app.Today().AddMonths(2), ReleaseKit.Surname("Cli"));

        var first = await PasserelleCli.RunAsync(app.Database, "programme", "release-alerts");
        first.ExitCode.ShouldBe(0, first.ToString());
        first.Output.ShouldContain("LIL");
        first.Output.ShouldContain("3 months: 1");
        first.Output.ShouldContain("1 alert(s) raised; 1 mail(s) queued in the outbox.");

        var second = await PasserelleCli.RunAsync(app.Database, "programme", "release-alerts");
        second.ExitCode.ShouldBe(0, second.ToString());
        second.Output.ShouldContain("0 alert(s) raised; 0 mail(s) queued in the outbox.");
        (await app.AlertMailsAsync()).Count.ShouldBe(1);
    }
}
