using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Features.Assessments;
using Passerelle.Web.Security;
using Passerelle.Web.Tests.Infrastructure;
using static Passerelle.Web.Tests.Infrastructure.PageKit;
using Case = Shouldly.Case;

namespace Passerelle.Web.Tests.Pages;

/// <summary>
/// Assessment grids (reference data, administrators): a draft is edited (items added, removed, reordered, validated),
/// published (the previous edition retired), and changed only through a new edition: a published edition never changes.
/// </summary>
public sealed class AssessmentGridsPagesTests(PasserelleFactory factory) : IClassFixture<PasserelleFactory>
{
    /// <summary>The example grid first (as at application start), so every test sees it whatever their order.</summary>
    private async Task<WebSession> AdminAsync()
    {
        await AssessmentKit.EnsureGridAsync(factory);
        return await factory.SignInAsync(Roles.Admin, AccessScope.NationalValue);
    }

    private static (string, string)[] Item(int n, string code, string position, string domain = "dom", string? labelFr = null, string domainFr = "Domaine", string domainEn = "Domain") =>
    [
        ($"Input.Items[{n}].DomainCode", domain), ($"Input.Items[{n}].DomainFr", domainFr), ($"Input.Items[{n}].DomainEn", domainEn),
        ($"Input.Items[{n}].Code", code), ($"Input.Items[{n}].LabelFr", labelFr ?? $"Libellé {code}"), ($"Input.Items[{n}].LabelEn", $"Label {code}"),
        ($"Input.Items[{n}].GuidanceFr", "Aide."), ($"Input.Items[{n}].GuidanceEn", "Guidance."), ($"Input.Items[{n}].Position", position),
    ];

    private static async Task<Guid> CreateAsync(WebSession admin, string code)
    {
        var created = await admin.PostFormAsync("/admin/grids", "/admin/grids", ("Code", code), ("NameFr", "Grille d'essai"), ("NameEn", "Test grid"));
        created.Redirects.ShouldBeTrue(created.ToString());
        return Guid.Parse(created.Location!.Split('/').Last());
    }

    private static async Task<PageResponse> PostAsync(WebSession admin, Guid id, string? handler, params (string, string)[] fields)
    {
        var page = await admin.GetAsync($"/admin/grids/{id}");
        page.Status.ShouldBe(HttpStatusCode.OK, page.ToString());
        var all = new List<(string, string)>(fields);
        if (!all.Any(f => f.Item1 == "Input.Version"))
        {
            all.Add(("Input.Version", WebSession.Hidden(page, "Input.Version")));
        }

        return await admin.PostWithTokenAsync($"/admin/grids/{id}{(handler is null ? "" : "?handler=" + handler)}", WebSession.AntiForgeryToken(page), [.. all]);
    }

    private Task<AssessmentGrid> GridAsync(Guid id) => factory.WithDbAsync(db => db.AssessmentGrids.AsNoTracking().Include(g => g.Items).SingleAsync(g => g.Id == id));

    [Fact]
    public async Task Seed_IsIdempotent_AndPublishesTheExampleGrid()
    {
        await factory.WithDbAsync(db => AssessmentGridSeed.EnsureAsync(db));
        (await factory.WithDbAsync(db => AssessmentGridSeed.EnsureAsync(db))).ShouldBeFalse();
        var grids = await factory.WithDbAsync(db => db.AssessmentGrids.Include(g => g.Items).Where(g => g.Code == AssessmentGridSeed.Code).ToListAsync());
        var grid = grids.ShouldHaveSingleItem();
        grid.Status.ShouldBe(GridStatus.Published);
        grid.Edition.ShouldBe(1);
        grid.Items.Count.ShouldBe(15);
        grid.Items.Select(i => i.DomainCode).Distinct().Order().ShouldBe(["capability", "engagement", "intent"]);
        grid.Items.ShouldAllBe(i => i.LabelFr.Length > 0 && i.LabelEn.Length > 0 && i.GuidanceFr != null && i.GuidanceEn != null);
        grid.Items.Select(i => i.Code).Distinct().Count().ShouldBe(15);
    }

