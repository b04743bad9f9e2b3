using System.Net;
using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Case = Shouldly.Case;
using Passerelle.Web.Audit;
using Passerelle.Web.Security;
using Passerelle.Web.Tests.Infrastructure;
using static Passerelle.Web.Tests.Infrastructure.PageKit;

namespace Passerelle.Web.Tests.Pages;

/// <summary>
/// Two départements (59, 62) and several roles, signed in for real, trying every read path of the pages
/// (register list, search, count, person, report, report form, transition) across territory and role
/// boundaries: they get nothing. Every page read leaves an audit event, a miss included.
/// </summary>
public sealed class PageAccessTests(PasserelleFactory factory) : IClassFixture<PasserelleFactory>
{
    public static readonly IReadOnlyDictionary<string, (string Role, string Territories)> Users = new Dictionary<string, (string, string)>
    {
        ["ged59"] = (Roles.Ged, "59"),
        ["ged62"] = (Roles.Ged, "62"),
        ["chair59"] = (Roles.GedChair, "59"),
        ["hotline"] = (Roles.Hotline, AccessScope.NationalValue),
        ["care59"] = (Roles.Care, "59"),
        ["admin"] = (Roles.Admin, AccessScope.NationalValue),
        ["dpo"] = (Roles.Dpo, AccessScope.NationalValue),
        ["analyst"] = (Roles.Analyst, AccessScope.NationalValue),
    };

    public static TheoryData<string> WithoutRegister => new() { "hotline", "care59", "admin", "dpo", "analyst" };

    public static TheoryData<string> NotDpo => new() { "ged59", "chair59", "hotline", "care59", "admin", "analyst" };

    public static TheoryData<string> NotAdmin => new() { "ged59", "chair59", "hotline", "care59", "dpo", "analyst" };

    private sealed record World(Guid Person59, Guid Report59, Guid Case59, Guid Person62, Guid Report62, Guid Case62, Guid HotlineReport, string HotlineReceipt);

    private async Task<PageUser> UserAsync(string name) => await factory.PageUserAsync(Users[name].Role, Users[name].Territories);

    private async Task<WebSession> SessionAsync(string name) => await factory.SignInAsync(await UserAsync(name));

    private Task<World> WorldAsync() => factory.OnceAsync("page-world", async () =>
    {
        using var ged59 = factory.ClientWithToken((await UserAsync("ged59")).Token);
        using var ged62 = factory.ClientWithToken((await UserAsync("ged62")).Token);
        using var hotline = factory.ClientWithToken((await UserAsync("hotline")).Token);
        var report59 = await ged59.CreateReportAsync(TestApi.Report("59", surname: "Martin", givenName: "Lucas"));
        var report62 = await ged62.CreateReportAsync(TestApi.Report("62", surname: "Moreau", givenName: "Thomas"));
        var byHotline = await hotline.CreateReportAsync(TestApi.Report("59", surname: "Lefebvre", givenName: "Inès"));
        var read59 = await ged59.GetJsonAsync($"{TestApi.Reports}/{report59.Id}");
        var read62 = await ged62.GetJsonAsync($"{TestApi.Reports}/{report62.Id}");
        return new World(
            read59.GetProperty("personId").GetGuid(), report59.Id, read59.GetProperty("caseId").GetGuid(),
            read62.GetProperty("personId").GetGuid(), report62.Id, read62.GetProperty("caseId").GetGuid(),
            byHotline.Id, byHotline.Receipt);
    });

    [Theory]
    [InlineData("ged59")]
    [InlineData("chair59")]
    public async Task Register_For59Panel_ListsAndCountsOnly59(string name)
    {
        await WorldAsync();
        using var session = await SessionAsync(name);

        var list = await session.GetAsync("/register");

        list.Status.ShouldBe(HttpStatusCode.OK);
        list.Html.ShouldContain("MARTIN Lucas");
        list.Html.ShouldNotContain("MOREAU", Case.Insensitive);
        list.Html.ShouldContain(Fr("register.count", 1));
        // The hotline's report waits in the 59 triage queue until a member takes it in charge.
        list.Html.ShouldNotContain("LEFEBVRE", Case.Insensitive);
        var queue = await session.GetAsync("/triage");
        queue.Html.ShouldContain("LEFEBVRE Inès");
        queue.Html.ShouldNotContain("MOREAU", Case.Insensitive);
    }

