using System.Net;
using Microsoft.EntityFrameworkCore;
using Passerelle.Web.Security;
using Passerelle.Web.Tests.Infrastructure;
using static Passerelle.Web.Tests.Infrastructure.PageKit;

namespace Passerelle.Web.Tests.Pages;

/// <summary>
/// The report form over HTTP: each kind of bad input answers 422 with its message and stores nothing;
/// a valid form redirects once, and posting the same form again records nothing more.
/// </summary>
public sealed class ReportFormPageTests(PasserelleFactory factory) : IClassFixture<PasserelleFactory>
{
    private const string SqlPayload = "Robert'); DROP TABLE persons;--";

    /// <summary>(field, value, message key, message argument): one bad field on an otherwise valid form.</summary>
    public static TheoryData<string, string, string, int?> BadFields => new()
    {
        { "Input.Narrative", "", "error.required", null },
        { "Input.Narrative", "   ", "error.required", null },
        { "Input.Surname", new string('a', 101), "error.too-long", 100 },
        { "Input.GivenName", new string('é', 101), "error.too-long", 100 },
        { "Input.Narrative", new string('n', 10_001), "error.too-long", 10_000 },
        { "Input.ReporterContact", new string('c', 201), "error.too-long", 200 },
        { "Input.Surname", "<script>alert(1)</script>", "error.markup", null },
        { "Input.Narrative", "<script>alert(1)</script>", "error.markup", null },
        { "Input.Narrative", "voir <img src=x onerror=alert(1)>", "error.markup", null },
        { "Input.Address", "&#60;script&#62;", "error.markup", null },
        { "Input.Surname", SqlPayload, "error.characters", null },
        { "Input.Surname", "Martin\u0007", "error.control-characters", null },
        { "Input.ReporterName", "Claire\u001bDupont", "error.control-characters", null },
        { "Input.DateOfBirth", "2001-02-30", "error.date-invalid", null },
        { "Input.DateOfBirth", "2999", "error.date-invalid", null },
        { "Input.DateOfBirth", "abc", "error.date-invalid", null },
        { "Input.DateOfBirth", "1899-12-31", "error.date-invalid", null },
        { "Input.Territory", "99", "error.territory-unknown", null },
        { "Input.Territory", "", "error.required", null },
        { "Input.Territory", "62", "error.territory-outside-scope", null },
        { "Input.Source", "martians", "error.unknown-value", null },
        { "Input.Sex", "X", "error.unknown-value", null },
        { "Input.Urgency", "yesterday", "error.unknown-value", null },
        { "Input.Behaviours", "teleportation", "error.unknown-value", null },
        { "Input.Behaviours", "' OR 1=1 --", "error.unknown-value", null },
    };

    private static Dictionary<string, string> Valid(string surname = "Bernard", string territory = "59") => new(StringComparer.Ordinal)
    {
        ["Input.Source"] = "panel",
        ["Input.Territory"] = territory,
        ["Input.ReporterName"] = "Claire Dupont",
        ["Input.ReporterContact"] = "claire.dupont@example.org",
        ["Input.GivenName"] = "Hugo",
        ["Input.Surname"] = surname,
        ["Input.Aliases"] = "Hugz",
        ["Input.DateOfBirth"] = "2007-06",
        ["Input.PlaceOfBirth"] = "Roubaix",
        ["Input.Sex"] = "M",
        ["Input.Address"] = "3 rue de Lannoy, Roubaix",
        ["Input.Narrative"] = "Propos inquiétants rapportés par l'éducateur.",
        ["Input.Urgency"] = "priority",
    };

    /// <summary>GETs the form (for its token and one-time key) and posts <paramref name="fields"/> with that key.</summary>
    private static async Task<(PageResponse Response, string FormKey)> SubmitAsync(WebSession session, Dictionary<string, string> fields, IEnumerable<string>? behaviours = null, string formUrl = "/reports/new", string? formKey = null)
    {
        var form = await session.GetAsync(formUrl);
        form.Status.ShouldBe(HttpStatusCode.OK, form.ToString());
        var key = formKey ?? WebSession.Hidden(form, "Input.FormKey");
        var all = fields.Select(f => (f.Key, f.Value)).ToList();
        all.Add(("Input.FormKey", key));
        all.AddRange((behaviours ?? ["family-rupture", "violent-propaganda"]).Select(b => ("Input.Behaviours", b)));
        var response = await session.PostWithTokenAsync("/reports/new", WebSession.AntiForgeryToken(form), [.. all]);
        return (response, key);
    }

    private Task<StoredCounts> CountsAsync() => factory.CountsAsync();

