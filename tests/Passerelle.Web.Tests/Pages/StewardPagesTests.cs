using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Security;
using Passerelle.Web.Tests.Infrastructure;
using static Passerelle.Web.Tests.Infrastructure.PageKit;
using Case = Shouldly.Case;

namespace Passerelle.Web.Tests.Pages;

/// <summary>
/// The data steward's pages (issue 3): probable duplicates with the pair's probability and why, twins never
/// listed, pages of 20, audited reads; the merge page side by side and its refusals (missing or oversized
/// reason, same person twice, unknown or malformed id, stale version), each with a clear message and no change;
/// the pages closed to roles without the merge permission. Territories other than 59 isolate the counting tests.
/// </summary>
public sealed partial class StewardPagesTests(PasserelleFactory factory) : IClassFixture<PasserelleFactory>
{
    private sealed record Pair(Guid A, Guid B, string Surname);

    /// <summary>
    /// The same person reported twice: given name spelt two ways, same surname and date of birth. No address: a
    /// shared address and given name alone already make a probable pair, and the pairs of different tests must not.
    /// </summary>
    private async Task<Pair> DuplicateAsync(string territory = "59", string prefix = "Kante")
    {
        var surname = StewardKit.UniqueSurname(prefix);
        var dob = StewardKit.UniqueDob();
        var a = await StewardKit.RegisterAsync(factory, territory, "Oumar", surname, dob);
        var b = await StewardKit.RegisterAsync(factory, territory, "Umar", surname, dob);
        return new Pair(a, b, surname);
    }

    [Fact]
    public async Task Duplicates_ListsTheTransliteratedPair_WithTheProbabilityAndWhy_AndALinkToTheMergePage()
    {
        var pair = await DuplicateAsync();
        using var session = await factory.SignInAsync(Roles.GedChair, "59");

        var page = await session.GetAsync("/steward/duplicates");

        page.Status.ShouldBe(HttpStatusCode.OK, page.ToString());
        page.Html.ShouldContain(Fr("steward.duplicates-title"));
        var row = RowOf(page, pair);
        row.ShouldContain($"{pair.Surname.ToUpperInvariant()} Oumar");
        row.ShouldContain($"{pair.Surname.ToUpperInvariant()} Umar");
        Percent(row).ShouldBeGreaterThanOrEqualTo(50);
        row.ShouldContain($"{Fr("match.field.GivenName")} : {Fr("match.level.close-spelling")} <span aria-hidden=\"true\">✓</span>");
        row.ShouldContain($"{Fr("match.field.DateOfBirth")} : {Fr("match.level.exact")}");
        row.ShouldContain(Fr("match.agrees"));
        row.ShouldContain(Html(StewardKit.MergeLink(pair.A, pair.B)));
    }

    [Fact]
    public async Task Twins_WithTheSameSurnameDateOfBirthAndAddress_AreNotListed()
    {
        var surname = StewardKit.UniqueSurname("Delcourt");
        var dob = StewardKit.UniqueDob();
        var yanis = await StewardKit.RegisterAsync(factory, "59", "Yanis", surname, dob, address: "17 rue du Quesnoy, Valenciennes");
        var nathan = await StewardKit.RegisterAsync(factory, "59", "Nathan", surname, dob, address: "17 rue du Quesnoy, Valenciennes");
        using var session = await factory.SignInAsync(Roles.GedChair, "59");

        var page = await session.GetAsync("/steward/duplicates");

        page.Status.ShouldBe(HttpStatusCode.OK);
        page.Html.ShouldNotContain(yanis.ToString());
        page.Html.ShouldNotContain(nathan.ToString());
        page.Html.ShouldNotContain(surname, Case.Insensitive);
    }

    [Fact]
    public async Task Duplicates_InARegisterWithNone_ShowsTheEmptyState()
    {
        await StewardKit.RegisterAsync(factory, "2A", "Paul", StewardKit.UniqueSurname("Seul"), StewardKit.UniqueDob());
        using var session = await factory.SignInAsync(Roles.GedChair, "2A");

        var page = await session.GetAsync("/steward/duplicates");

        page.Status.ShouldBe(HttpStatusCode.OK);
        page.Html.ShouldContain(Fr("steward.count", 0));
        page.Html.ShouldContain(Fr("steward.empty"));
    }

