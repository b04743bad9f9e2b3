using System.Net;
using Microsoft.EntityFrameworkCore;
using Passerelle.Web.Security;
using Passerelle.Web.Tests.Infrastructure;
using static Passerelle.Web.Tests.Infrastructure.PageKit;

namespace Passerelle.Web.Tests.Pages;

/// <summary>An administrator sets the duty contact of a département (where imminent-danger alerts go); bad input changes nothing.</summary>
public sealed class DutyContactPageTests(PasserelleFactory factory) : IClassFixture<PasserelleFactory>
{
    private Task<string?> DutyContactAsync(string code) => factory.WithDbAsync(db => db.Territories.Where(t => t.Code == code).Select(t => t.DutyContactEmail).SingleAsync());

    [Fact]
    public async Task AnAdministrator_SetsAndClearsADutyContact_Audited()
    {
        using var admin = await factory.SignInAsync(Roles.Admin, AccessScope.NationalValue);
        var form = await admin.GetAsync("/admin/territories/2A");
        form.Status.ShouldBe(HttpStatusCode.OK, form.ToString());
        var saved = await admin.PostWithTokenAsync("/admin/territories/2A", WebSession.AntiForgeryToken(form), ("DutyContactEmail", "  astreinte@corse-du-sud.gouv.fr "));
        saved.Redirects.ShouldBeTrue(saved.ToString());
        (await DutyContactAsync("2A")).ShouldBe("astreinte@corse-du-sud.gouv.fr");
        (await admin.GetAsync("/admin/territories")).Html.ShouldContain("astreinte@corse-du-sud.gouv.fr");
        (await factory.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == "territory.duty-contact-changed" && e.ObjectId == "2A"))).ShouldBeTrue();

        var cleared = await admin.PostWithTokenAsync("/admin/territories/2A", WebSession.AntiForgeryToken(form), ("DutyContactEmail", ""));
        cleared.Redirects.ShouldBeTrue();
        (await DutyContactAsync("2A")).ShouldBeNull();
    }

    [Theory]
    [InlineData("pas-une-adresse")]
    [InlineData("a@b")]
    [InlineData("<script>alert(1)</script>@x.fr")]
    [InlineData("x@y.fr, autre@z.fr")]
    [InlineData("x@y.fr\r\nBcc: victim@z.fr")]
    [InlineData("'; DROP TABLE territories; --@x.fr")]
    public async Task ABadAddress_IsRefusedWithAClearMessage_AndChangesNothing(string value)
    {
        using var admin = await factory.SignInAsync(Roles.Admin, AccessScope.NationalValue);
        var form = await admin.GetAsync("/admin/territories/971");
        var before = await DutyContactAsync("971");
        var refused = await admin.PostWithTokenAsync("/admin/territories/971", WebSession.AntiForgeryToken(form), ("DutyContactEmail", value));
        refused.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        refused.Html.ShouldContain(Fr("territories.duty-contact-invalid"));
        refused.Html.ShouldNotContain("<script>alert(1)</script>");
        (await DutyContactAsync("971")).ShouldBe(before);
    }

    [Fact]
    public async Task AnOversizedAddress_OrAnUnknownDepartement_ChangesNothing()
    {
        using var admin = await factory.SignInAsync(Roles.Admin, AccessScope.NationalValue);
        var form = await admin.GetAsync("/admin/territories/972");
        var tooLong = new string('a', 300) + "@x.fr";
        var refused = await admin.PostWithTokenAsync("/admin/territories/972", WebSession.AntiForgeryToken(form), ("DutyContactEmail", tooLong));
        refused.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        refused.Html.ShouldContain(Fr("territories.duty-contact-too-long", 200));
        (await DutyContactAsync("972")).ShouldBeNull();

        (await admin.GetAsync("/admin/territories/99")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await admin.GetAsync("/admin/territories/..%2F..%2Fetc")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await admin.PostWithTokenAsync("/admin/territories/99", WebSession.AntiForgeryToken(form), ("DutyContactEmail", "x@y.fr"))).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData(Roles.GedChair, "59")]
    [InlineData(Roles.Dpo, AccessScope.NationalValue)]
    public async Task OtherRoles_CannotChangeADutyContact(string role, string territory)
    {
        using var session = await factory.SignInAsync(role, territory);
        RetentionTests.Refused(await session.GetAsync("/admin/territories/59"));
        var home = await session.GetAsync("/");
        RetentionTests.Refused(await session.PostWithTokenAsync("/admin/territories/59", WebSession.AntiForgeryToken(home), ("DutyContactEmail", "pirate@x.fr")));
        (await DutyContactAsync("59")).ShouldNotBe("pirate@x.fr");
    }
}
