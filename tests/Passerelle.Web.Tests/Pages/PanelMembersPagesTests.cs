using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Security;
using Passerelle.Web.Tests.Infrastructure;
using static Passerelle.Web.Tests.Infrastructure.PageKit;
using static Passerelle.Web.Tests.Pages.PanelKit;
using Case = Shouldly.Case;

namespace Passerelle.Web.Tests.Pages;

/// <summary>
/// Panel members (issue 5): the chair adds and edits the members of their département (the administrator of any,
/// choosing it), members are deactivated never deleted, edits are version-checked and audited; bad input changes nothing.
/// </summary>
public sealed class PanelMembersPagesTests(PasserelleFactory factory) : IClassFixture<PasserelleFactory>
{
    private const string List = "/panel/members";
    private const string New = "/panel/members/new";

    private static (string, string)[] Fields(string? name, string? service, string? function, string? email, bool active = true, string? territory = null, int? version = null)
    {
        var fields = new List<(string, string)> { ("Input.Name", name ?? ""), ("Input.Service", service ?? ""), ("Input.Function", function ?? ""), ("Input.Email", email ?? "") };
        if (territory is not null) { fields.Add(("Input.Territory", territory)); }
        if (version is not null) { fields.Add(("Input.Version", version.Value.ToString(CultureInfo.InvariantCulture))); }
        if (active) { fields.Add(("Input.Active", "true")); }
        fields.Add(("Input.Active", "false"));
        return [.. fields];
    }

    private Task<PanelMember?> StoredAsync(string name) =>
        factory.WithDbAsync(db => db.PanelMembers.AsNoTracking().SingleOrDefaultAsync(m => m.Name == name));

