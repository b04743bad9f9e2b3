using System.Net;
using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Security;
using Passerelle.Web.Tests.Infrastructure;
using static Passerelle.Web.Tests.Infrastructure.PageKit;
using Case = Shouldly.Case;

namespace Passerelle.Web.Tests.Pages;

/// <summary>
/// Families referred by the hotline to the family-support unit (CPRAF): the unit of the département sees
/// them and records the outcome; another département's unit, the panel and the hotline see nothing;
/// a stale or unknown outcome changes nothing.
/// </summary>
public sealed class FamilyReferralsPagesTests(PasserelleFactory factory) : IClassFixture<PasserelleFactory>
{
    private Task<Guid> ReferralAsync(string territory, string name) => factory.WithDbAsync(async db =>
    {
        var referral = new FamilyReferral
        {
            TerritoryCode = territory,
            ContactName = name,
            Contact = "06 12 34 56 78",
            Relation = "parent",
            ConsentRecordedAt = factory.Clock.GetUtcNow().UtcDateTime,
            RecordedById = "hotline-test",
            Note = "Mère inquiète, préfère être rappelée le soir.",
        };
        db.FamilyReferrals.Add(referral);
        await db.SaveChangesAsync();
        return referral.Id;
    });

    private Task<FamilyReferral> StoredAsync(Guid id) => factory.WithDbAsync(db => db.FamilyReferrals.IgnoreQueryFilters().AsNoTracking().SingleAsync(f => f.Id == id));

    [Fact]
    public async Task TheUnitOfTheDepartement_SeesItsFamilies_AndRecordsTheOutcome_Audited()
    {
        var id = await ReferralAsync("59", "Mme Lenord Fatou");
        var other = await ReferralAsync("75", "M. Parisien Karim");
        using var care = await factory.SignInAsync(Roles.Care, "59");
        var page = await care.GetAsync("/family-referrals");
        page.Status.ShouldBe(HttpStatusCode.OK, page.ToString());
        page.Html.ShouldContain(Html("Mme Lenord Fatou"));
        page.Html.ShouldContain(Fr("family-referrals.relation.parent"));
        page.Html.ShouldNotContain("Parisien");
        (await factory.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == "family-referral.listed" && e.ObjectId == id.ToString()))).ShouldBeTrue();
        (await factory.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == "family-referral.listed" && e.ObjectId == other.ToString()))).ShouldBeFalse();

        var done = await care.PostWithTokenAsync("/family-referrals?handler=Outcome", WebSession.AntiForgeryToken(page), ("id", id.ToString()), ("version", "0"), ("outcome", "contacted"));
        done.Redirects.ShouldBeTrue(done.ToString());
        var stored = await StoredAsync(id);
        stored.Status.ShouldBe(FamilyReferralStatus.Contacted);
        stored.ContactedAt.ShouldNotBeNull();
        (await care.GetAsync("/family-referrals?status=contacted")).Html.ShouldContain(Html("Mme Lenord Fatou"));
    }

    [Fact]
    public async Task AStaleVersion_OrAnUnknownOutcome_ChangesNothing()
    {
        var id = await ReferralAsync("59", "Mme Perimee");
        using var care = await factory.SignInAsync(Roles.Care, "59");
        var page = await care.GetAsync("/family-referrals");
        var token = WebSession.AntiForgeryToken(page);

        foreach (var outcome in new[] { "", "closed", "<script>alert(1)</script>", "'; DROP TABLE family_referrals; --", "../../etc/passwd" })
        {
            var refused = await care.PostWithTokenAsync("/family-referrals?handler=Outcome", token, ("id", id.ToString()), ("version", "0"), ("outcome", outcome));
            refused.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, outcome);
            refused.Html.ShouldContain(Fr("family-referrals.error-outcome"));
            refused.Html.ShouldNotContain("<script>alert(1)</script>");
        }

        var stale = await care.PostWithTokenAsync("/family-referrals?handler=Outcome", token, ("id", id.ToString()), ("version", "7"), ("outcome", "declined"));
        stale.Status.ShouldBe(HttpStatusCode.Conflict);
        stale.Html.ShouldContain(Fr("family-referrals.error-stale"));
        (await StoredAsync(id)).Status.ShouldBe(FamilyReferralStatus.Open);

        var twice = await care.PostWithTokenAsync("/family-referrals?handler=Outcome", token, ("id", id.ToString()), ("version", "0"), ("outcome", "declined"));
        twice.Redirects.ShouldBeTrue();
        var again = await care.PostWithTokenAsync("/family-referrals?handler=Outcome", token, ("id", id.ToString()), ("version", "1"), ("outcome", "contacted"));
        again.Status.ShouldBe(HttpStatusCode.Conflict, "a referral already handled is not handled again");
        (await StoredAsync(id)).Status.ShouldBe(FamilyReferralStatus.Declined);
    }

    [Theory]
    [InlineData(Roles.Care, "75")]
    [InlineData(Roles.Clinician, "62")]
    public async Task AnotherDepartementsUnit_SeesNothing_AndCannotAct(string role, string territory)
    {
        var id = await ReferralAsync("59", "Mme Horsperimetre");
        using var session = await factory.SignInAsync(role, territory);
        var page = await session.GetAsync("/family-referrals");
        page.Status.ShouldBe(HttpStatusCode.OK);
        page.Html.ShouldNotContain("Horsperimetre");
        var post = await session.PostWithTokenAsync("/family-referrals?handler=Outcome", WebSession.AntiForgeryToken(page), ("id", id.ToString()), ("version", "0"), ("outcome", "contacted"));
        post.Status.ShouldBe(HttpStatusCode.NotFound);
        (await StoredAsync(id)).Status.ShouldBe(FamilyReferralStatus.Open);
    }

    [Theory]
    [InlineData(Roles.Ged, "59")]
    [InlineData(Roles.GedChair, "59")]
    [InlineData(Roles.Hotline, AccessScope.NationalValue)]
    [InlineData(Roles.Admin, AccessScope.NationalValue)]
    [InlineData(Roles.Dpo, AccessScope.NationalValue)]
    public async Task OtherRoles_AreRefused(string role, string territory)
    {
        await ReferralAsync("59", "Mme Compartiment");
        using var session = await factory.SignInAsync(role, territory);
        var page = await session.GetAsync("/family-referrals");
        RetentionTests.Refused(page);
        page.Html.ShouldNotContain("Compartiment", Case.Insensitive);
    }
}
