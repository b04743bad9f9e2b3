using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Passerelle.Domain;
using Passerelle.Web.Features.Panel.Reviews;
using Passerelle.Web.Mail;
using Passerelle.Web.Tests.Infrastructure;

namespace Passerelle.Web.Tests.Pages;

/// <summary>
/// The daily digest (issue 5): once per département and day to each active member with an e-mail, even when
/// run twice or by two instances at once; nothing when nothing is due; counts and a link, no personal data.
/// </summary>
public sealed class PanelDigestTests(PasserelleFactory factory) : IClassFixture<PasserelleFactory>
{
    private Task<int> RunAsync() => factory.AsSystemAsync(services => services.GetRequiredService<PanelDigestJob>().RunAsync(CancellationToken.None));

    private Task<int> DeliverAsync() => factory.AsSystemAsync(services => services.GetRequiredService<OutboxSender>().SendDueAsync(CancellationToken.None));

    private Task MembersAsync(string territory, params (string Name, string? Email, bool Active)[] members) =>
        factory.WithDbAsync(async db =>
        {
            db.PanelMembers.AddRange(members.Select(m => new PanelMember { TerritoryCode = territory, Name = m.Name, Service = "police", Email = m.Email, Active = m.Active }));
            await db.SaveChangesAsync();
        });

    private Task<List<(string To, string Subject, string Body)>> QueuedAsync(string territory) =>
        factory.WithDbAsync(async db => (await db.OutboxMessages.AsNoTracking().Where(m => m.Kind == PanelDigestJob.Kind).ToListAsync())
            .Where(m => m.Subject.Contains($"GED {territory} ", StringComparison.Ordinal)).Select(m => (m.To, m.Subject, m.Body)).ToList());

    [Fact]
    public async Task TheDigest_GoesOncePerDay_ToEachActiveMemberWithAnEmail_EvenRunTwiceAndConcurrently()
    {
        await MembersAsync("34", ("Chef Hérault", "chef34@example.fr", true), ("Membre Hérault", "membre34@example.fr", true),
            ("Sans adresse", null, true), ("Ancien membre", "ancien34@example.fr", false));
        await factory.FollowedCaseAsync("34", "Zoé", PanelSeed.Surname("Digest"), factory.Today().AddDays(-3));

        await RunAsync();
        await RunAsync();
        await Task.WhenAll(RunAsync(), RunAsync(), RunAsync());

        var queued = await QueuedAsync("34");
        queued.Select(m => m.To).ShouldBe(["chef34@example.fr", "membre34@example.fr"], ignoreOrder: true);
        (await factory.WithDbAsync(db => db.PanelDigests.CountAsync(d => d.TerritoryCode == "34"))).ShouldBe(1);
        await DeliverAsync();
        factory.Mailbox.Sent.Count(m => m.To == "chef34@example.fr").ShouldBe(1);
        factory.Mailbox.Sent.ShouldNotContain(m => m.To == "ancien34@example.fr");
    }

    [Fact]
    public async Task NoMail_WhenNothingIsDue()
    {
        await MembersAsync("35", ("Chef Ille", "chef35@example.fr", true));
        await factory.FollowedCaseAsync("35", "Yves", PanelSeed.Surname("Tranquille"), factory.Today().AddDays(60));

        await RunAsync();

        (await QueuedAsync("35")).ShouldBeEmpty();
        (await factory.WithDbAsync(db => db.PanelDigests.CountAsync(d => d.TerritoryCode == "35"))).ShouldBe(0);
    }

    [Fact]
    public async Task TheDigest_CarriesCountsAndALink_AndNoPersonalData()
    {
        await MembersAsync("36", ("Chef Indre", "chef36@example.fr", true));
        var overdue = await factory.FollowedCaseAsync("36", "Xavier", PanelSeed.Surname("Confidentiel"), factory.Today().AddDays(-10));
        var overdue2 = await factory.FollowedCaseAsync("36", "Wanda", PanelSeed.Surname("Confidentiel"), factory.Today().AddDays(-1));
        var week = await factory.FollowedCaseAsync("36", "Victor", PanelSeed.Surname("Semaine"), factory.Today().AddDays(3));

        await RunAsync();
        await DeliverAsync();

        var mail = factory.Mailbox.Sent.Single(m => m.To == "chef36@example.fr");
        mail.Body.ShouldContain("réexamens en retard : 2");
        mail.Body.ShouldContain("réexamens à faire cette semaine : 1");
        mail.Body.ShouldContain("overdue reviews: 2");
        mail.Body.ShouldContain("/panel");
        foreach (var c in new[] { overdue, overdue2, week })
        {
            mail.Body.ShouldNotContain(c.Surname, Shouldly.Case.Insensitive);
            mail.Body.ShouldNotContain(c.GivenName, Shouldly.Case.Insensitive);
            mail.Body.ShouldNotContain(c.CaseId.ToString());
            mail.Body.ShouldNotContain(c.PersonId.ToString());
            mail.Subject.ShouldNotContain(c.Surname, Shouldly.Case.Insensitive);
        }

        mail.Body.ShouldNotContain("2001");
        (await factory.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == "panel.digest-sent" && e.Territory == "36"))).ShouldBe(1);
    }

    [Fact]
    public async Task TheCommandLine_RunsTheDigest()
    {
        await MembersAsync("37", ("Chef Indre-et-Loire", "chef37@example.fr", true));
        await factory.FollowedCaseAsync("37", "Ugo", PanelSeed.Surname("Ligne"), factory.Today().AddDays(-2));

        var (code, output, _) = await PasserelleCli.RunAsync(factory.Database, "panel", "digest");

        code.ShouldBe(0, output);
        output.ShouldContain("panel digest(s) queued");
        (await QueuedAsync("37")).Count.ShouldBe(1);
    }
}