    [Fact]
    public async Task TwentyOnePairs_ShowTwentyOnPageOne_AndOneOnPageTwo_EachPersonListedInTheAudit()
    {
        var pairs = new List<Pair>();
        for (var i = 0; i < 21; i++)
        {
            pairs.Add(await DuplicateAsync("971", "Pagine"));
        }

        var user = await factory.CreatePageUserAsync(Roles.GedChair, "971");
        using var session = await factory.SignInAsync(user);

        var first = await session.GetAsync("/steward/duplicates");
        var second = await session.GetAsync("/steward/duplicates?p=2");

        first.Html.ShouldContain(Fr("steward.count", 21));
        first.Html.ShouldContain(Fr("common.page-of", 1, 2));
        first.Html.ShouldContain("p=2");
        var shown = MergeLinks(first).Concat(MergeLinks(second)).ToList();
        MergeLinks(first).Count.ShouldBe(20);
        MergeLinks(second).Count.ShouldBe(1);
        shown.Order(StringComparer.Ordinal).ShouldBe(pairs.Select(p => StewardKit.MergeLink(p.A, p.B)).Order(StringComparer.Ordinal));
        var listed = await factory.WithDbAsync(db => db.AuditEvents.AsNoTracking()
            .Where(e => e.UserId == user.Id && e.Action == "person.listed").Select(e => e.ObjectId!).ToListAsync());
        listed.Order(StringComparer.Ordinal).ShouldBe(pairs.SelectMany(p => new[] { p.A.ToString(), p.B.ToString() }).Order(StringComparer.Ordinal));
        var searches = await factory.WithDbAsync(db => db.AuditEvents.AsNoTracking()
            .Where(e => e.UserId == user.Id && e.Action == "steward.duplicates").Select(e => e.Reason).ToListAsync());
        searches.ShouldBe(["20 of 21 pairs shown", "1 of 21 pairs shown"], ignoreOrder: true);
    }

    [Theory]
    [InlineData("p=0", "error.page-invalid")]
    [InlineData("p=-1", "error.page-invalid")]
    [InlineData("p=x", "error.unknown-value")]
    [InlineData("p=99999999999", "error.unknown-value")]
    public async Task Duplicates_WithABadPage_ShowsAClearMessage(string query, string message)
    {
        using var session = await factory.SignInAsync(Roles.GedChair, "59");

        var page = await session.GetAsync("/steward/duplicates?" + query);

        page.Status.ShouldBe(HttpStatusCode.BadRequest);
        page.Html.ShouldContain(Fr("common.errors-title"));
        page.Html.ShouldContain(Fr(message));
    }

    [Fact]
    public async Task MergePage_ShowsBothPersonsSideBySide_WithCasesReportsAndTheEnginesExplanation()
    {
        var pair = await DuplicateAsync();
        await StewardKit.RegisterAsync(factory, "59", "Umar", pair.Surname, (await PersonAsync(pair.B)).DateOfBirth!.Value, attachTo: pair.B);
        using var session = await factory.SignInAsync(Roles.GedChair, "59");

        var page = await session.GetAsync(StewardKit.MergeLink(pair.A, pair.B));

        page.Status.ShouldBe(HttpStatusCode.OK, page.ToString());
        page.Html.ShouldContain(Fr("steward.compare-caption"));
        page.Html.ShouldContain($"<a href=\"/persons/{pair.A}\">{pair.Surname.ToUpperInvariant()} Oumar</a>");
        page.Html.ShouldContain($"<a href=\"/persons/{pair.B}\">{pair.Surname.ToUpperInvariant()} Umar</a>");
        page.Html.ShouldContain(Fr("status.Reported"));
        page.Html.ShouldContain(Fr("steward.reports-count", 1));
        page.Html.ShouldContain(Fr("steward.reports-count", 2));
        page.Html.ShouldContain($"{Fr("match.field.GivenName")} : {Fr("match.level.close-spelling")}");
        page.Html.ShouldContain($"name=\"Input.Survivor\" value=\"{pair.A}\" checked");
        page.Html.ShouldContain($"name=\"Input.Survivor\" value=\"{pair.B}\"");
        WebSession.Hidden(page, "Input.VersionA").ShouldBe("0");
        page.Html.ShouldContain("<legend class=\"fr-fieldset__legend\">" + Fr("steward.survivor-legend"));
        page.Html.ShouldContain("<label class=\"fr-label\" for=\"Input_Reason\">" + Fr("steward.reason") + " *");
        var reads = await factory.WithDbAsync(db => db.AuditEvents.AsNoTracking()
            .Where(e => e.Action == "person.read" && e.Reason == "merge" && (e.ObjectId == pair.A.ToString() || e.ObjectId == pair.B.ToString()))
            .CountAsync());
        reads.ShouldBe(2);
    }