    [Fact]
    public async Task TheChair_AddsAMember_LinkedToTheirAccountByEmail_AndEditsAndDeactivatesIt()
    {
        var chairUser = await factory.PageUserAsync(Roles.GedChair, "59");
        using var chair = await factory.SignInAsync(chairUser);
        var name = Unique("Préfet ");

        var post = await chair.PostFormAsync(New, New, Fields(name, "prefecture", "Chair", chairUser.Email));

        post.Redirects.ShouldBeTrue(post.ToString());
        post.Location.ShouldBe(List);
        var stored = (await StoredAsync(name)).ShouldNotBeNull();
        stored.TerritoryCode.ShouldBe("59");
        stored.Function.ShouldBe(PanelFunction.Chair);
        stored.UserId.ShouldBe(chairUser.Id);
        (await factory.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == "panel-member.created" && e.ObjectId == stored.Id.ToString()))).ShouldBe(1);
        var list = await chair.GetAsync(List);
        list.Html.ShouldNotContain("panel.");
        list.Html.ShouldContain(Html(name));
        list.Html.ShouldContain(Fr("panel.service.prefecture"));
        list.Html.ShouldContain(Fr("panel.function.Chair"));

        var edit = await chair.GetAsync($"{List}/{stored.Id}");
        edit.Status.ShouldBe(HttpStatusCode.OK);
        var token = WebSession.AntiForgeryToken(edit);
        var saved = await chair.PostWithTokenAsync($"{List}/{stored.Id}", token, Fields(name, "prefecture", "ChairDelegate", "autre@example.org", active: false, version: stored.Version));
        saved.Redirects.ShouldBeTrue(saved.ToString());
        var updated = (await StoredAsync(name)).ShouldNotBeNull();
        updated.Active.ShouldBeFalse();
        updated.Function.ShouldBe(PanelFunction.ChairDelegate);
        updated.UserId.ShouldBeNull();
        (await factory.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == "panel-member.updated" && e.ObjectId == stored.Id.ToString()))).ShouldBe(1);
        (await chair.GetAsync(List)).Html.ShouldContain(Fr("panel.members.inactive"));

        var replay = await chair.PostWithTokenAsync($"{List}/{stored.Id}", token, Fields("Écrasement", "police", "Member", null, version: stored.Version));
        replay.Status.ShouldBe(HttpStatusCode.Conflict);
        replay.Html.ShouldContain(Fr("panel.meetings.conflict"));
        (await StoredAsync(name)).ShouldNotBeNull().Function.ShouldBe(PanelFunction.ChairDelegate);
        (await factory.WithDbAsync(db => db.PanelMembers.CountAsync(m => m.Name == name))).ShouldBe(1);
    }

    public static TheoryData<string, string, string, string, string, string> BadInputs => new()
    {
        { "missing name", "", "police", "Member", "", "panel.members.error.name-required" },
        { "oversized name", new string('n', PanelMember.MaxNameLength + 1), "police", "Member", "", "error.too-long" },
        { "markup in name", "<script>alert(1)</script>", "police", "Member", "", "error.markup" },
        { "missing service", "Nom", "", "Member", "", "panel.members.error.service-required" },
        { "unknown service", "Nom", "cia", "Member", "", "error.unknown-value" },
        { "SQL service", "Nom", "'; DROP TABLE panel_members;--", "Member", "", "error.unknown-value" },
        { "path function", "Nom", "police", "../../etc/passwd", "", "error.unknown-value" },
        { "numeric function", "Nom", "police", "2", "", "error.unknown-value" },
        { "bad email", "Nom", "police", "Member", "pas-une-adresse", "error.email-invalid" },
        { "script email", "Nom", "police", "Member", "<script>@x.fr", "error.email-invalid" },
        { "oversized email", "Nom", "police", "Member", new string('e', 200) + "@example.org", "error.too-long" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Creating_WithBadInput_Returns422WithTheMessage_AndStoresNothing(string what, string name, string service, string function, string email, string key)
    {
        using var chair = await factory.SignInAsync(Roles.GedChair, "59");
        var before = await factory.WithDbAsync(db => db.PanelMembers.CountAsync());

        var post = await chair.PostFormAsync(New, New, Fields(name, service, function, email));

        post.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, what + ": " + post);
        var message = key == "error.too-long" ? Fr(key, email.Length > 0 ? 200 : PanelMember.MaxNameLength) : Fr(key);
        post.Html.ShouldContain(message, Case.Sensitive, what);
        post.Html.ShouldNotContain("<script>alert(1)</script>");
        (await factory.WithDbAsync(db => db.PanelMembers.CountAsync())).ShouldBe(before, what);
    }

    [Fact]
    public async Task TheAdministrator_PicksTheDepartement_AndCannotLeaveItOut()
    {
        using var admin = await factory.SignInAsync(Roles.Admin, AccessScope.NationalValue);
        var name = Unique("Procureur ");
        var missing = await admin.PostFormAsync(New, New, Fields(name, "parquet", "Prosecutor", null));
        missing.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        missing.Html.ShouldContain(Fr("panel.members.error.territory-required"));
        (await admin.PostFormAsync(New, New, Fields(name, "parquet", "Prosecutor", null, territory: "999"))).Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await StoredAsync(name)).ShouldBeNull();

        (await admin.PostFormAsync(New, New, Fields(name, "parquet", "Prosecutor", null, territory: "62"))).Redirects.ShouldBeTrue();

        (await StoredAsync(name)).ShouldNotBeNull().TerritoryCode.ShouldBe("62");
    }

    [Fact]
    public async Task APanelMember_ReadsTheList_ButCannotManage_AndAnotherDepartementSeesNothing()
    {
        var member = await MemberAsync(factory, "62", Unique("Gendarme "), PanelFunction.Member);
        using var ged = await factory.SignInAsync(Roles.Ged, "62");
        var list = await ged.GetAsync(List);
        list.Status.ShouldBe(HttpStatusCode.OK);
        list.Html.ShouldContain(Html(member.Name));
        list.Html.ShouldNotContain(New);
        var create = await ged.GetAsync(New);
        create.Redirects.ShouldBeTrue();
        create.Location.ShouldNotBeNull().ShouldContain("/Account/AccessDenied", Case.Insensitive);
        (await ged.GetAsync($"{List}/{member.Id}")).Redirects.ShouldBeTrue();

        using var otherChair = await factory.SignInAsync(Roles.GedChair, "75");
        (await otherChair.GetAsync(List)).Html.ShouldNotContain(Html(member.Name));
        var edit = await otherChair.GetAsync($"{List}/{member.Id}");
        edit.Status.ShouldBe(HttpStatusCode.NotFound);
        var token = WebSession.AntiForgeryToken(await otherChair.GetAsync(New));
        (await otherChair.PostWithTokenAsync($"{List}/{member.Id}", token, Fields("Piraté", "police", "Member", null, version: member.Version))).Status.ShouldBe(HttpStatusCode.NotFound);
        (await factory.WithDbAsync(db => db.PanelMembers.SingleAsync(m => m.Id == member.Id))).Name.ShouldBe(member.Name);
        var intoOther = await otherChair.PostFormAsync(New, New, Fields("Hors champ", "police", "Member", null, territory: "62"));
        (await StoredAsync("Hors champ")).ShouldNotBeNull().TerritoryCode.ShouldBe("75", "a one-département chair always adds to their own département");
        intoOther.Redirects.ShouldBeTrue();
    }
}
