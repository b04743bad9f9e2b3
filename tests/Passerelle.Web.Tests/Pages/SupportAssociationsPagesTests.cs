using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Security;
using Passerelle.Web.Tests.Infrastructure;
using static Passerelle.Web.Tests.Infrastructure.PageKit;
using Case = Shouldly.Case;

namespace Passerelle.Web.Tests.Pages;

/// <summary>
/// The reference list of victim-support associations (issue 4): Miviludes analysts and administrators list,
/// add and edit them (never delete: deactivate); bad input, duplicates and stale versions change nothing;
/// other roles are refused.
/// </summary>
public sealed class SupportAssociationsPagesTests(PasserelleFactory factory) : IClassFixture<PasserelleFactory>
{
    private const string List = "/miviludes/associations";
    private const string New = "/miviludes/associations/new";

    private Task<WebSession> AnalystAsync() => factory.SignInAsync(Roles.Miviludes, AccessScope.NationalValue);

    private static string Unique(string prefix) => $"{prefix} {Guid.NewGuid().ToString("N")[..8]}";

    private async Task<SupportAssociation> StoredAsync(string name) =>
        await factory.WithDbAsync(db => db.SupportAssociations.AsNoTracking().SingleAsync(a => a.Name == name));

    private Task<int> CountAsync() => factory.WithDbAsync(db => db.SupportAssociations.CountAsync());

    private async Task<SupportAssociation> SeedAsync(string name, string? region = null, bool active = true)
    {
        var association = new SupportAssociation { Name = name, Region = region, Contact = "Tél. 01 00 00 00 00", Active = active };
        await factory.WithDbAsync(async db =>
        {
            db.SupportAssociations.Add(association);
            await db.SaveChangesAsync();
        });
        return association;
    }

    private static Task<PageResponse> CreateAsync(WebSession session, string? name, string? region, string? contact, bool active = true) =>
        session.PostFormAsync(New, New, Fields(name, region, contact, active, 0));

    private static async Task<PageResponse> EditAsync(WebSession session, Guid id, string? name, string? region, string? contact, bool active, int? version = null)
    {
        var page = await session.GetAsync($"{List}/{id}");
        page.Status.ShouldBe(HttpStatusCode.OK, page.ToString());
        var read = version ?? int.Parse(WebSession.Hidden(page, "Input.Version"), CultureInfo.InvariantCulture);
        return await session.PostWithTokenAsync($"{List}/{id}", WebSession.AntiForgeryToken(page), Fields(name, region, contact, active, read));
    }

    private static (string, string)[] Fields(string? name, string? region, string? contact, bool active, int version)
    {
        var fields = new List<(string, string)> { ("Input.Name", name ?? ""), ("Input.Region", region ?? ""), ("Input.Contact", contact ?? ""), ("Input.Version", version.ToString(CultureInfo.InvariantCulture)) };
        if (active)
        {
            fields.Add(("Input.Active", "true"));
        }

        fields.Add(("Input.Active", "false"));
        return [.. fields];
    }

    [Fact]
    public async Task TheList_ShowsActiveAndInactiveAssociations_WithTheirRegionAndState()
    {
        var active = await SeedAsync(Unique("ADFI Liste"), "Occitanie");
        var inactive = await SeedAsync(Unique("Association dissoute"), active: false);
        using var analyst = await AnalystAsync();

        var page = await analyst.GetAsync(List);

        page.Status.ShouldBe(HttpStatusCode.OK, page.ToString());
        page.Html.ShouldNotContain("sectarian.");
        page.Html.ShouldContain(Html(active.Name));
        page.Html.ShouldContain(Html(inactive.Name));
        page.Html.ShouldContain("Occitanie");
        page.Html.ShouldContain(Fr("sectarian.associations.inactive"));
        page.Html.ShouldContain($"{List}/{inactive.Id}");
        (await analyst.GetAsync(New)).Html.ShouldContain("<option value=\"Île-de-France\"");
    }

