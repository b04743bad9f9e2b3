using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Passerelle.Domain;
using Passerelle.Web.Data;
using Passerelle.Web.Features.Retention;
using Passerelle.Web.Security;
using Passerelle.Web.Tests.Infrastructure;
using static Passerelle.Web.Tests.Infrastructure.PageKit;
using Case = Shouldly.Case;

namespace Passerelle.Web.Tests;

/// <summary>
/// Red line 5: a report closed as not pursued is deleted once its short retention has passed, by the job
/// (command line, background, or the officer's button), with a purge report and an audit event; nothing
/// else is touched; the officer sees rules, counts and runs, never content; other roles see nothing.
/// </summary>
public sealed class RetentionTests(PasserelleFactory factory) : IClassFixture<PasserelleFactory>
{
    private static Report NewReport(string territory, string surname, DateTime receivedAt) => new()
    {
        Receipt = Report.NewReceipt(receivedAt),
        TerritoryCode = territory,
        Source = ReportSource.Hotline,
        ReportedGivenName = "Test",
        ReportedSurname = surname,
        Narrative = "Récit de test.",
        Urgency = Urgency.Routine,
        ReceivedAt = receivedAt,
        RecordedById = "test",
    };

    /// <summary>A report received and closed as not pursued <paramref name="closedDaysAgo"/> days ago, under the app's rule.</summary>
    private Task<Guid> NotPursuedAsync(string surname, int closedDaysAgo) => factory.AsSystemAsync(async services =>
    {
        var db = services.GetRequiredService<PasserelleDb>();
        var rules = services.GetRequiredService<RetentionRules>();
        var closedAt = factory.Clock.GetUtcNow().UtcDateTime.AddDays(-closedDaysAgo);
        var report = NewReport("59", surname, closedAt.AddDays(-1));
        report.CloseNotPursued("Inquiétude non confirmée après vérification.", "test", closedAt, rules.NotPursuedReport).ShouldBeNull();
        db.Reports.Add(report);
        db.DutyAlerts.Add(new DutyAlert { ReportId = report.Id, TerritoryCode = "59", RaisedAt = closedAt });
        await db.SaveChangesAsync();
        return report.Id;
    });

    private Task<Guid> WaitingAsync(string surname, int receivedDaysAgo) => factory.WithDbAsync(async db =>
    {
        var report = NewReport("59", surname, factory.Clock.GetUtcNow().UtcDateTime.AddDays(-receivedDaysAgo));
        db.Reports.Add(report);
        await db.SaveChangesAsync();
        return report.Id;
    });

    private Task<bool> ExistsAsync(Guid id) => factory.WithDbAsync(db => db.Reports.IgnoreQueryFilters().AnyAsync(r => r.Id == id));

    private Task<IReadOnlyList<RetentionJob.RuleResult>> RunJobAsync() =>
        factory.AsSystemAsync(services => services.GetRequiredService<RetentionJob>().RunAsync("test", CancellationToken.None));

    [Fact]
    public async Task ClosingAReport_SetsItsDeadline_SixMonthsAfterClosing()
    {
        var id = await NotPursuedAsync("Echeance", closedDaysAgo: 0);
        var report = await factory.WithDbAsync(db => db.Reports.IgnoreQueryFilters().AsNoTracking().SingleAsync(r => r.Id == id));
        report.RetainUntil.ShouldNotBeNull();
        (report.RetainUntil!.Value - report.ClosedAt!.Value).ShouldBe(TimeSpan.FromDays(183));
    }

