using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Passerelle.Domain;
using Passerelle.Web.Features.Reports;
using Passerelle.Web.Security;
using Passerelle.Web.Tests.Infrastructure;
using static Passerelle.Web.Tests.Infrastructure.PageKit;

namespace Passerelle.Web.Tests.Pages;

/// <summary>
/// Coordination requests (issue 3): a possible match in another département is shown only as a flag
/// with a button; the request reaches that département's panel, which sees its own matching persons
/// and answers; the sender never sees the other register's content. Each test uses its own identities.
/// </summary>
public sealed class CoordinationPagesTests(PasserelleFactory factory) : IClassFixture<PasserelleFactory>
{
    private static List<(string Name, string Value)> Form(string given, string surname, string dob) =>
    [
        ("Input.Source", "panel"),
        ("Input.Territory", "59"),
        ("Input.GivenName", given),
        ("Input.Surname", surname),
        ("Input.DateOfBirth", dob),
        ("Input.Sex", "M"),
        ("Input.Narrative", "Signalement de l'établissement scolaire."),
        ("Input.Urgency", "routine"),
    ];

    private Task<Guid> RegisterAsync(string territory, string given, string surname, PartialDate dob, string address) =>
        factory.AsSystemAsync(async services =>
        {
            var (recorded, error) = await services.GetRequiredService<RecordReport>().ExecuteAsync(
                new ValidReport(ReportSource.Panel, territory, null, null, given, surname, null, dob, "Grozny", Sex.Male, address,
                    ["family-rupture"], "Premier signalement.", Urgency.Routine, null),
                CancellationToken.None);
            error.ShouldBeNull();
            return recorded!.PersonId;
        });

    /// <summary>Opens the report form, then posts it to <paramref name="handler"/> with the person fields and extras.</summary>
    private static async Task<PageResponse> PostFormAsync(WebSession session, string handler, List<(string Name, string Value)> fields, params (string Name, string Value)[] extra)
    {
        var form = await session.GetAsync("/reports/new");
        form.Status.ShouldBe(HttpStatusCode.OK, form.ToString());
        var all = new List<(string, string)>(fields) { ("Input.FormKey", WebSession.Hidden(form, "Input.FormKey")) };
        all.AddRange(extra);
        return await session.PostWithTokenAsync($"/reports/new?handler={handler}", WebSession.AntiForgeryToken(form), [.. all]);
    }

    private Task<int> RequestCountAsync() => factory.WithDbAsync(db => db.CoordinationRequests.IgnoreQueryFilters().CountAsync());

    private async Task<(Guid PersonId, Guid RequestId)> SendAsync(string given, string surname, PartialDate dob)
    {
        var personId = await RegisterAsync("62", given, surname, dob, "4 rue des Lilas, 62000 Arras");
        using var sender = await factory.SignInAsync(Roles.Ged, "59");
        var page = await PostFormAsync(sender, "Coordinate", Form(given, surname, dob.ToString()), ("coordinateTo", "62"));
        page.Status.ShouldBe(HttpStatusCode.OK, page.ToString());
        page.Html.ShouldContain(Fr("coordination.sent", "62"));
        var request = await factory.WithDbAsync(db => db.CoordinationRequests.IgnoreQueryFilters().SingleAsync(r => r.Surname == surname));
        return (personId, request.Id);
    }

    [Fact]
    public async Task SearchWithAMatchElsewhere_ShowsOnlyTheFlagAndTheRequestButton()
    {
        var personId = await RegisterAsync("62", "Rouslan", "Bassaev", new PartialDate(1996, 2, 14), "8 rue Verte, 62000 Arras");
        using var session = await factory.SignInAsync(Roles.Ged, "59");

        var page = await PostFormAsync(session, "Candidates", Form("Ruslan", "Basayev", "1996-02-14"));

        page.Status.ShouldBe(HttpStatusCode.OK, page.ToString());
        page.Html.ShouldContain(Fr("match.flag", "62"));
        page.Html.ShouldContain(Fr("coordination.request", "62"));
        page.Html.ShouldContain("name=\"coordinateTo\" value=\"62\"");
        page.Html.ShouldNotContain(personId.ToString());
        page.Html.ShouldNotContain("BASSAEV");
        page.Html.ShouldNotContain("rue Verte");
    }

