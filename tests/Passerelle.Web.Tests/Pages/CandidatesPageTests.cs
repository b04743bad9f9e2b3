using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Passerelle.Domain;
using Case = Shouldly.Case;
using Passerelle.Web.Features.Reports;
using Passerelle.Web.Security;
using Passerelle.Web.Tests.Infrastructure;
using static Passerelle.Web.Tests.Infrastructure.PageKit;

namespace Passerelle.Web.Tests.Pages;

/// <summary>
/// "Rechercher dans le registre" on the report form (issue 3, in the product): candidates of the user's
/// register with probability and why, a bare flag for another département, the user's choice recorded,
/// nothing merged by the software. Each test uses its own identities: the register is shared by the class.
/// </summary>
public sealed partial class CandidatesPageTests(PasserelleFactory factory) : IClassFixture<PasserelleFactory>
{
    private static Dictionary<string, string> Form(string given, string surname, string dob, string sex, string? address = null) => new(StringComparer.Ordinal)
    {
        ["Input.Source"] = "panel",
        ["Input.Territory"] = "59",
        ["Input.GivenName"] = given,
        ["Input.Surname"] = surname,
        ["Input.DateOfBirth"] = dob,
        ["Input.Sex"] = sex,
        ["Input.Address"] = address ?? string.Empty,
        ["Input.Narrative"] = "Nouveau signalement de l'établissement scolaire.",
        ["Input.Urgency"] = "routine",
    };

    /// <summary>Puts a person in the register as a first report would (through RecordReport, keys included).</summary>
    private Task<Guid> RegisterAsync(string territory, string given, string surname, PartialDate dob, Sex sex, string? address = null, string? aliases = null, string? place = null) =>
        factory.AsSystemAsync(async services =>
        {
            var (recorded, error) = await services.GetRequiredService<RecordReport>().ExecuteAsync(
                new ValidReport(ReportSource.Panel, territory, null, null, given, surname, aliases, dob, place, sex, address,
                    ["family-rupture"], "Premier signalement.", Urgency.Routine, null),
                CancellationToken.None);
            error.ShouldBeNull();
            return recorded!.PersonId;
        });

    /// <summary>GETs the form for its token and one-time key, then asks for candidates with <paramref name="fields"/>.</summary>
    private static async Task<PageResponse> SearchAsync(WebSession session, Dictionary<string, string> fields)
    {
        var form = await session.GetAsync("/reports/new");
        form.Status.ShouldBe(HttpStatusCode.OK, form.ToString());
        var all = fields.Select(f => (f.Key, f.Value)).ToList();
        all.Add(("Input.FormKey", WebSession.Hidden(form, "Input.FormKey")));
        return await session.PostWithTokenAsync("/reports/new?handler=Candidates", WebSession.AntiForgeryToken(form), [.. all]);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>", "1998-04-12")]
    [InlineData("Robert'); DROP TABLE persons;--", "1998-04-12")]
    [InlineData("Martin", "1998-02-30")]
    [InlineData("Martin", "abc")]
    public async Task Search_WithHostileOrMalformedPerson_Returns422AndSearchesNothing(string surname, string dob)
    {
        using var session = await factory.SignInAsync(Roles.Ged, "59");
        var searchesBefore = await factory.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == "match.candidates"));

        var page = await SearchAsync(session, Form("Jean", surname, dob, "M"));