    [Fact]
    public async Task Draft_IsEditedPublishedAndChangedOnlyThroughANewEdition()
    {
        using var admin = await AdminAsync();
        var id = await CreateAsync(admin, "ESSAI-A");
        var draft = await GridAsync(id);
        draft.Status.ShouldBe(GridStatus.Draft);
        draft.Edition.ShouldBe(1);

        var saved = await PostAsync(admin, id, null, [("Input.NameFr", "Grille d'essai"), ("Input.NameEn", "Test grid"), .. Item(0, "A1", "2"), .. Item(1, "A2", "1"), .. Item(2, "A3", "3")]);
        saved.Redirects.ShouldBeTrue(saved.ToString());
        var items = (await GridAsync(id)).Items.OrderBy(i => i.Position).Select(i => i.Code).ToList();
        items.ShouldBe(["A2", "A1", "A3"]);

        // Reorder, remove A3, add A4 through the blank row.
        var page = await admin.GetAsync($"/admin/grids/{id}");
        var ids = Regex.Matches(page.Html, "name=\"Input\\.Items\\[(\\d+)\\]\\.Id\" value=\"([0-9a-f-]{36})\"").Select(m => m.Groups[2].Value).ToList();
        ids.Count.ShouldBe(3);
        var byCode = (await GridAsync(id)).Items.ToDictionary(i => i.Id.ToString(), i => i.Code);
        var fields = new List<(string, string)> { ("Input.NameFr", "Grille d'essai modifiée"), ("Input.NameEn", "Test grid, edited") };
        for (var n = 0; n < 3; n++)
        {
            var code = byCode[ids[n]];
            fields.Add(($"Input.Items[{n}].Id", ids[n]));
            fields.AddRange(Item(n, code, code == "A1" ? "1" : "2"));
            if (code == "A3")
            {
                fields.Add(($"Input.Items[{n}].Remove", "true"));
            }
        }

        fields.AddRange(Item(3, "A4", "3"));
        (await PostAsync(admin, id, null, [.. fields])).Redirects.ShouldBeTrue();
        var edited = await GridAsync(id);
        edited.NameFr.ShouldBe("Grille d'essai modifiée");
        edited.Items.OrderBy(i => i.Position).Select(i => i.Code).ShouldBe(["A1", "A2", "A4"]);

        var published = await PostAsync(admin, id, "Publish");
        published.Redirects.ShouldBeTrue(published.ToString());
        var frozen = await GridAsync(id);
        frozen.Status.ShouldBe(GridStatus.Published);
        frozen.PublishedAt.ShouldNotBeNull();

        // A published edition never changes: edits and a second publication are refused.
        var edit = await admin.PostFormAsync($"/admin/grids/{id}", $"/admin/grids/{id}", [("Input.Version", frozen.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("Input.NameFr", "Pirate"), ("Input.NameEn", "Pirate"), .. Item(0, "Z9", "1")]);
        edit.Status.ShouldBe(HttpStatusCode.Conflict, edit.ToString());
        edit.Html.ShouldContain(Fr("grid.error.not-draft"));
        var still = await GridAsync(id);
        still.NameFr.ShouldBe("Grille d'essai modifiée");
        still.Items.Select(i => i.Code).Order().ShouldBe(["A1", "A2", "A4"]);

        var next = await admin.PostFormAsync($"/admin/grids/{id}?handler=NewEdition", $"/admin/grids/{id}");
        next.Redirects.ShouldBeTrue(next.ToString());
        var secondId = Guid.Parse(next.Location!.Split('/').Last());
        secondId.ShouldNotBe(id);
        var second = await GridAsync(secondId);
        second.Code.ShouldBe("ESSAI-A");
        second.Edition.ShouldBe(2);
        second.Status.ShouldBe(GridStatus.Draft);
        second.Items.Select(i => i.Code).Order().ShouldBe(["A1", "A2", "A4"]);
        second.Items.Select(i => i.Id).ShouldNotContain(x => still.Items.Any(i => i.Id == x));

        // A second "new edition" leads to the existing draft rather than making another.
        var again = await admin.PostFormAsync($"/admin/grids/{id}?handler=NewEdition", $"/admin/grids/{id}");
        again.Location.ShouldBe($"/admin/grids/{secondId}");
        (await factory.WithDbAsync(db => db.AssessmentGrids.CountAsync(g => g.Code == "ESSAI-A"))).ShouldBe(2);

        (await PostAsync(admin, secondId, "Publish")).Redirects.ShouldBeTrue();
        (await GridAsync(id)).Status.ShouldBe(GridStatus.Retired);
        (await GridAsync(secondId)).Status.ShouldBe(GridStatus.Published);
        (await GridAsync(id)).Items.Select(i => i.Code).Order().ShouldBe(["A1", "A2", "A4"]);

        var list = await admin.GetAsync("/admin/grids");
        list.Html.ShouldContain("ESSAI-A");
        list.Html.ShouldContain(Fr("grid.status.retired"));
        list.Html.ShouldContain($"/admin/grids/{secondId}");
        foreach (var action in new[] { "grid.created", "grid.updated", "grid.published", "grid.retired", "grid.edition-created" })
        {
            (await factory.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == action))).ShouldBeGreaterThan(0, action);
        }
    }

    [Fact]
    public async Task NewEdition_IsMatchedByItemCode_OnTheComparePage()
    {
        await AssessmentKit.EnsureGridAsync(factory);
        var (_, caseId) = await AssessmentKit.CaseAsync(factory, "59", "Agathe", "Editions");
        using var ged = await factory.SignInAsync(Roles.Ged, "59");
        using var assessor = await factory.SignInAsync(Roles.Assessor, "59");
        var first = await AssessmentKit.RequestAsync(ged, caseId, gridId: await AssessmentKit.EicAsync(factory));
        (await AssessmentKit.SaveAsync(assessor, first, AssessmentKit.Ratings(("ENG1", "Present"), ("CAP5", "Absent")), "Première.", complete: true)).Redirects.ShouldBeTrue();

        // Edition 2 of EIC drops CAP5 and adds NEW1.
        using var admin = await AdminAsync();
        var eic = await factory.WithDbAsync(db => db.AssessmentGrids.Where(g => g.Code == "EIC" && g.Status == GridStatus.Published).Select(g => g.Id).SingleAsync());
        var next = await admin.PostFormAsync($"/admin/grids/{eic}?handler=NewEdition", $"/admin/grids/{eic}");
        var draftId = Guid.Parse(next.Location!.Split('/').Last());
        var draft = await GridAsync(draftId);
        var fields = new List<(string, string)> { ("Input.NameFr", draft.NameFr), ("Input.NameEn", draft.NameEn) };
        var n = 0;
        foreach (var i in draft.Items.OrderBy(i => i.Position))
        {
            fields.AddRange([($"Input.Items[{n}].Id", i.Id.ToString()), ($"Input.Items[{n}].DomainCode", i.DomainCode), ($"Input.Items[{n}].DomainFr", i.DomainFr), ($"Input.Items[{n}].DomainEn", i.DomainEn),
                ($"Input.Items[{n}].Code", i.Code), ($"Input.Items[{n}].LabelFr", i.LabelFr), ($"Input.Items[{n}].LabelEn", i.LabelEn),
                ($"Input.Items[{n}].Position", i.Position.ToString(System.Globalization.CultureInfo.InvariantCulture)), ($"Input.Items[{n}].Remove", i.Code == "CAP5" ? "true" : "false")]);
            n++;
        }

        fields.AddRange(Item(n, "NEW1", "99", "capability", "Nouvel élément d'essai", "Capacité", "Capability"));
        var saved = await PostAsync(admin, draftId, null, [.. fields]);
        saved.Redirects.ShouldBeTrue(saved.ToString());
        (await PostAsync(admin, draftId, "Publish")).Redirects.ShouldBeTrue();

        var second = await AssessmentKit.RequestAsync(ged, caseId, gridId: await AssessmentKit.EicAsync(factory));
        (await factory.WithDbAsync(db => db.Assessments.SingleAsync(a => a.Id == second))).GridId.ShouldBe(draftId);
        (await AssessmentKit.SaveAsync(assessor, second, AssessmentKit.Ratings(("ENG1", "Present"), ("NEW1", "Absent")), "Seconde.", complete: true)).Redirects.ShouldBeTrue();

        var compare = await assessor.GetAsync($"/assessments/compare?caseId={caseId}");
        compare.Status.ShouldBe(HttpStatusCode.OK, compare.ToString());
        Regex.Count(compare.Html, Fr("assessment.compare.not-in-edition")).ShouldBe(2); // CAP5 in edition 2, NEW1 in edition 1
        compare.Html.ShouldContain(Html("Nouvel élément d'essai"));
        compare.Html.ShouldNotContain(">" + Fr("assessment.compare.changed") + "</p>");
    }

    [Fact]
    public async Task Draft_BadInput_GetsAClearMessageAndChangesNothing()
    {
        using var admin = await AdminAsync();
        var id = await CreateAsync(admin, "ESSAI-B");
        (await PostAsync(admin, id, null, [("Input.NameFr", "Grille"), ("Input.NameEn", "Grid"), .. Item(0, "B1", "1")])).Redirects.ShouldBeTrue();
        var before = await GridAsync(id);

        async Task RefusedAsync(string expected, params (string, string)[] fields)
        {
            var answer = await PostAsync(admin, id, null, fields);
            answer.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, answer.ToString());
            answer.Html.ShouldContain(expected);
            answer.Html.ShouldContain("href=\"#");
        }

        var keep = before.Items.Single();
        (string, string)[] Existing() => [("Input.Items[0].Id", keep.Id.ToString()), .. Item(0, "B1", "1")];
        await RefusedAsync(Fr("error.required"), [("Input.NameFr", ""), ("Input.NameEn", "Grid"), .. Existing()]);
        await RefusedAsync(Fr("grid.error.code-twice", "B1"), [("Input.NameFr", "Grille"), ("Input.NameEn", "Grid"), .. Existing(), .. Item(1, "b1", "2")]);
        await RefusedAsync(Fr("error.required"), [("Input.NameFr", "Grille"), ("Input.NameEn", "Grid"), .. Existing(), .. Item(1, "B2", "2", labelFr: "")]);
        await RefusedAsync(Fr("error.too-long", AssessmentGridItem.MaxLabelLength), [("Input.NameFr", "Grille"), ("Input.NameEn", "Grid"), .. Existing(), .. Item(1, "B2", "2", labelFr: new string('l', 501))]);
        await RefusedAsync(Fr("error.markup"), [("Input.NameFr", "<script>alert(1)</script>"), ("Input.NameEn", "Grid"), .. Existing()]);
        await RefusedAsync(Fr("grid.error.item-code-format"), [("Input.NameFr", "Grille"), ("Input.NameEn", "Grid"), .. Existing(), .. Item(1, "'; DROP TABLE assessment_grids; --", "2")]);
        await RefusedAsync(Fr("grid.error.item-code-format"), [("Input.NameFr", "Grille"), ("Input.NameEn", "Grid"), .. Existing(), .. Item(1, "../../etc/passwd", "2")]);
        await RefusedAsync(Fr("grid.error.position", 9999), [("Input.NameFr", "Grille"), ("Input.NameEn", "Grid"), .. Existing(), .. Item(1, "B2", "abc")]);
        await RefusedAsync(Fr("grid.error.position", 9999), [("Input.NameFr", "Grille"), ("Input.NameEn", "Grid"), .. Existing(), .. Item(1, "B2", "-4")]);
        await RefusedAsync(Fr("grid.error.item-unknown"), [("Input.NameFr", "Grille"), ("Input.NameEn", "Grid"), ("Input.Items[0].Id", Guid.NewGuid().ToString()), .. Item(0, "B1", "1")]);

        var after = await GridAsync(id);
        after.NameFr.ShouldBe(before.NameFr);
        after.Version.ShouldBe(before.Version);
        after.Items.Select(i => (i.Code, i.LabelFr, i.Position)).ShouldBe(before.Items.Select(i => (i.Code, i.LabelFr, i.Position)));

        // Stale version: 409, nothing saved.
        var stale = await PostAsync(admin, id, null, [("Input.Version", (before.Version - 1).ToString(System.Globalization.CultureInfo.InvariantCulture)), ("Input.NameFr", "Autre"), ("Input.NameEn", "Other"), .. Existing()]);
        stale.Status.ShouldBe(HttpStatusCode.Conflict);
        stale.Html.ShouldContain(Fr("grid.error.conflict"));
        (await GridAsync(id)).NameFr.ShouldBe(before.NameFr);

        // Creation: bad code, duplicate code.
        foreach (var (code, expected) in new[] { ("", Fr("error.required")), ("x", Fr("grid.error.code-format")), ("<script>", Fr("grid.error.code-format")), ("ESSAI-B", Fr("grid.error.code-taken")) })
        {
            var created = await admin.PostFormAsync("/admin/grids", "/admin/grids", ("Code", code), ("NameFr", "Grille"), ("NameEn", "Grid"));
            created.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, code);
            created.Html.ShouldContain(expected);
        }

        (await factory.WithDbAsync(db => db.AssessmentGrids.CountAsync(g => g.Code == "ESSAI-B"))).ShouldBe(1);

        // An empty draft cannot be published.
        var empty = await CreateAsync(admin, "ESSAI-VIDE");
        var publish = await PostAsync(admin, empty, "Publish");
        publish.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        publish.Html.ShouldContain(Fr("grid.error.no-items"));
        (await GridAsync(empty)).Status.ShouldBe(GridStatus.Draft);
        (await admin.GetAsync($"/admin/grids/{Guid.NewGuid()}")).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData(Roles.Ged, "59")]
    [InlineData(Roles.GedChair, "59")]
    [InlineData(Roles.Assessor, "59")]
    [InlineData(Roles.Analyst, "national")]
    public async Task GridPages_ForEveryoneButAdmin_AreRefused(string role, string territories)
    {
        await AssessmentKit.EnsureGridAsync(factory);
        var eic = await factory.WithDbAsync(db => db.AssessmentGrids.Select(g => g.Id).FirstAsync());
        using var session = await factory.SignInAsync(role, territories);
        foreach (var url in new[] { "/admin/grids", $"/admin/grids/{eic}" })
        {
            var refused = await session.GetAsync(url);
            refused.Redirects.ShouldBeTrue(url);
            refused.Location.ShouldNotBeNull().ShouldContain("/Account/AccessDenied", Case.Insensitive);
        }
    }

    [Fact]
    public async Task Admin_EditsGrids_ButSeesNoAssessment()
    {
        await AssessmentKit.EnsureGridAsync(factory);
        var (_, caseId) = await AssessmentKit.CaseAsync(factory, "59", "Zoé", "Adminvoitrien");
        using var ged = await factory.SignInAsync(Roles.Ged, "59");
        var id = await AssessmentKit.RequestAsync(ged, caseId, gridId: await AssessmentKit.EicAsync(factory));
        using var admin = await AdminAsync();
        (await admin.GetAsync("/admin/grids")).Status.ShouldBe(HttpStatusCode.OK);
        foreach (var url in new[] { "/assessments", $"/assessments/{id}", $"/assessments/compare?caseId={caseId}" })
        {
            var refused = await admin.GetAsync(url);
            refused.Location.ShouldNotBeNull(url).ShouldContain("/Account/AccessDenied", Case.Insensitive);
        }
    }
}