    public static TheoryData<string, string?, HttpStatusCode, string> BadMerges => new()
    {
        { "missing", null, HttpStatusCode.UnprocessableEntity, "steward.error.reason-required" },
        { "blank", "   ", HttpStatusCode.UnprocessableEntity, "steward.error.reason-required" },
        { "oversized", new string('m', PersonMerge.MaxReasonLength + 1), HttpStatusCode.UnprocessableEntity, "error.too-long" },
        { "control", "Motif\u0007 avec caractère de contrôle", HttpStatusCode.UnprocessableEntity, "error.control-characters" },
        { "stale", "Même personne.", HttpStatusCode.Conflict, "steward.conflict" },
        { "forged-version", "Même personne.", HttpStatusCode.BadRequest, "steward.error.bad-form" },
        { "survivor-outside-pair", "Même personne.", HttpStatusCode.UnprocessableEntity, "steward.error.survivor" },
        { "same-person", "Même personne.", (HttpStatusCode)422, "steward.error.same-person" },
        { "malformed-id", "Même personne.", HttpStatusCode.BadRequest, "steward.error.bad-id" },
        { "unknown-id", "Même personne.", HttpStatusCode.NotFound, "notfound.title" },
    };

    [Theory]
    [MemberData(nameof(BadMerges))]
    public async Task BadMerge_IsRefusedWithAClearMessage_AndChangesNothing(string kind, string? reason, HttpStatusCode status, string message)
    {
        var pair = await DuplicateAsync();
        using var session = await factory.SignInAsync(Roles.GedChair, "59");
        var form = await session.GetAsync(StewardKit.MergeLink(pair.A, pair.B));
        var token = WebSession.AntiForgeryToken(form);
        var before = await StewardKit.SnapshotAsync(factory, pair.A, pair.B);
        var mergesBefore = await factory.WithDbAsync(db => db.PersonMerges.CountAsync());
        var (a, b, survivor) = kind switch
        {
            "same-person" => (pair.A.ToString(), pair.A.ToString(), pair.A.ToString()),
            "malformed-id" => (pair.A.ToString(), "not-a-guid", pair.A.ToString()),
            "unknown-id" => (pair.A.ToString(), Guid.NewGuid().ToString(), pair.A.ToString()),
            "survivor-outside-pair" => (pair.A.ToString(), pair.B.ToString(), Guid.NewGuid().ToString()),
            _ => (pair.A.ToString(), pair.B.ToString(), pair.A.ToString()),
        };
        if (kind == "stale")
        {
            // Someone else corrects one of the two records meanwhile: its version moves on.
            await factory.WithDbAsync(async db =>
            {
                var person = await db.Persons.SingleAsync(p => p.Id == pair.B);
                person.Address = "5 rue de la Paix, Maubeuge";
                await db.SaveChangesAsync();
            });
            before = await StewardKit.SnapshotAsync(factory, pair.A, pair.B);
        }

        var fields = new List<(string, string)>
        {
            ("Input.Survivor", survivor),
            ("Input.VersionA", WebSession.Hidden(form, "Input.VersionA")),
            ("Input.VersionB", kind == "forged-version" ? "zéro" : WebSession.Hidden(form, "Input.VersionB")),
        };
        if (reason is not null)
        {
            fields.Add(("Input.Reason", reason));
        }

        var response = await session.PostWithTokenAsync($"/steward/merge?a={a}&b={b}", token, [.. fields]);

        response.Status.ShouldBe(status, response.ToString());
        response.Html.ShouldContain(message == "error.too-long" ? Fr(message, PersonMerge.MaxReasonLength) : Fr(message));
        (await StewardKit.SnapshotAsync(factory, pair.A, pair.B)).ShouldBe(before);
        (await factory.WithDbAsync(db => db.PersonMerges.CountAsync())).ShouldBe(mergesBefore);
        (await factory.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == "person.merged" && e.Outcome == "success" && e.ObjectId == pair.A.ToString()))).ShouldBe(0);
    }

    [Theory]
    [InlineData("/steward/merge?a=x&b=y", HttpStatusCode.BadRequest, "steward.error.bad-id")]
    [InlineData("/steward/merge", HttpStatusCode.BadRequest, "steward.error.bad-id")]
    [InlineData("/steward/merges?undo=nope", HttpStatusCode.BadRequest, "steward.error.bad-id")]
    [InlineData("/steward/merges?p=0", HttpStatusCode.BadRequest, "error.page-invalid")]
    public async Task MalformedAddresses_ShowAClearMessage(string url, HttpStatusCode status, string message)
    {
        using var session = await factory.SignInAsync(Roles.GedChair, "59");

        var page = await session.GetAsync(url);

        page.Status.ShouldBe(status);
        page.Html.ShouldContain(Fr(message));
    }

    [Fact]
    public async Task MergePage_ForTheSamePersonTwice_OrAnAlreadyMergedPerson_OffersNoForm()
    {
        var pair = await DuplicateAsync();
        var third = await StewardKit.RegisterAsync(factory, "59", "Omar", pair.Surname, (await PersonAsync(pair.A)).DateOfBirth!.Value);
        using var session = await factory.SignInAsync(Roles.GedChair, "59");

        var same = await session.GetAsync(StewardKit.MergeLink(pair.A, pair.A));
        same.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        same.Html.ShouldContain(Fr("steward.error.same-person"));
        same.Html.ShouldNotContain("Input.Reason");

        (await StewardKit.MergeAsync(session, pair.A, pair.B, pair.A, "Même personne.")).Redirects.ShouldBeTrue();
        var before = await StewardKit.SnapshotAsync(factory, pair.A, pair.B, third);
        var again = await session.GetAsync(StewardKit.MergeLink(third, pair.B));
        again.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        again.Html.ShouldContain(Fr("steward.error.already-merged"));
        again.Html.ShouldNotContain("name=\"Input.Reason\"");

        var forced = await session.PostWithTokenAsync(StewardKit.MergeLink(third, pair.B), WebSession.AntiForgeryToken(again),
            ("Input.Survivor", third.ToString()), ("Input.Reason", "Forcer une seconde fusion."), ("Input.VersionA", "0"), ("Input.VersionB", "1"));
        forced.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        forced.Html.ShouldContain(Fr("steward.error.already-merged"));
        (await StewardKit.SnapshotAsync(factory, pair.A, pair.B, third)).ShouldBe(before);
    }

    [Theory]
    [InlineData("<script>alert('fusion')</script>")]
    [InlineData("Robert'); DROP TABLE persons;--")]
    public async Task HostileReason_IsStoredAsText_AndShownEncoded(string reason)
    {
        var pair = await DuplicateAsync();
        using var session = await factory.SignInAsync(Roles.GedChair, "59");

        var response = await StewardKit.MergeAsync(session, pair.A, pair.B, pair.B, reason);

        response.Redirects.ShouldBeTrue(response.ToString());
        response.Location.ShouldBe($"/persons/{pair.B}");
        (await factory.WithDbAsync(db => db.PersonMerges.AsNoTracking().SingleAsync(m => m.MergedId == pair.A))).Reason.ShouldBe(reason);
        var survivorPage = await session.GetAsync($"/persons/{pair.B}");
        survivorPage.Html.ShouldContain(Fr("steward.merged"));
        survivorPage.Html.ShouldContain(Html(reason));
        survivorPage.Html.ShouldNotContain("<script>alert", Case.Sensitive);
        (await session.GetAsync("/steward/merges")).Html.ShouldContain(Html(reason));
        (await factory.WithDbAsync(db => db.Persons.CountAsync(p => p.Id == pair.A || p.Id == pair.B))).ShouldBe(2);
    }

    [Theory]
    [InlineData("/steward/duplicates")]
    [InlineData("/steward/merges")]
    [InlineData("/steward/merge?a=00000000-0000-0000-0000-000000000001&b=00000000-0000-0000-0000-000000000002")]
    public async Task StewardPages_ForAPanelMemberWithoutTheMergePermission_AreRefused(string url)
    {
        await DuplicateAsync();
        using var session = await factory.SignInAsync(Roles.Ged, "59");

        var response = await session.GetAsync(url);

        response.Redirects.ShouldBeTrue(response.ToString());
        response.Location.ShouldNotBeNull().ShouldContain("/Account/AccessDenied", Case.Insensitive);
        (await session.GetAsync(new Uri(new Uri("http://localhost"), response.Location).PathAndQuery)).Status.ShouldBe(HttpStatusCode.Forbidden);
        (await session.GetAsync("/")).Html.ShouldNotContain("/steward/duplicates");
    }

    [Fact]
    public async Task MergePost_ByAPanelMemberWithoutTheMergePermission_IsRefused_AndChangesNothing()
    {
        var pair = await DuplicateAsync();
        var before = await StewardKit.SnapshotAsync(factory, pair.A, pair.B);
        using var session = await factory.SignInAsync(Roles.Ged, "59");
        var token = WebSession.AntiForgeryToken(await session.GetAsync("/register"));

        var response = await session.PostWithTokenAsync(StewardKit.MergeLink(pair.A, pair.B), token,
            ("Input.Survivor", pair.A.ToString()), ("Input.Reason", "Sans droit."), ("Input.VersionA", "0"), ("Input.VersionB", "0"));

        response.Redirects.ShouldBeTrue();
        response.Location.ShouldNotBeNull().ShouldContain("/Account/AccessDenied", Case.Insensitive);
        (await StewardKit.SnapshotAsync(factory, pair.A, pair.B)).ShouldBe(before);
    }

    [Fact]
    public async Task ChairOfAnotherDepartement_ListsNothingOf59_AndGetsNotFoundOnItsPersons()
    {
        var pair = await DuplicateAsync();
        using var session = await factory.SignInAsync(Roles.GedChair, "62");

        var list = await session.GetAsync("/steward/duplicates");
        var merge = await session.GetAsync(StewardKit.MergeLink(pair.A, pair.B));

        list.Status.ShouldBe(HttpStatusCode.OK);
        list.Html.ShouldNotContain(pair.Surname, Case.Insensitive);
        list.Html.ShouldNotContain(pair.A.ToString());
        merge.Status.ShouldBe(HttpStatusCode.NotFound);
        merge.Html.ShouldNotContain(pair.Surname, Case.Insensitive);
    }

    [Fact]
    public async Task StewardPages_InEnglish_UseTheEnglishTexts()
    {
        var pair = await DuplicateAsync();
        using var session = await factory.SignInAsync(Roles.GedChair, "59");

        var list = await session.GetAsync("/steward/duplicates?culture=en-GB");
        var merge = await session.GetAsync(StewardKit.MergeLink(pair.A, pair.B) + "&culture=en-GB");

        list.Html.ShouldContain("Probable duplicates");
        list.Html.ShouldContain("Review and merge");
        merge.Html.ShouldContain("Merge the two records");
        merge.Html.ShouldContain("Record to keep");
    }

    private Task<Person> PersonAsync(Guid id) => factory.WithDbAsync(db => db.Persons.AsNoTracking().SingleAsync(p => p.Id == id));

    /// <summary>The table row of one pair.</summary>
    private static string RowOf(PageResponse page, Pair pair)
    {
        var link = Html(StewardKit.MergeLink(pair.A, pair.B));
        var at = page.Html.IndexOf(link, StringComparison.Ordinal);
        at.ShouldBeGreaterThan(-1, $"the pair is not listed: {page}");
        var start = page.Html.LastIndexOf("<tr>", at, StringComparison.Ordinal);
        var end = page.Html.IndexOf("</tr>", at, StringComparison.Ordinal);
        return page.Html[start..end];
    }

    private static int Percent(string row)
    {
        var match = PercentPattern().Match(WebUtility.HtmlDecode(row));
        match.Success.ShouldBeTrue(row);
        return int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private static List<string> MergeLinks(PageResponse page) =>
        [.. MergeLinkPattern().Matches(page.Html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value))];

    [GeneratedRegex(@"<td>(\d+)[\s\u00A0\u202F]?%</td>")]
    private static partial Regex PercentPattern();

    [GeneratedRegex("href=\"(/steward/merge\\?a=[0-9a-f-]{36}&amp;b=[0-9a-f-]{36})\"")]
    private static partial Regex MergeLinkPattern();
}