    [Fact]
    public async Task Request_ReachesTheReceivingPanel_WhichSeesItsPersonAndAnswers_AndTheSenderSeesOnlyTheAnswer()
    {
        var (personId, requestId) = await SendAsync("Oumar", "Dudaev", new PartialDate(1999, 7, 3));
        var stored = await factory.WithDbAsync(db => db.CoordinationRequests.IgnoreQueryFilters().SingleAsync(r => r.Id == requestId));
        stored.FromTerritoryCode.ShouldBe("59");
        stored.ToTerritoryCode.ShouldBe("62");
        stored.Status.ShouldBe(CoordinationStatus.Open);
        stored.MatchedPersonIds.ShouldContain(personId.ToString());
        (await factory.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == "coordination.requested" && e.ObjectId == requestId.ToString()))).ShouldBe(1);

        using var receiver = await factory.SignInAsync(Roles.Ged, "62");
        var incoming = await receiver.GetAsync("/coordination");
        incoming.Status.ShouldBe(HttpStatusCode.OK, incoming.ToString());
        incoming.Html.ShouldContain($"/coordination/{requestId}");
        var detail = await receiver.GetAsync($"/coordination/{requestId}");
        detail.Status.ShouldBe(HttpStatusCode.OK, detail.ToString());
        detail.Html.ShouldContain($"/persons/{personId}");
        (await factory.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == "person.listed" && e.ObjectId == personId.ToString() && e.Reason == "coordination request"))).ShouldBe(1);

        var answered = await receiver.PostWithTokenAsync($"/coordination/{requestId}", WebSession.AntiForgeryToken(detail),
            ("Answer", "Personne connue chez nous : appelez le secrétariat du GED 62."), ("Version", WebSession.Hidden(detail, "Version")));
        answered.Redirects.ShouldBeTrue(answered.ToString());

        using var sender = await factory.SignInAsync(Roles.Ged, "59");
        var sent = await sender.GetAsync("/coordination?view=sent");
        sent.Html.ShouldContain($"/coordination/{requestId}");
        var seen = await sender.GetAsync($"/coordination/{requestId}");
        seen.Status.ShouldBe(HttpStatusCode.OK, seen.ToString());
        seen.Html.ShouldContain(Html("Personne connue chez nous : appelez le secrétariat du GED 62."));
        seen.Html.ShouldNotContain(personId.ToString());
        seen.Html.ShouldNotContain("rue des Lilas");
        seen.Html.ShouldNotContain(Fr("coordination.matches"));
        seen.Html.ShouldNotContain("name=\"Answer\"");
        (await factory.WithDbAsync(db => db.CoordinationRequests.IgnoreQueryFilters().SingleAsync(r => r.Id == requestId))).Status.ShouldBe(CoordinationStatus.Answered);
    }

    [Fact]
    public async Task SendingTwice_KeepsOneRequest()
    {
        var (_, requestId) = await SendAsync("Khassan", "Tchabaev", new PartialDate(2000, 1, 30));
        using var sender = await factory.SignInAsync(Roles.Ged, "59");

        var again = await PostFormAsync(sender, "Coordinate", Form("Khassan", "Tchabaev", "2000-01-30"), ("coordinateTo", "62"));

        again.Status.ShouldBe(HttpStatusCode.OK, again.ToString());
        again.Html.ShouldContain(Fr("coordination.already-sent", "62"));
        (await factory.WithDbAsync(db => db.CoordinationRequests.IgnoreQueryFilters().CountAsync(r => r.Surname == "Tchabaev"))).ShouldBe(1);
        requestId.ShouldNotBe(Guid.Empty);
    }

    [Theory]
    [InlineData("59")] // one's own département: the user can read it, nothing to ask
    [InlineData("999")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("62' OR '1'='1")]
    [InlineData("../../etc/passwd")]
    [InlineData("")]
    public async Task Request_ToAnInvalidDepartement_Returns422AndSendsNothing(string to)
    {
        await RegisterAsync("62", "Magomed", "Albakov", new PartialDate(1997, 5, 5), "1 place Foch, 62000 Arras");
        using var session = await factory.SignInAsync(Roles.Ged, "59");
        var before = await RequestCountAsync();

        var page = await PostFormAsync(session, "Coordinate", Form("Magomed", "Albakov", "1997-05-05"), ("coordinateTo", to));

        page.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, page.ToString());
        page.Html.ShouldContain(Fr("error.coordination.to"));
        (await RequestCountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Request_WithHostilePersonFields_Returns422AndSendsNothing()
    {
        using var session = await factory.SignInAsync(Roles.Ged, "59");
        var before = await RequestCountAsync();

        var page = await PostFormAsync(session, "Coordinate", Form("<img src=x onerror=alert(1)>", "Robert'); DROP TABLE persons;--", "1997"), ("coordinateTo", "62"));

        page.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, page.ToString());
        (await RequestCountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Request_WhenNothingMatchesThere_SendsNothing()
    {
        using var session = await factory.SignInAsync(Roles.Ged, "59");
        var before = await RequestCountAsync();

        var page = await PostFormAsync(session, "Coordinate", Form("Personne", "Inconnuedansleregistre", "1950-01-01"), ("coordinateTo", "75"));

        page.Status.ShouldBe(HttpStatusCode.OK, page.ToString());
        page.Html.ShouldContain(Fr("coordination.no-match", "75"));
        (await RequestCountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task AnotherDepartement_SeesNothingOfTheRequest()
    {
        var (_, requestId) = await SendAsync("Ibrahim", "Saidov", new PartialDate(1995, 11, 9));
        using var outsider = await factory.SignInAsync(Roles.Ged, "75");

        (await outsider.GetAsync($"/coordination/{requestId}")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await outsider.GetAsync("/coordination")).Html.ShouldNotContain(requestId.ToString());
        (await outsider.GetAsync("/coordination?view=sent")).Html.ShouldNotContain(requestId.ToString());
    }

    [Fact]
    public async Task TheSender_CannotAnswerItsOwnRequest()
    {
        var (_, requestId) = await SendAsync("Said", "Khamidov", new PartialDate(1994, 3, 21));
        using var sender = await factory.SignInAsync(Roles.Ged, "59");
        var page = await sender.GetAsync($"/coordination/{requestId}");

        var post = await sender.PostWithTokenAsync($"/coordination/{requestId}", WebSession.AntiForgeryToken(page), ("Answer", "Réponse"), ("Version", "0"));

        post.Status.ShouldBe(HttpStatusCode.NotFound);
        (await factory.WithDbAsync(db => db.CoordinationRequests.IgnoreQueryFilters().SingleAsync(r => r.Id == requestId))).Status.ShouldBe(CoordinationStatus.Open);
    }

    [Theory]
    [InlineData(Roles.Hotline)]
    [InlineData(Roles.Care)]
    [InlineData(Roles.Admin)]
    public async Task RolesWithoutTheRegister_CannotOpenCoordination(string role)
    {
        using var session = await factory.SignInAsync(role, "59");

        var page = await session.GetAsync("/coordination");

        page.Status.ShouldBeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.Found, HttpStatusCode.Redirect);
        page.Html.ShouldNotContain(Fr("coordination.title"));
    }

    [Fact]
    public async Task Hotline_CannotSendARequest()
    {
        await RegisterAsync("62", "Adam", "Ozdoev", new PartialDate(1993, 8, 8), "2 rue Haute, 62000 Arras");
        using var session = await factory.SignInAsync(Roles.Hotline, "59");
        var before = await RequestCountAsync();

        var page = await PostFormAsync(session, "Coordinate", Form("Adam", "Ozdoev", "1993-08-08"), ("coordinateTo", "62"));

        page.Status.ShouldNotBe(HttpStatusCode.OK);
        (await RequestCountAsync()).ShouldBe(before);
    }

    [Theory]
    [InlineData("", "error.coordination.answer-required", "Makhauri")]
    [InlineData("<script>alert(1)</script>", "error.markup", "Bersanov")]
    public async Task Answer_Invalid_Returns422AndChangesNothing(string answer, string messageKey, string surname)
    {
        var (_, requestId) = await SendAsync("Aslan", surname, new PartialDate(1992, 6, 6));
        using var receiver = await factory.SignInAsync(Roles.Ged, "62");
        var page = await receiver.GetAsync($"/coordination/{requestId}");

        var post = await receiver.PostWithTokenAsync($"/coordination/{requestId}", WebSession.AntiForgeryToken(page), ("Answer", answer), ("Version", WebSession.Hidden(page, "Version")));

        post.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, post.ToString());
        post.Html.ShouldContain(Fr(messageKey));
        (await factory.WithDbAsync(db => db.CoordinationRequests.IgnoreQueryFilters().SingleAsync(r => r.Id == requestId))).Answer.ShouldBeNull();
    }

    [Fact]
    public async Task Answer_Oversized_Returns422()
    {
        var (_, requestId) = await SendAsync("Aslan", "Tsetchoev", new PartialDate(1991, 6, 6));
        using var receiver = await factory.SignInAsync(Roles.Ged, "62");
        var page = await receiver.GetAsync($"/coordination/{requestId}");

        var post = await receiver.PostWithTokenAsync($"/coordination/{requestId}", WebSession.AntiForgeryToken(page),
            ("Answer", new string('a', CoordinationRequest.MaxMessageLength + 1)), ("Version", WebSession.Hidden(page, "Version")));

        post.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, post.ToString());
        post.Html.ShouldContain(Fr("error.too-long", CoordinationRequest.MaxMessageLength));
    }

    [Fact]
    public async Task Answer_WithAStaleVersion_Returns409()
    {
        var (_, requestId) = await SendAsync("Zelimkhan", "Iandarov", new PartialDate(1990, 2, 2));
        using var receiver = await factory.SignInAsync(Roles.Ged, "62");
        var page = await receiver.GetAsync($"/coordination/{requestId}");

        var post = await receiver.PostWithTokenAsync($"/coordination/{requestId}", WebSession.AntiForgeryToken(page), ("Answer", "Vu."), ("Version", "41"));

        post.Status.ShouldBe(HttpStatusCode.Conflict, post.ToString());
        (await factory.WithDbAsync(db => db.CoordinationRequests.IgnoreQueryFilters().SingleAsync(r => r.Id == requestId))).Status.ShouldBe(CoordinationStatus.Open);
    }

    [Fact]
    public async Task UnknownOrMalformedRequestIds_AreNotFound()
    {
        using var session = await factory.SignInAsync(Roles.Ged, "59");

        (await session.GetAsync($"/coordination/{Guid.NewGuid()}")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await session.GetAsync("/coordination/not-a-guid")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await session.GetAsync("/coordination?p=-5")).Status.ShouldBe(HttpStatusCode.OK);
    }
}
