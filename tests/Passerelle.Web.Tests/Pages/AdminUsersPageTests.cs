using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Passerelle.Web.Security;
using Passerelle.Web.Tests.Infrastructure;
using static Passerelle.Web.Tests.Infrastructure.PageKit;

namespace Passerelle.Web.Tests.Pages;

/// <summary>The administrator's account pages: create with bad input, create, edit with a stale stamp, own role, lock.</summary>
public sealed class AdminUsersPageTests(PasserelleFactory factory) : IClassFixture<PasserelleFactory>
{
    private static string NewEmail() => $"compte.{Guid.NewGuid():N}@test.passerelle.fr";

    private Task<WebSession> AdminAsync() => factory.SignInAsync(Roles.Admin, AccessScope.NationalValue);

    private static Task<PageResponse> CreateAsync(WebSession admin, string email, string name = "Camille Petit", string role = "ged", string territories = "59", string password = PasserelleFactory.Password) =>
        admin.PostFormAsync("/admin/users/create", "/admin/users/create",
            ("Input.Email", email), ("Input.Name", name), ("Input.Role", role), ("Input.Territories", territories), ("Input.Password", password));

    private Task<AppUser?> FindAsync(string email) =>
        factory.WithDbAsync(db => db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Email == email));

    private static async Task<PageResponse> EditAsync(WebSession admin, string id, string command, Func<PageResponse, (string, string)[]>? fields = null, string? stamp = null)
    {
        var page = await admin.GetAsync($"/admin/users/{id}");
        page.Status.ShouldBe(HttpStatusCode.OK, page.ToString());
        var all = new List<(string, string)> { ("Input.Stamp", stamp ?? WebSession.Hidden(page, "Input.Stamp")), ("command", command) };
        all.AddRange(fields?.Invoke(page) ?? []);
        return await admin.PostWithTokenAsync($"/admin/users/{id}", WebSession.AntiForgeryToken(page), [.. all]);
    }

    private static (string, string)[] Fields(string name, string role, string territories) =>
        [("Input.Name", name), ("Input.Role", role), ("Input.Territories", territories)];

    /// <summary>(field, value, message key): one bad field on an otherwise valid creation form.</summary>
    public static TheoryData<string, string, string> BadCreations => new()
    {
        { "email", "not-an-email", "error.email-invalid" },
        { "email", "", "error.email-invalid" },
        { "email", "a@b.fr\" onmouseover=\"alert(1)", "error.email-invalid" },
        { "role", "superuser", "identity.UnknownRole" },
        { "role", "", "identity.UnknownRole" },
        { "territories", "99x", "identity.BadTerritories" },
        { "territories", "59,99", "identity.BadTerritories" },
        { "territories", "", "identity.BadTerritories" },
        { "territories", "59'; DROP TABLE users;--", "identity.BadTerritories" },
        { "password", "password", "identity.WeakPassword" },
        { "password", "Short-1!", "identity.WeakPassword" },
        { "name", "<script>alert(1)</script>", "identity.BadName" },
        { "name", "", "identity.BadName" },
        { "name", new string('n', 201), "identity.BadName" },
    };

    [Theory]
    [MemberData(nameof(BadCreations))]
    public async Task CreateWithBadInput_Answers422WithTheMessage_AndCreatesNoUser(string field, string value, string message)
    {
        using var admin = await AdminAsync();
        var email = field == "email" ? value : NewEmail();
        var usersBefore = await factory.WithDbAsync(db => db.Users.CountAsync());

        var response = field switch
        {
            "email" => await CreateAsync(admin, email),
            "role" => await CreateAsync(admin, email, role: value),
            "territories" => await CreateAsync(admin, email, territories: value),
            "password" => await CreateAsync(admin, email, password: value),
            _ => await CreateAsync(admin, email, name: value),
        };

        response.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, response.ToString());
        var expected = message == "identity.UnknownRole" ? Fr(message, string.Join(", ", Roles.All)) : Fr(message);
        response.Html.ShouldContain(expected);
        response.Html.ShouldNotContain("<script>alert(1)</script>", Case.Sensitive);
        (await factory.WithDbAsync(db => db.Users.CountAsync())).ShouldBe(usersBefore);
    }

    [Fact]
    public async Task CreateWithADuplicateEmail_Answers422_AndKeepsOneAccount()
    {
        using var admin = await AdminAsync();
        var email = NewEmail();
        (await CreateAsync(admin, email)).Status.ShouldBe(HttpStatusCode.Redirect);

        var again = await CreateAsync(admin, email, name: "Quelqu'un d'autre");
        var differentCase = await CreateAsync(admin, email.ToUpperInvariant(), name: "Encore un autre");

        again.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        again.Html.ShouldContain(Fr("identity.DuplicateEmail"));
        differentCase.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var normalised = email.ToUpperInvariant();
        (await factory.WithDbAsync(db => db.Users.CountAsync(u => u.NormalizedEmail == normalised))).ShouldBe(1);
    }

    [Fact]
    public async Task ValidCreation_StoresTheAccountWithNormalisedTerritories_AndListsIt()
    {
        using var admin = await AdminAsync();
        var email = NewEmail();

        var response = await CreateAsync(admin, email, name: "Camille N'Guessan", role: "ged-chair", territories: "62, 59");

        response.Status.ShouldBe(HttpStatusCode.Redirect, response.ToString());
        response.Location.ShouldBe("/admin/users");
        var user = (await FindAsync(email)).ShouldNotBeNull();
        user.Territories.ShouldBe("59,62");
        user.Role.ShouldBe("ged-chair");
        user.DisplayName.ShouldBe("Camille N'Guessan");
        var list = await admin.GetAsync("/admin/users?q=" + Uri.EscapeDataString(email));
        list.Html.ShouldContain(email);
        list.Html.ShouldContain(Html("Camille N'Guessan"));
    }

    [Fact]
    public async Task EditWithAStaleStamp_Answers409WithTheConflict_AndChangesNothing()
    {
        using var admin = await AdminAsync();
        var target = await factory.CreatePageUserAsync(Roles.Ged, "59", name: "Avant");
        var page = await admin.GetAsync($"/admin/users/{target.Id}");
        var staleStamp = WebSession.Hidden(page, "Input.Stamp");
        (await EditAsync(admin, target.Id, "save", _ => Fields("Entre-temps", Roles.Ged, "59"))).Status.ShouldBe(HttpStatusCode.Redirect);
        var before = (await FindAsync(target.Email))!;

        var response = await EditAsync(admin, target.Id, "save", _ => Fields("Trop tard", Roles.Admin, "national"), staleStamp);
        var lockLate = await EditAsync(admin, target.Id, "lock", stamp: staleStamp);

        response.Status.ShouldBe(HttpStatusCode.Conflict, response.ToString());
        response.Html.ShouldContain(Fr("users.conflict"));
        response.Html.ShouldContain("Entre-temps");
        lockLate.Status.ShouldBe(HttpStatusCode.Conflict);
        var after = (await FindAsync(target.Email))!;
        (after.DisplayName, after.Role, after.Territories, after.ConcurrencyStamp, after.LockoutEnd).ShouldBe((before.DisplayName, before.Role, before.Territories, before.ConcurrencyStamp, before.LockoutEnd));
    }

    [Fact]
    public async Task ValidEdit_ChangesNameRoleAndTerritories()
    {
        using var admin = await AdminAsync();
        var target = await factory.CreatePageUserAsync(Roles.Ged, "59");

        var response = await EditAsync(admin, target.Id, "save", _ => Fields("Nouveau Nom", Roles.GedChair, "62 ,59"));

        response.Status.ShouldBe(HttpStatusCode.Redirect, response.ToString());
        var after = (await FindAsync(target.Email))!;
        (after.DisplayName, after.Role, after.Territories).ShouldBe(("Nouveau Nom", Roles.GedChair, "59,62"));
    }

    [Theory]
    [InlineData("<script>alert(1)</script>", "ged", "59", "identity.BadName")]
    [InlineData("Nom", "superuser", "59", "identity.UnknownRole")]
    [InlineData("Nom", "ged", "99x", "identity.BadTerritories")]
    public async Task EditWithBadInput_Answers422_AndChangesNothing(string name, string role, string territories, string message)
    {
        using var admin = await AdminAsync();
        var target = await factory.CreatePageUserAsync(Roles.Ged, "59", name: "Inchangé");

        var response = await EditAsync(admin, target.Id, "save", _ => Fields(name, role, territories));

        response.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, response.ToString());
        response.Html.ShouldContain(message == "identity.UnknownRole" ? Fr(message, string.Join(", ", Roles.All)) : Fr(message));
        response.Html.ShouldNotContain("<script>alert(1)</script>", Case.Sensitive);
        var after = (await FindAsync(target.Email))!;
        (after.DisplayName, after.Role, after.Territories).ShouldBe(("Inchangé", Roles.Ged, "59"));
    }

    [Fact]
    public async Task Admin_CannotChangeOwnRole_NorLockThemself()
    {
        var me = await factory.PageUserAsync(Roles.Admin, AccessScope.NationalValue);
        using var admin = await factory.SignInAsync(me);

        var promote = await EditAsync(admin, me.Id, "save", _ => Fields("Moi", Roles.Dpo, "national"));
        var lockSelf = await EditAsync(admin, me.Id, "lock");

        promote.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, promote.ToString());
        promote.Html.ShouldContain(Fr("identity.SelfRole"));
        lockSelf.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var after = (await FindAsync(me.Email))!;
        after.Role.ShouldBe(Roles.Admin);
        after.LockoutEnd.ShouldBeNull();
    }

    [Fact]
    public async Task LockedUser_CannotSignIn_AndUnlockedCanAgain()
    {
        using var admin = await AdminAsync();
        var target = await factory.CreatePageUserAsync(Roles.Analyst, AccessScope.NationalValue);
        using (var before = await factory.SignInAsync(target))
        {
            (await before.GetAsync("/")).Status.ShouldBe(HttpStatusCode.OK);
        }

        (await EditAsync(admin, target.Id, "lock")).Status.ShouldBe(HttpStatusCode.Redirect);

        using var session = factory.NewSession();
        var refused = await session.PostFormAsync("/Account/Login", "/Account/Login", ("Input.Email", target.Email), ("Input.Password", PasserelleFactory.Password));
        refused.Status.ShouldBe(HttpStatusCode.OK);
        refused.Html.ShouldContain(Fr("login.locked"));
        refused.SetCookies.ShouldNotContain(c => c.StartsWith("passerelle=", StringComparison.Ordinal) && !c.StartsWith("passerelle=;", StringComparison.Ordinal));

        (await EditAsync(admin, target.Id, "unlock")).Status.ShouldBe(HttpStatusCode.Redirect);
        using var again = await factory.SignInAsync(target);
        (await again.GetAsync("/")).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ResetSecondFactor_SendsTheUserBackToEnrolment()
    {
        using var admin = await AdminAsync();
        var target = await factory.CreatePageUserAsync(Roles.Ged, "59");

        (await EditAsync(admin, target.Id, "reset-2fa")).Status.ShouldBe(HttpStatusCode.Redirect);

        using var session = factory.NewSession();
        var login = await session.PostFormAsync("/Account/Login", "/Account/Login", ("Input.Email", target.Email), ("Input.Password", PasserelleFactory.Password));
        login.Location.ShouldNotBeNull().ShouldStartWith("/account/twofactor", Case.Insensitive);
        (await session.GetAsync("/register")).Status.ShouldNotBe(HttpStatusCode.OK);
        var key = await factory.AsSystemAsync(async s =>
        {
            var users = s.GetRequiredService<UserManager<AppUser>>();
            return await users.GetAuthenticatorKeyAsync((await users.FindByIdAsync(target.Id))!);
        });
        key.ShouldNotBe(target.Secret);
    }

    [Theory]
    [InlineData("/admin/users?q=%3Cscript%3Ealert(1)%3C/script%3E")]
    [InlineData("/admin/users?p=x")]
    [InlineData("/admin/users?p=0")]
    [InlineData("/admin/users?p=99999999999")]
    public async Task UserListWithOddParameters_AnswersWithoutError(string url)
    {
        using var admin = await AdminAsync();

        var response = await admin.GetAsync(url);

        ((int)response.Status).ShouldBeLessThan(500, response.ToString());
        response.Html.ShouldNotContain("<script>alert(1)</script>", Case.Sensitive);
    }
}