    [Fact]
    public async Task Creating_StoresTheAssociation_AuditsIt_AndOffersItInAnswers()
    {
        var name = Unique("ADFI Normandie");
        using var analyst = await AnalystAsync();

        var post = await CreateAsync(analyst, name, "Normandie", "Tél. 02 00 00 00 11, Caen — adfi-normandie.example");

        post.Redirects.ShouldBeTrue(post.ToString());
        post.Location.ShouldBe(List);
        var stored = await StoredAsync(name);
        stored.Region.ShouldBe("Normandie");
        stored.Contact.ShouldBe("Tél. 02 00 00 00 11, Caen — adfi-normandie.example");
        stored.Active.ShouldBeTrue();
        (await factory.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == "support-association.created" && e.ObjectId == stored.Id.ToString()))).ShouldBe(1);
        (await analyst.GetAsync(List)).Html.ShouldContain(Fr("sectarian.associations.created", name));

        var national = Unique("Association nationale");
        (await CreateAsync(analyst, national, "national", "www.example.org")).Redirects.ShouldBeTrue();
        (await StoredAsync(national)).Region.ShouldBeNull();
    }

    public static TheoryData<string, string, string, string, string, string> BadInputs => new()
    {
        { "missing name", "", "Bretagne", "Tél. 01", "Input.Name", "sectarian.error.name-required" },
        { "oversized name", new string('n', SupportAssociation.MaxNameLength + 1), "Bretagne", "Tél. 01", "Input.Name", "error.too-long" },
        { "markup in name", "<script>alert(1)</script>", "Bretagne", "Tél. 01", "Input.Name", "error.markup" },
        { "newline in name", "ADFI\nBretagne", "Bretagne", "Tél. 01", "Input.Name", "error.control-characters" },
        { "missing contact", "ADFI Sans contact", "Bretagne", " ", "Input.Contact", "sectarian.error.contact-required" },
        { "oversized contact", "ADFI Trop long", "Bretagne", new string('c', SupportAssociation.MaxContactLength + 1), "Input.Contact", "error.too-long" },
        { "markup in contact", "ADFI Lien", "Bretagne", "<a href=\"javascript:alert(1)\">site</a>", "Input.Contact", "error.markup" },
        { "missing region", "ADFI Sans région", "", "Tél. 01", "Input.Region", "sectarian.error.region-required" },
        { "unknown region", "ADFI Atlantide", "Atlantide", "Tél. 01", "Input.Region", "error.unknown-value" },
        { "SQL region", "ADFI SQL", "'; DROP TABLE support_associations;--", "Tél. 01", "Input.Region", "error.unknown-value" },
        { "path region", "ADFI Chemin", "../../etc/passwd", "Tél. 01", "Input.Region", "error.unknown-value" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Creating_WithBadInput_Returns422WithTheMessageOnTheField_AndStoresNothing(string what, string name, string region, string contact, string field, string messageKey)
    {
        using var analyst = await AnalystAsync();
        var before = await CountAsync();

        var post = await CreateAsync(analyst, name, region, contact);

        post.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, what + ": " + post);
        var max = field == "Input.Name" ? SupportAssociation.MaxNameLength : SupportAssociation.MaxContactLength;
        post.Html.ShouldContain(messageKey == "error.too-long" ? Fr(messageKey, max) : Fr(messageKey), Case.Sensitive, what);
        post.Html.ShouldContain($"href=\"#{PageHelpersId(field)}\"", Case.Sensitive, what);
        post.Html.ShouldNotContain("<script>alert(1)</script>");
        (await CountAsync()).ShouldBe(before, what);
    }

    [Theory]
    [InlineData("{0}")]
    [InlineData("  {0}  ")]
    [InlineData("UPPER")]
    [InlineData("ACCENTS")]
    public async Task Creating_ADuplicateName_IsRefused_WhateverTheCaseAccentsOrSpaces(string form)
    {
        var existing = await SeedAsync(Unique("Écoute Famille"));
        var name = form switch
        {
            "UPPER" => existing.Name.ToUpperInvariant(),
            "ACCENTS" => existing.Name.Replace("É", "E", StringComparison.Ordinal),
            _ => string.Format(CultureInfo.InvariantCulture, form, existing.Name),
        };
        using var analyst = await AnalystAsync();
        var before = await CountAsync();

        var post = await CreateAsync(analyst, name, "national", "Tél. 01");

        post.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, post.ToString());
        post.Html.ShouldContain(Fr("sectarian.error.name-duplicate"));
        (await CountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Editing_ChangesContactAndDeactivates_Audited_AndTheAssociationLeavesTheAnswerForm()
    {
        var association = await SeedAsync(Unique("ADFI Édition"), "Grand Est");
        using var analyst = await AnalystAsync();

        var post = await EditAsync(analyst, association.Id, association.Name, "Grand Est", "Tél. 03 00 00 00 55, Metz", active: false);

        post.Redirects.ShouldBeTrue(post.ToString());
        var stored = await StoredAsync(association.Name);
        stored.Contact.ShouldBe("Tél. 03 00 00 00 55, Metz");
        stored.Active.ShouldBeFalse();
        stored.Version.ShouldBeGreaterThan(association.Version);
        (await factory.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == "support-association.updated" && e.ObjectId == association.Id.ToString() && e.Reason!.Contains("deactivated")))).ShouldBe(1);

        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var referral = new SectarianReferral { Receipt = Receipts.New("MIV", now), Kind = SectarianRequestKind.Information, Narrative = "Récit.", Region = "Grand Est", ReceivedAt = now };
        await factory.WithDbAsync(async db =>
        {
            db.SectarianReferrals.Add(referral);
            await db.SaveChangesAsync();
        });
        var notOffered = await analyst.GetAsync($"/miviludes/{referral.Id}");
        notOffered.Status.ShouldBe(HttpStatusCode.OK, notOffered.ToString());
        notOffered.Html.ShouldNotContain(association.Id.ToString());

        var back = await EditAsync(analyst, association.Id, association.Name, "Grand Est", stored.Contact, active: true);
        back.Redirects.ShouldBeTrue(back.ToString());
        (await StoredAsync(association.Name)).Active.ShouldBeTrue();
        var offered = await analyst.GetAsync($"/miviludes/{referral.Id}");
        offered.Html.ShouldContain(association.Id.ToString());
    }

    [Fact]
    public async Task Editing_WithAStaleVersion_Returns409_ShowsTheCurrentValues_AndChangesNothing()
    {
        var association = await SeedAsync(Unique("ADFI Concurrence"), "Bretagne");
        using var first = await AnalystAsync();
        using var second = await factory.SignInAsync(await factory.CreatePageUserAsync(Roles.Admin, AccessScope.NationalValue));
        var secondPage = await second.GetAsync($"{List}/{association.Id}");
        (await EditAsync(first, association.Id, association.Name, "Bretagne", "Tél. premier", active: true)).Redirects.ShouldBeTrue();

        var late = await second.PostWithTokenAsync($"{List}/{association.Id}", WebSession.AntiForgeryToken(secondPage),
            Fields(association.Name, "Bretagne", "Tél. second", true, int.Parse(WebSession.Hidden(secondPage, "Input.Version"), CultureInfo.InvariantCulture)));
        var garbled = await second.PostWithTokenAsync($"{List}/{association.Id}", WebSession.AntiForgeryToken(secondPage),
            [.. Fields(association.Name, "Bretagne", "Tél. troisième", true, 0).Where(f => f.Item1 != "Input.Version"), ("Input.Version", "'; DROP TABLE x;--")]);

        late.Status.ShouldBe(HttpStatusCode.Conflict, late.ToString());
        late.Html.ShouldContain(Fr("sectarian.associations.conflict"));
        late.Html.ShouldContain("Tél. premier");
        garbled.Status.ShouldBe(HttpStatusCode.Conflict, garbled.ToString());
        (await StoredAsync(association.Name)).Contact.ShouldBe("Tél. premier");
    }

    [Fact]
    public async Task Editing_IntoAnotherAssociationsName_OrWithBadInput_IsRefused()
    {
        var one = await SeedAsync(Unique("ADFI Un"));
        var two = await SeedAsync(Unique("ADFI Deux"));
        using var analyst = await AnalystAsync();

        var duplicate = await EditAsync(analyst, two.Id, one.Name.ToLowerInvariant(), "national", "Tél. 01", active: true);
        var hostile = await EditAsync(analyst, two.Id, two.Name, "national", "<img src=x onerror=alert(1)>", active: true);
        var unchanged = await EditAsync(analyst, two.Id, two.Name, "national", two.Contact, active: true);

        duplicate.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, duplicate.ToString());
        duplicate.Html.ShouldContain(Fr("sectarian.error.name-duplicate"));
        hostile.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, hostile.ToString());
        hostile.Html.ShouldContain(Fr("error.markup"));
        unchanged.Redirects.ShouldBeTrue("saving its own unchanged name is not a duplicate");
        var stored = await StoredAsync(two.Name);
        stored.Contact.ShouldBe(two.Contact);
        stored.Version.ShouldBe(two.Version);
    }

    [Fact]
    public async Task AnUnknownAssociation_IsNotFound()
    {
        using var analyst = await AnalystAsync();
        (await analyst.GetAsync($"{List}/{Guid.CreateVersion7()}")).Status.ShouldBe(HttpStatusCode.NotFound);
        var page = await analyst.GetAsync(List);
        var post = await analyst.PostWithTokenAsync($"{List}/{Guid.CreateVersion7()}", WebSession.AntiForgeryToken(page), Fields("X", "national", "Y", true, 0));
        post.Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AnAdministrator_ManagesAssociations_ButSeesNoReferral()
    {
        var name = Unique("ADFI Admin");
        using var admin = await factory.SignInAsync(Roles.Admin, AccessScope.NationalValue);

        (await admin.GetAsync(List)).Status.ShouldBe(HttpStatusCode.OK);
        (await CreateAsync(admin, name, "Corse", "Tél. 04 00 00 00 20")).Redirects.ShouldBeTrue();
        (await StoredAsync(name)).Region.ShouldBe("Corse");
        var queue = await admin.GetAsync("/miviludes");
        queue.Redirects.ShouldBeTrue();
        queue.Location.ShouldNotBeNull().ShouldContain("/Account/AccessDenied", Case.Insensitive);
    }

    [Theory]
    [InlineData(Roles.Ged, "59")]
    [InlineData(Roles.Hotline, AccessScope.NationalValue)]
    [InlineData(Roles.Analyst, AccessScope.NationalValue)]
    [InlineData(Roles.Dpo, AccessScope.NationalValue)]
    public async Task OtherRoles_CannotListCreateOrEditAssociations(string role, string territories)
    {
        var association = await SeedAsync(Unique("ADFI Protégée"));
        using var session = await factory.SignInAsync(role, territories);
        var before = await CountAsync();

        foreach (var url in new[] { List, New, $"{List}/{association.Id}" })
        {
            var response = await session.GetAsync(url);
            response.Redirects.ShouldBeTrue(url);
            response.Location.ShouldNotBeNull(url).ShouldContain("/Account/AccessDenied", Case.Insensitive);
        }

        var token = WebSession.AntiForgeryToken(await session.GetAsync("/account/manage/tokens"));
        var create = await session.PostWithTokenAsync(New, token, Fields(Unique("Intrusion"), "national", "Tél.", true, 0));
        var edit = await session.PostWithTokenAsync($"{List}/{association.Id}", token, Fields(association.Name, "national", "Intrusion", false, association.Version));

        create.Location.ShouldNotBeNull().ShouldContain("/Account/AccessDenied", Case.Insensitive);
        edit.Location.ShouldNotBeNull().ShouldContain("/Account/AccessDenied", Case.Insensitive);
        (await CountAsync()).ShouldBe(before);
        var stored = await StoredAsync(association.Name);
        stored.Contact.ShouldBe(association.Contact);
        stored.Active.ShouldBeTrue();
    }

    private static string PageHelpersId(string key) => key.Replace('.', '_');
}