        page.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, page.ToString());
        page.Html.ShouldNotContain(Fr("match.title"));
        (await factory.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == "match.candidates"))).ShouldBe(searchesBefore);
    }

    [Fact]
    public async Task Search_WithAnOversizedSurname_Returns422()
    {
        using var session = await factory.SignInAsync(Roles.Ged, "59");

        var page = await SearchAsync(session, Form("Jean", new string('a', 101), "1998", "M"));

        page.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, page.ToString());
        page.Html.ShouldContain(Fr("error.too-long", 100));
    }

    private static string CandidateId(Guid personId) => "candidate-" + personId.ToString("N");

    /// <summary>The probability shown for one candidate, in percent.</summary>
    private static int ShownPercent(PageResponse page, Guid personId)
    {
        var html = WebUtility.HtmlDecode(page.Html);
        var start = html.IndexOf($"id=\"{CandidateId(personId)}\"", StringComparison.Ordinal);
        start.ShouldBeGreaterThan(-1, "the candidate is not on the page");
        var match = Percent().Match(html, start);
        match.Success.ShouldBeTrue();
        return int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Search_ForPersonReportedAgainWithTransliteratedSurname_ShowsThemWithProbabilityAndWhy()
    {
        var id = await RegisterAsync("59", "Magomed", "Yevloyev", new PartialDate(1998, 4, 12), Sex.Male, place: "Nazran");
        using var session = await factory.SignInAsync(Roles.Ged, "59");

        var page = await SearchAsync(session, Form("Magomed", "Ievloev", "1998-04-12", "M"));

        page.Status.ShouldBe(HttpStatusCode.OK, page.ToString());
        page.Html.ShouldContain(Fr("match.title"));
        page.Html.ShouldContain($"value=\"{id}\"");
        page.Html.ShouldContain("YEVLOYEV Magomed");
        page.Html.ShouldContain("1998-04-12");
        ShownPercent(page, id).ShouldBeGreaterThanOrEqualTo(50);
        page.Html.ShouldContain(Fr("match.why"));
        page.Html.ShouldContain($"{Fr("match.field.DateOfBirth")} : {Fr("match.level.exact")}");
        page.Html.ShouldContain(Fr("match.attach"));
        page.Html.ShouldContain(Fr("match.create"));
        page.Html.ShouldContain("id=\"candidate-none\" name=\"Input.PersonId\" value=\"\" checked");
    }

    [Fact]
    public async Task ChoosingACandidate_AttachesTheNewReportToThatPerson()
    {
        var id = await RegisterAsync("59", "Khassan", "Oumarov", new PartialDate(2001, 9, 23), Sex.Male);
        using var session = await factory.SignInAsync(Roles.Ged, "59");
        var fields = Form("Khasan", "Umarov", "2001-09-23", "M");
        var page = await SearchAsync(session, fields);
        page.Html.ShouldContain($"value=\"{id}\"");
        var persons = await factory.WithDbAsync(db => db.Persons.CountAsync());

        var all = fields.Select(f => (f.Key, f.Value)).ToList();
        all.Add(("Input.FormKey", WebSession.Hidden(page, "Input.FormKey")));
        all.Add(("Input.PersonId", id.ToString()));
        all.Add(("Input.Behaviours", "family-rupture"));
        var recorded = await session.PostWithTokenAsync("/reports/new", WebSession.AntiForgeryToken(page), [.. all]);

        recorded.Redirects.ShouldBeTrue(recorded.ToString());
        recorded.Location.ShouldBe($"/persons/{id}");
        (await factory.WithDbAsync(db => db.Persons.CountAsync())).ShouldBe(persons);
        (await factory.WithDbAsync(db => db.Reports.CountAsync(r => r.PersonId == id))).ShouldBe(2);
    }

    [Fact]
    public async Task CandidateInAnotherDepartement_IsOnlyAFlag_WithNoneOfTheirContent()
    {
        var id = await RegisterAsync("62", "Roustam", "Doudaev", new PartialDate(1995, 2, 14), Sex.Male, "8 rue Faidherbe, Arras", "Roustik", "Grozny");
        using var session = await factory.SignInAsync(Roles.Ged, "59");

        var page = await SearchAsync(session, Form("Rustam", "Dudayev", "1995-02-14", "M"));

        page.Status.ShouldBe(HttpStatusCode.OK, page.ToString());
        page.Html.ShouldContain(Fr("match.flag", "62"));
        page.Html.ShouldNotContain(id.ToString());
        page.Html.ShouldNotContain(id.ToString("N"));
        foreach (var content in new[] { "Doudaev", "Roustam", "Roustik", "Grozny", "Faidherbe", "Arras" })
        {
            page.Html.ShouldNotContain(content, Case.Insensitive);
        }
    }

    [Fact]
    public async Task Twin_WithAnotherGivenName_IsNotProposed()
    {
        var id = await RegisterAsync("59", "Amina", "Bakaeva", new PartialDate(2003, 5, 5), Sex.Female, "12 rue des Postes, Lille");
        using var session = await factory.SignInAsync(Roles.Ged, "59");

        var page = await SearchAsync(session, Form("Zarema", "Bakaeva", "2003-05-05", "F", "12 rue des Postes, Lille"));

        page.Status.ShouldBe(HttpStatusCode.OK, page.ToString());
        page.Html.ShouldContain(Fr("match.title"));
        page.Html.ShouldNotContain(id.ToString());
        page.Html.ShouldNotContain("Amina", Case.Insensitive);
        page.Html.ShouldNotContain(Fr("match.flag", "59"));
    }

    [Fact]
    public async Task Search_StoresOneAuditEvent_WithCountsOnly_AndOneReadPerCandidateShown()
    {
        var shown = await RegisterAsync("59", "Ibragim", "Aouchev", new PartialDate(1990, 11, 3), Sex.Male);
        var flagged = await RegisterAsync("62", "Ibragim", "Aouchev", new PartialDate(1990, 11, 3), Sex.Male);
        var user = await factory.CreatePageUserAsync(Roles.Ged, "59");
        using var session = await factory.SignInAsync(user);

        var page = await SearchAsync(session, Form("Ibragim", "Aushev", "1990-11-03", "M"));

        page.Status.ShouldBe(HttpStatusCode.OK, page.ToString());
        var events = await factory.WithDbAsync(db => db.AuditEvents.AsNoTracking()
            .Where(e => e.UserId == user.Id && e.Action == "match.candidates").ToListAsync());
        var e = events.ShouldHaveSingleItem();
        e.ObjectType.ShouldBe(nameof(Person));
        e.Reason.ShouldBe("1 shown, 1 flags");
        e.Outcome.ShouldBe("success");

        // The candidate whose name was shown is a read of that person; the flagged one revealed nothing of the person.
        var reads = await factory.WithDbAsync(db => db.AuditEvents.AsNoTracking()
            .Where(x => x.UserId == user.Id && x.Action == "person.listed").Select(x => x.ObjectId).ToListAsync());
        reads.ShouldBe([shown.ToString()]);
        reads.ShouldNotContain(flagged.ToString());
    }

    [Fact]
    public async Task Hotline_CannotSearchTheRegister()
    {
        await RegisterAsync("59", "Salman", "Tsakaev", new PartialDate(1999, 7, 30), Sex.Male);
        var user = await factory.CreatePageUserAsync(Roles.Hotline, AccessScope.NationalValue);
        using var session = await factory.SignInAsync(user);

        var form = await session.GetAsync("/reports/new");
        var search = await SearchAsync(session, Form("Salman", "Tsakaev", "1999-07-30", "M"));

        form.Html.ShouldNotContain(Fr("match.search"));
        search.Status.ShouldNotBe(HttpStatusCode.OK);
        search.Location.ShouldNotBeNull().ShouldContain("/Account/AccessDenied", Case.Insensitive);
        search.Html.ShouldNotContain("Tsakaev", Case.Insensitive);
        (await factory.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.UserId == user.Id && e.Action == "match.candidates"))).ShouldBe(0);
    }

    [GeneratedRegex(@"(\d+)[\s\u00A0\u202F]?%")]
    private static partial Regex Percent();
}