    [Fact]
    public async Task TheJob_DeletesOnlyNotPursuedReportsPastTheirDeadline_WithAPurgeReportAndAnAuditEvent()
    {
        var expired = await NotPursuedAsync("Expiree", closedDaysAgo: 200);
        var recent = await NotPursuedAsync("Recente", closedDaysAgo: 10);
        var waitingForAges = await WaitingAsync("Attentelongue", receivedDaysAgo: 400);

        var results = await RunJobAsync();

        results.Single(r => r.Rule == RetentionJob.NotPursuedReports).Deleted.ShouldBeGreaterThanOrEqualTo(1);
        (await ExistsAsync(expired)).ShouldBeFalse();
        (await ExistsAsync(recent)).ShouldBeTrue();
        (await ExistsAsync(waitingForAges)).ShouldBeTrue("a waiting report has no deadline: it must be handled, not purged");
        (await factory.WithDbAsync(db => db.DutyAlerts.IgnoreQueryFilters().AnyAsync(a => a.ReportId == expired))).ShouldBeFalse();

        var run = await factory.WithDbAsync(db => db.RetentionRuns.AsNoTracking().Where(r => r.Rule == RetentionJob.NotPursuedReports).OrderByDescending(r => r.RanAt).FirstAsync());
        run.DeletedIds.ShouldContain(expired.ToString());
        run.DeletedIds.ShouldNotContain(recent.ToString());
        run.RunBy.ShouldBe("test");
        (await factory.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == "retention.purged" && e.ObjectType == RetentionJob.NotPursuedReports))).ShouldBeTrue();

        // A second run finds nothing more to delete under that rule.
        (await RunJobAsync()).Single(r => r.Rule == RetentionJob.NotPursuedReports).Deleted.ShouldBe(0);
    }

    [Fact]
    public async Task TheJob_DeletesSentMessagesAndOldIdempotencyKeys_ButNeverAnUnsentMessageOrAClaimInFlight()
    {
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var (oldSent, unsent) = await factory.WithDbAsync(async db =>
        {
            var a = new OutboxMessage { To = "a@example.fr", Subject = "s", Body = "b", Kind = "test", CreatedAt = now.AddDays(-40), SentAt = now.AddDays(-40) };
            var b = new OutboxMessage { To = "b@example.fr", Subject = "s", Body = "b", Kind = "test", CreatedAt = now.AddDays(-40) };
            db.OutboxMessages.AddRange(a, b);
            db.IdempotencyRecords.Add(new IdempotencyRecord { UserId = "u-old", Key = "k", RequestHash = "", StatusCode = 201, ContentType = "text/plain", ResponseBody = "x", CreatedAt = now.AddDays(-31) });
            db.IdempotencyRecords.Add(new IdempotencyRecord { UserId = "u-inflight", Key = "k", RequestHash = "", StatusCode = IdempotencyRecord.InFlight, ContentType = "", ResponseBody = "", CreatedAt = now.AddDays(-31) });
            db.IdempotencyRecords.Add(new IdempotencyRecord { UserId = "u-new", Key = "k", RequestHash = "", StatusCode = 201, ContentType = "text/plain", ResponseBody = "x", CreatedAt = now.AddDays(-1) });
            await db.SaveChangesAsync();
            return (a.Id, b.Id);
        });

        await RunJobAsync();

        await factory.WithDbAsync(async db =>
        {
            (await db.OutboxMessages.AnyAsync(m => m.Id == oldSent)).ShouldBeFalse();
            (await db.OutboxMessages.AnyAsync(m => m.Id == unsent)).ShouldBeTrue();
            (await db.IdempotencyRecords.AnyAsync(r => r.UserId == "u-old")).ShouldBeFalse();
            (await db.IdempotencyRecords.AnyAsync(r => r.UserId == "u-inflight")).ShouldBeTrue();
            (await db.IdempotencyRecords.AnyAsync(r => r.UserId == "u-new")).ShouldBeTrue();
        });
    }

    [Fact]
    public async Task TheJobLease_LetsOneInstanceRunPerInterval()
    {
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var hour = TimeSpan.FromHours(1);
        await factory.WithDbAsync(db => db.JobLeases.Where(l => l.Name == RetentionWorker.LeaseName).ExecuteDeleteAsync());
        (await factory.WithDbAsync(db => RetentionWorker.TryTakeLeaseAsync(db, now, hour, "instance-a", CancellationToken.None))).ShouldBeTrue();
        (await factory.WithDbAsync(db => RetentionWorker.TryTakeLeaseAsync(db, now.AddMinutes(1), hour, "instance-b", CancellationToken.None))).ShouldBeFalse();
        (await factory.WithDbAsync(db => RetentionWorker.TryTakeLeaseAsync(db, now.AddMinutes(61), hour, "instance-b", CancellationToken.None))).ShouldBeTrue();
        (await factory.WithDbAsync(db => db.JobLeases.SingleAsync(l => l.Name == RetentionWorker.LeaseName))).Holder.ShouldBe("instance-b");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("abc")]
    [InlineData("999999")]
    [InlineData("'; DROP TABLE reports; --")]
    public void AnInvalidRetentionPeriod_StopsTheApplicationWithAClearMessage(string value)
    {
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Retention:NotPursuedReportDays"] = value })
            .Build();
        var error = Should.Throw<InvalidOperationException>(() => RetentionRules.From(configuration));
        error.Message.ShouldContain("Retention:NotPursuedReportDays");
    }

    [Fact]
    public async Task TheOfficer_SeesRulesCountsAndRuns_ButNoContent_AndMayRunThePurge()
    {
        var id = await NotPursuedAsync("Confidentielle", closedDaysAgo: 300);
        using var dpo = await factory.SignInAsync(Roles.Dpo, AccessScope.NationalValue);
        var page = await dpo.GetAsync("/retention");
        page.Status.ShouldBe(HttpStatusCode.OK, page.ToString());
        page.Html.ShouldContain(Fr("retention.rule.not-pursued-report"));
        page.Html.ShouldNotContain("CONFIDENTIELLE", Case.Insensitive);
        page.Html.ShouldNotContain(id.ToString());

        var ran = await dpo.PostWithTokenAsync("/retention?handler=Run", WebSession.AntiForgeryToken(page));
        ran.Redirects.ShouldBeTrue(ran.ToString());
        (await ExistsAsync(id)).ShouldBeFalse();
        var after = await dpo.GetAsync("/retention");
        after.Html.ShouldContain(Fr("retention.rule.not-pursued-report"));
        after.Html.ShouldNotContain(Fr("retention.runs-empty"));
    }

    [Theory]
    [InlineData(Roles.Ged, "59")]
    [InlineData(Roles.GedChair, "59")]
    [InlineData(Roles.Admin, AccessScope.NationalValue)]
    [InlineData(Roles.Analyst, AccessScope.NationalValue)]
    [InlineData(Roles.Hotline, AccessScope.NationalValue)]
    public async Task OtherRoles_CannotSeeOrRunRetention(string role, string territory)
    {
        var id = await NotPursuedAsync("Intouchable", closedDaysAgo: 300);
        using var session = await factory.SignInAsync(role, territory);
        Refused(await session.GetAsync("/retention"));
        var home = await session.GetAsync("/");
        Refused(await session.PostWithTokenAsync("/retention?handler=Run", WebSession.AntiForgeryToken(home)));
        (await ExistsAsync(id)).ShouldBeTrue();
    }

    /// <summary>Refused: 403, or a redirect to the access-denied page; never the page.</summary>
    internal static void Refused(PageResponse response)
    {
        response.Status.ShouldNotBe(HttpStatusCode.OK, response.ToString());
        if (response.Redirects)
        {
            response.Location.ShouldNotBeNull().ShouldContain("/Account/AccessDenied", Case.Insensitive);
        }
        else
        {
            response.Status.ShouldBe(HttpStatusCode.Forbidden, response.ToString());
        }
    }
}