    [Theory]
    [InlineData("/register?q=moreau")]
    [InlineData("/register?q=Thomas")]
    [InlineData("/register?q=moreau&dob=2006-03-14")]
    [InlineData("/register?q=moreau&status=Reported")]
    [InlineData("/register?dob=2006-03-14&q=mor")]
    public async Task RegisterSearch_ForGed59_FindsNothingOf62(string url)
    {
        using var session = await SessionAsync("ged59");

        var world = await WorldAsync();
        var search = await session.GetAsync(url);

        search.Status.ShouldBe(HttpStatusCode.OK);
        search.Html.ShouldContain(Fr("register.count", 0));
        search.Html.ShouldContain(Fr("register.empty"));
        search.Html.ShouldNotContain("MOREAU", Case.Sensitive); // the query itself is echoed in lower case in the search box
        search.Html.ShouldNotContain($"/persons/{world.Person62}");
    }

    [Fact]
    public async Task PersonReportAndReportForm_Of62_AnswerNotFound_ToGed59()
    {
        var world = await WorldAsync();
        using var session = await SessionAsync("ged59");

        foreach (var url in new[] { $"/persons/{world.Person62}", $"/reports/{world.Report62}", $"/reports/new?personId={world.Person62}" })
        {
            var response = await session.GetAsync(url);
            response.Status.ShouldBe(HttpStatusCode.NotFound, url);
            response.Html.ShouldNotContain("Moreau", Case.Insensitive);
        }

        (await session.GetAsync($"/persons/{world.Person59}")).Status.ShouldBe(HttpStatusCode.OK);
        (await session.GetAsync($"/reports/{world.Report59}")).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Ged62_SeesIts62Person_AndNot59()
    {
        var world = await WorldAsync();
        using var session = await SessionAsync("ged62");

        var person = await session.GetAsync($"/persons/{world.Person62}");
        person.Status.ShouldBe(HttpStatusCode.OK);
        person.Html.ShouldContain("MOREAU Thomas");
        (await session.GetAsync($"/persons/{world.Person59}")).Status.ShouldBe(HttpStatusCode.NotFound);
        var martin = await session.GetAsync("/register?q=martin");
        martin.Html.ShouldContain(Fr("register.count", 0));
    }

    [Fact]
    public async Task TransitionOnA62Case_ByGed59_AnswersNotFound_AndChangesNothing()
    {
        var world = await WorldAsync();
        using var session = await SessionAsync("ged59");
        var before = await CaseStateAsync(world.Case62);
        var token = WebSession.AntiForgeryToken(await session.GetAsync($"/persons/{world.Person59}"));
        (string, string)[] fields = [("Input.CaseId", world.Case62.ToString()), ("Input.Version", before.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("Input.To", "UnderAssessment"), ("Input.Reason", "Tentative hors périmètre")];

        var onTheirPage = await session.PostWithTokenAsync($"/persons/{world.Person62}?handler=Transition", token, fields);
        var throughOurPage = await session.PostWithTokenAsync($"/persons/{world.Person59}?handler=Transition", token, fields);

        onTheirPage.Status.ShouldBe(HttpStatusCode.NotFound);
        throughOurPage.Status.ShouldBe(HttpStatusCode.NotFound);
        throughOurPage.Html.ShouldNotContain("Moreau", Case.Insensitive);
        (await CaseStateAsync(world.Case62)).ShouldBe(before);
    }

    [Theory]
    [MemberData(nameof(WithoutRegister))]
    public async Task RegisterAndPersonPages_ForRoleWithoutRegister_AreRefused(string name)
    {
        var world = await WorldAsync();
        using var session = await SessionAsync(name);

        foreach (var url in new[] { "/register", "/register?q=martin", $"/persons/{world.Person59}", $"/persons/{world.Person62}" })
        {
            var response = await session.GetAsync(url);
            response.Status.ShouldNotBe(HttpStatusCode.OK, url);
            if (response.Redirects)
            {
                response.Location.ShouldNotBeNull(url).ShouldContain("/Account/AccessDenied", Case.Insensitive);
            }

            response.Html.ShouldNotContain("Martin", Case.Insensitive);
            response.Html.ShouldNotContain("Moreau", Case.Insensitive);
        }

        (await session.GetAsync("/Account/AccessDenied")).Status.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Theory]
    [MemberData(nameof(WithoutRegister))]
    public async Task ReportsOfThePanels_ForRoleWithoutRegister_AreNotFound(string name)
    {
        var world = await WorldAsync();
        using var session = await SessionAsync(name);

        foreach (var url in new[] { $"/reports/{world.Report59}", $"/reports/{world.Report62}" })
        {
            var response = await session.GetAsync(url);
            response.Status.ShouldNotBe(HttpStatusCode.OK, url);
            response.Html.ShouldNotContain("Martin", Case.Insensitive);
            response.Html.ShouldNotContain("Moreau", Case.Insensitive);
        }
    }

    [Theory]
    [MemberData(nameof(WithoutRegister))]
    public async Task TransitionForm_ForRoleWithoutRegister_IsRefused_AndChangesNothing(string name)
    {
        var world = await WorldAsync();
        using var session = await SessionAsync(name);
        var before = await CaseStateAsync(world.Case59);
        var token = WebSession.AntiForgeryToken(await session.GetAsync("/account/manage/tokens"));

        var response = await session.PostWithTokenAsync(
            $"/persons/{world.Person59}?handler=Transition", token,
            ("Input.CaseId", world.Case59.ToString()), ("Input.Version", before.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("Input.To", "UnderAssessment"), ("Input.Reason", "Tentative"));

        response.Status.ShouldNotBe(HttpStatusCode.OK);
        if (response.Redirects)
        {
            response.Location.ShouldNotBeNull().ShouldContain("/Account/AccessDenied", Case.Insensitive);
        }

        (await CaseStateAsync(world.Case59)).ShouldBe(before);
    }

    [Fact]
    public async Task Hotline_SeesItsOwnReportsOnly()
    {
        var world = await WorldAsync();
        using var session = await SessionAsync("hotline");

        var mine = await session.GetAsync("/reports/mine");
        mine.Status.ShouldBe(HttpStatusCode.OK);
        mine.Html.ShouldContain(world.HotlineReceipt);
        mine.Html.ShouldContain($"/reports/{world.HotlineReport}");
        mine.Html.ShouldNotContain($"/reports/{world.Report59}");
        mine.Html.ShouldNotContain($"/reports/{world.Report62}");

        var own = await session.GetAsync($"/reports/{world.HotlineReport}");
        own.Status.ShouldBe(HttpStatusCode.OK);
        own.Html.ShouldContain("Lefebvre");
        own.Html.ShouldNotContain("/persons/", Case.Insensitive);
        (await session.GetAsync($"/reports/{world.Report59}")).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("ged59")]
    [InlineData("care59")]
    [InlineData("dpo")]
    public async Task MyReportsPage_ForRoleThatDoesNotRecordOwnReports_IsRefused(string name)
    {
        await WorldAsync();
        using var session = await SessionAsync(name);

        var response = await session.GetAsync("/reports/mine");

        response.Status.ShouldNotBe(HttpStatusCode.OK);
        response.Html.ShouldNotContain("Lefebvre");
    }

    [Theory]
    [MemberData(nameof(NotAdmin))]
    public async Task AdminPages_ForEveryoneButAdmin_AreRefused(string name)
    {
        using var session = await SessionAsync(name);
        var admin = await UserAsync("admin");

        foreach (var url in new[] { "/admin/users", "/admin/users?q=page", "/admin/users/create", "/admin/territories", $"/admin/users/{admin.Id}" })
        {
            var response = await session.GetAsync(url);
            response.Status.ShouldNotBe(HttpStatusCode.OK, url);
            response.Location.ShouldNotBeNull(url).ShouldContain("/Account/AccessDenied", Case.Insensitive);
        }

        var token = WebSession.AntiForgeryToken(await session.GetAsync("/account/manage/tokens"));
        var email = $"intrus.{Guid.NewGuid():N}@test.passerelle.fr";
        var create = await session.PostWithTokenAsync("/admin/users/create", token,
            ("Input.Email", email), ("Input.Name", "Intrus"), ("Input.Role", "admin"), ("Input.Territories", "national"), ("Input.Password", PasserelleFactory.Password));
        create.Status.ShouldNotBe(HttpStatusCode.OK);
        (await factory.WithDbAsync(db => db.Users.CountAsync(u => u.Email == email))).ShouldBe(0);
    }

    [Fact]
    public async Task AdminPages_ForAdmin_Answer200()
    {
        using var session = await SessionAsync("admin");
        var ged = await UserAsync("ged59");

        foreach (var url in new[] { "/admin/users", "/admin/users/create", "/admin/territories", $"/admin/users/{ged.Id}" })
        {
            (await session.GetAsync(url)).Status.ShouldBe(HttpStatusCode.OK, url);
        }

        (await session.GetAsync("/admin/users/not-an-id")).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [MemberData(nameof(NotDpo))]
    public async Task AuditTrail_ForEveryoneButDpo_IsRefused(string name)
    {
        using var session = await SessionAsync(name);

        foreach (var url in new[] { "/audit", "/audit?verify=true", "/audit?event=person.read" })
        {
            var response = await session.GetAsync(url);
            response.Status.ShouldNotBe(HttpStatusCode.OK, url);
            response.Location.ShouldNotBeNull(url).ShouldContain("/Account/AccessDenied", Case.Insensitive);
        }
    }

    [Fact]
    public async Task AuditTrail_ForDpo_Answers200_AndVerifiesTheChain()
    {
        await WorldAsync();
        using var session = await SessionAsync("dpo");

        (await session.GetAsync("/audit")).Status.ShouldBe(HttpStatusCode.OK);
        (await session.GetAsync("/audit?verify=true")).Status.ShouldBe(HttpStatusCode.OK);
        (await session.GetAsync("/audit?event=person.read&p=2")).Status.ShouldBe(HttpStatusCode.OK);
        var tooLong = await session.GetAsync("/audit?user=" + new string('x', 65));
        tooLong.Status.ShouldBe(HttpStatusCode.OK);
        tooLong.Html.ShouldContain(Fr("error.too-long", 64));
        var notANumber = await session.GetAsync("/audit?p=x");
        ((int)notANumber.Status).ShouldBeLessThan(500);
    }

    [Fact]
    public async Task EveryPageRead_AppendsAnAuditEvent_AndAMissIsRecordedAsNotFound()
    {
        var world = await WorldAsync();
        var user = await UserAsync("chair59");
        using var session = await factory.SignInAsync(user);
        var before = await factory.WithDbAsync(db => db.AuditEvents.Where(e => e.UserId == user.Id).Select(e => e.Seq).DefaultIfEmpty().MaxAsync());

        (await session.GetAsync($"/persons/{world.Person59}")).Status.ShouldBe(HttpStatusCode.OK);
        (await session.GetAsync($"/reports/{world.Report59}")).Status.ShouldBe(HttpStatusCode.OK);
        (await session.GetAsync("/register?q=martin")).Status.ShouldBe(HttpStatusCode.OK);
        (await session.GetAsync($"/persons/{world.Person62}")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await session.GetAsync($"/reports/{world.Report62}")).Status.ShouldBe(HttpStatusCode.NotFound);

        var events = await factory.WithDbAsync(db => db.AuditEvents.AsNoTracking().Where(e => e.UserId == user.Id && e.Seq > before).OrderBy(e => e.Seq).ToListAsync());
        var trail = string.Join('\n', events.Select(e => $"{e.Seq} {e.Action} {e.ObjectId} {e.Outcome}"));
        // Each person shown in the result list is a read of that person too: one "person.listed" event per row.
        var listed = events.Where(e => e.Action == "person.listed").ToList();
        listed.ShouldContain(e => e.ObjectId == world.Person59.ToString() && e.Territory == "59", trail);
        listed.ShouldNotContain(e => e.ObjectId == world.Person62.ToString(), trail);
        events.SkipWhile(e => e.Action != "register.search").Skip(1).TakeWhile(e => e.Action == "person.listed").Count().ShouldBe(listed.Count, trail);
        events.Where(e => e.Action != "person.listed").Select(e => (e.Action, e.ObjectId, e.Outcome)).ShouldBe(
        [
            ("person.read", world.Person59.ToString(), AuditLog.Success),
            ("report.read", world.Report59.ToString(), AuditLog.Success),
            ("register.search", null, AuditLog.Success),
            ("person.read", world.Person62.ToString(), AuditLog.NotFound),
            ("report.read", world.Report62.ToString(), AuditLog.NotFound),
        ], trail);
        events.ShouldAllBe(e => e.Role == Roles.GedChair);
        events.ShouldAllBe(e => e.Reason == null || !e.Reason.Contains("martin", StringComparison.OrdinalIgnoreCase));
    }

    private async Task<(CaseStatus Status, int Version, int Events)> CaseStateAsync(Guid caseId) =>
        await factory.WithDbAsync(async db =>
        {
            var c = await db.Cases.AsNoTracking().SingleAsync(x => x.Id == caseId);
            return (c.Status, c.Version, await db.CaseEvents.CountAsync(e => e.CaseId == caseId));
        });
}