    [Theory]
    [MemberData(nameof(BadFields))]
    public async Task BadField_Answers422WithItsMessage_AndStoresNothing(string field, string value, string message, int? argument)
    {
        using var session = await factory.SignInAsync(Roles.Ged, "59");
        var before = await CountsAsync();
        var fields = Valid();
        string[]? behaviours = null;
        if (field == "Input.Behaviours")
        {
            behaviours = ["family-rupture", value];
        }
        else
        {
            fields[field] = value;
        }

        var (response, _) = await SubmitAsync(session, fields, behaviours);

        response.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, response.ToString());
        response.Html.ShouldContain(Fr("common.errors-title"));
        response.Html.ShouldContain(argument is { } a ? Fr(message, a) : Fr(message));
        response.Html.ShouldNotContain("<script>alert(1)</script>", Case.Sensitive);
        response.Html.ShouldNotContain("<img src=x", Case.Sensitive);
        (await CountsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task MissingNamesAndNarrative_Answer422WithBothMessages_AndStoreNothing()
    {
        using var session = await factory.SignInAsync(Roles.Ged, "59");
        var before = await CountsAsync();
        var fields = Valid();
        fields["Input.Surname"] = "";
        fields["Input.GivenName"] = "";
        fields.Remove("Input.Narrative");

        var (response, _) = await SubmitAsync(session, fields);

        response.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        response.Html.ShouldContain(Fr("error.name-required"));
        response.Html.ShouldContain(Fr("error.required"));
        response.Html.ShouldContain("href=\"#Input_Surname\"");
        response.Html.ShouldContain("href=\"#Input_Narrative\"");
        (await CountsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task NulCharacterInAField_IsRefusedAsBadInput_AndStoresNothing()
    {
        using var session = await factory.SignInAsync(Roles.Ged, "59");
        var before = await CountsAsync();
        var fields = Valid();
        fields["Input.Surname"] = "Martin\u0000";

        var (response, _) = await SubmitAsync(session, fields);

        ((int)response.Status).ShouldBeInRange(400, 499, response.ToString());
        (await CountsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task EmptyPost_Answers422_NotA500()
    {
        using var session = await factory.SignInAsync(Roles.Ged, "59");
        var before = await CountsAsync();
        var form = await session.GetAsync("/reports/new");

        var response = await session.PostWithTokenAsync("/reports/new", WebSession.AntiForgeryToken(form));
        var badGuid = await session.PostWithTokenAsync("/reports/new", WebSession.AntiForgeryToken(form), ("Input.FormKey", "not-a-guid"), ("Input.PersonId", "nope"));

        response.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        badGuid.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await CountsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task PostWithoutAntiForgeryToken_IsRejected_AndStoresNothing()
    {
        using var session = await factory.SignInAsync(Roles.Ged, "59");
        var before = await CountsAsync();

        var response = await session.PostWithTokenAsync("/reports/new", null, [.. Valid().Select(f => (f.Key, f.Value)), ("Input.FormKey", Guid.NewGuid().ToString())]);

        response.Status.ShouldBe(HttpStatusCode.BadRequest);
        (await CountsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task PersonOfAnotherTerritory_Answers422WithPersonNotFound_AndStoresNothing()
    {
        using var ged62 = factory.ClientWithToken((await factory.PageUserAsync(Roles.Ged, "62")).Token);
        var created = await ged62.CreateReportAsync(TestApi.Report("62", surname: "Moreau"));
        var person62 = (await ged62.GetJsonAsync($"{TestApi.Reports}/{created.Id}")).GetProperty("personId").GetGuid();
        using var session = await factory.SignInAsync(Roles.Ged, "59");
        var before = await CountsAsync();
        var fields = Valid();
        fields["Input.PersonId"] = person62.ToString();

        var (response, _) = await SubmitAsync(session, fields);

        response.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        response.Html.ShouldContain(Fr("error.person-not-found"));
        response.Html.ShouldNotContain("Moreau", Case.Insensitive);
        (await CountsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task ValidForm_RedirectsToThePerson_AndTheSameFormPostedAgain_RecordsNothingMore()
    {
        using var session = await factory.SignInAsync(Roles.Ged, "59");
        var before = await CountsAsync();
        var fields = Valid(surname: "Dubois");

        var (first, key) = await SubmitAsync(session, fields);
        var (again, _) = await SubmitAsync(session, fields, formKey: key);
        fields["Input.Narrative"] = "Une autre version du même formulaire.";
        var (changed, _) = await SubmitAsync(session, fields, formKey: key);

        first.Status.ShouldBe(HttpStatusCode.Redirect, first.ToString());
        first.Location.ShouldNotBeNull().ShouldStartWith("/persons/");
        again.Status.ShouldBe(HttpStatusCode.Redirect);
        again.Location.ShouldBe(first.Location);
        changed.Location.ShouldBe(first.Location);
        var after = await CountsAsync();
        after.Reports.ShouldBe(before.Reports + 1);
        after.Persons.ShouldBe(before.Persons + 1);
        after.Cases.ShouldBe(before.Cases + 1);
        (await factory.WithDbAsync(db => db.Reports.CountAsync(r => r.ReportedSurname == "Dubois"))).ShouldBe(1);

        var person = await session.GetAsync(first.Location);
        person.Status.ShouldBe(HttpStatusCode.OK);
        person.Html.ShouldContain("DUBOIS Hugo");
        person.Html.ShouldContain(Fr("report.recorded", await factory.WithDbAsync(db => db.Reports.Where(r => r.ReportedSurname == "Dubois").Select(r => r.Receipt).SingleAsync())));
    }

    [Fact]
    public async Task TwoFormsOfTheSameUser_WithDifferentKeys_RecordTwoReports()
    {
        using var session = await factory.SignInAsync(Roles.Ged, "59");
        var before = await CountsAsync();

        var (first, _) = await SubmitAsync(session, Valid(surname: "Jumeau"));
        var (second, _) = await SubmitAsync(session, Valid(surname: "Jumelle"));

        first.Status.ShouldBe(HttpStatusCode.Redirect);
        second.Status.ShouldBe(HttpStatusCode.Redirect);
        second.Location.ShouldNotBe(first.Location);
        (await CountsAsync()).Reports.ShouldBe(before.Reports + 2);
    }

    [Fact]
    public async Task ReportAboutAnExistingPerson_AttachesToThem_WithoutANewPerson()
    {
        using var session = await factory.SignInAsync(Roles.Ged, "59");
        var (first, _) = await SubmitAsync(session, Valid(surname: "Lambert"));
        var personId = first.Location!["/persons/".Length..];
        var before = await CountsAsync();

        var fields = Valid(surname: "Lambert");
        fields["Input.PersonId"] = personId;

        var (second, _) = await SubmitAsync(session, fields, formUrl: $"/reports/new?personId={personId}");

        second.Location.ShouldBe(first.Location);
        var after = await CountsAsync();
        after.Reports.ShouldBe(before.Reports + 1);
        after.Persons.ShouldBe(before.Persons);
        (await factory.WithDbAsync(db => db.Reports.CountAsync(r => r.PersonId == Guid.Parse(personId)))).ShouldBe(2);
    }

    [Fact]
    public async Task Hotline_RecordingThroughTheForm_IsSentToItsOwnReports()
    {
        using var session = await factory.SignInAsync(Roles.Hotline, AccessScope.NationalValue);
        var fields = Valid(surname: "Girard");
        fields["Input.Source"] = "hotline";

        var (response, _) = await SubmitAsync(session, fields);

        response.Status.ShouldBe(HttpStatusCode.Redirect, response.ToString());
        response.Location.ShouldBe("/reports/mine");
        var receipt = await factory.WithDbAsync(db => db.Reports.Where(r => r.ReportedSurname == "Girard").Select(r => r.Receipt).SingleAsync());
        (await session.GetAsync("/reports/mine")).Html.ShouldContain(receipt);
    }

    [Fact]
    public async Task HostileTextInStoredFields_IsRenderedEncoded()
    {
        using var session = await factory.SignInAsync(Roles.Ged, "59");
        var fields = Valid(surname: "N'Diaye");
        fields["Input.ReporterContact"] = "l'équipe d'O'Neil (lycée)";
        fields["Input.Narrative"] = SqlPayload + " \"cité\" note <5 & >3";

        var (response, _) = await SubmitAsync(session, fields);
        response.Status.ShouldBe(HttpStatusCode.Redirect, response.ToString());
        var reportId = await factory.WithDbAsync(db => db.Reports.Where(r => r.ReportedSurname == "N'Diaye").Select(r => r.Id).SingleAsync());
        var report = await session.GetAsync($"/reports/{reportId}");
        var person = await session.GetAsync(response.Location!);

        report.Status.ShouldBe(HttpStatusCode.OK);
        report.Html.ShouldContain(Html("l'équipe d'O'Neil (lycée)"));
        report.Html.ShouldNotContain("l'équipe d'O'Neil", Case.Sensitive);
        report.Html.ShouldContain(Html(SqlPayload + " \"cité\" note <5 & >3"));
        report.Html.ShouldContain("note &lt;5 &amp; &gt;3");
        person.Html.ShouldContain(Html("N'DIAYE Hugo"));
        (await factory.WithDbAsync(db => db.Persons.CountAsync())).ShouldBeGreaterThan(0); // the table is still there
    }

    [Theory]
    [InlineData("care")]
    [InlineData("dpo")]
    [InlineData("admin")]
    public async Task ReportForm_ForRoleThatCannotReport_IsRefused(string role)
    {
        using var session = await factory.SignInAsync(role, role == "care" ? "59" : AccessScope.NationalValue);
        var before = await CountsAsync();

        var form = await session.GetAsync("/reports/new");
        var post = await session.PostWithTokenAsync("/reports/new", WebSession.AntiForgeryToken(await session.GetAsync("/account/manage/tokens")),
            [.. Valid().Select(f => (f.Key, f.Value)), ("Input.FormKey", Guid.NewGuid().ToString())]);

        form.Status.ShouldNotBe(HttpStatusCode.OK);
        post.Status.ShouldNotBe(HttpStatusCode.OK);
        post.Location.ShouldNotBeNull().ShouldContain("/Account/AccessDenied", Case.Insensitive);
        (await CountsAsync()).ShouldBe(before);
    }
}
