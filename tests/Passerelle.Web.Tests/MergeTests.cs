using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Passerelle.Domain;
using Passerelle.Web.Features.Reports;
using Passerelle.Web.Security;
using Passerelle.Web.Tests.Infrastructure;
using static Passerelle.Web.Tests.Infrastructure.PageKit;
using Case = Shouldly.Case;

namespace Passerelle.Web.Tests;

/// <summary>
/// A data steward merges two persons and undoes the merge (issue 3): exactly the merged person's cases and
/// reports move, the merged person leaves the register, the API list and the candidate search, an undo puts
/// back exactly what moved (keys included), everything is audited, and a steward covering only one of the two
/// territories can neither merge nor see the merge. Each test uses its own identities: the register is shared.
/// </summary>
public sealed class MergeTests(PasserelleFactory factory) : IClassFixture<PasserelleFactory>
{
    [Fact]
    public async Task Merge_MovesExactlyTheMergedPersonsCasesAndReports_AndAuditsBoth()
    {
        var surname = StewardKit.UniqueSurname("Kante");
        var dob = StewardKit.UniqueDob();
        var survivor = await StewardKit.RegisterAsync(factory, "59", "Oumar", surname, dob);
        await StewardKit.RegisterAsync(factory, "59", "Oumar", surname, dob, attachTo: survivor);
        var merged = await StewardKit.RegisterAsync(factory, "59", "Umar", surname, dob);
        await StewardKit.RegisterAsync(factory, "59", "Umar", surname, dob, attachTo: merged);
        var bystander = await StewardKit.RegisterAsync(factory, "59", "Jeanne", StewardKit.UniqueSurname("Tierce"), StewardKit.UniqueDob(), Sex.Female);
        var before = await StewardKit.SnapshotAsync(factory, survivor, merged, bystander);
        var user = await factory.CreatePageUserAsync(Roles.GedChair, "59");
        using var session = await factory.SignInAsync(user);

        var response = await StewardKit.MergeAsync(session, survivor, merged, survivor, "Même personne : même date de naissance, prénom translittéré.");

        response.Status.ShouldBe(HttpStatusCode.Redirect, response.ToString());
        response.Location.ShouldBe($"/persons/{survivor}");
        var after = await StewardKit.SnapshotAsync(factory, survivor, merged, bystander);
        var record = await factory.WithDbAsync(db => db.PersonMerges.AsNoTracking().SingleAsync(m => m.MergedId == merged));
        record.SurvivorId.ShouldBe(survivor);
        record.TerritoryCode.ShouldBe("59");
        record.MergedTerritoryCode.ShouldBe("59");
        record.MergedById.ShouldBe(user.Id);
        record.Reason.ShouldBe("Même personne : même date de naissance, prénom translittéré.");
        record.Probability.ShouldNotBeNull().ShouldBeGreaterThanOrEqualTo(0.5);
        record.UndoneAt.ShouldBeNull();
        PersonMerge.ParseIds(record.MovedCaseIds).Order().ShouldBe(before.CasesOf(merged).Order());
        PersonMerge.ParseIds(record.MovedReportIds).Order().ShouldBe(before.ReportsOf(merged).Order());
        after.CasesOf(survivor).Order().ShouldBe(before.CasesOf(survivor).Concat(before.CasesOf(merged)).Order());
        after.ReportsOf(survivor).Order().ShouldBe(before.ReportsOf(survivor).Concat(before.ReportsOf(merged)).Order());
        after.CasesOf(merged).ShouldBeEmpty();
        after.ReportsOf(merged).ShouldBeEmpty();
        after.MergedInto[merged].ShouldBe(survivor);
        after.MergedInto[survivor].ShouldBeNull();
        after.Persons[bystander].ShouldBe(before.Persons[bystander]);
        after.CasesOf(bystander).ShouldBe(before.CasesOf(bystander));

        // The survivor is found under either spelling; the merged person under none.
        after.KeysOf(merged).ShouldBeEmpty();
        var expectedKeys = await factory.WithDbAsync(async db =>
        {
            var s = await db.Persons.AsNoTracking().SingleAsync(p => p.Id == survivor);
            var m = await db.Persons.AsNoTracking().SingleAsync(p => p.Id == merged);
            return FindCandidates.KeysOf(s).Union(FindCandidates.KeysOf(m), StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        });
        after.KeysOf(survivor).ShouldBe(expectedKeys);
        before.KeysOf(merged).ShouldAllBe(k => after.KeysOf(survivor).Contains(k));

        var events = await factory.WithDbAsync(db => db.AuditEvents.AsNoTracking()
            .Where(e => e.UserId == user.Id && e.Action == "person.merged").ToListAsync());
        events.Select(e => e.ObjectId).Order().ShouldBe(new[] { survivor.ToString(), merged.ToString() }.Order());
        events.ShouldAllBe(e => e.Outcome == "success" && e.Reason == record.Reason && e.Role == Roles.GedChair);
    }

    [Fact]
    public async Task MergedPerson_LeavesTheRegisterTheApiListTheCandidateSearchAndTheDuplicates_AndPointsToTheSurvivor()
    {
        var surname = StewardKit.UniqueSurname("Bakari");
        var dob = StewardKit.UniqueDob();
        var survivor = await StewardKit.RegisterAsync(factory, "59", "Oumar", surname, dob);
        var merged = await StewardKit.RegisterAsync(factory, "59", "Umar", surname, dob);
        var chair = await factory.CreatePageUserAsync(Roles.GedChair, "59");
        using var session = await factory.SignInAsync(chair);
        (await session.GetAsync("/steward/duplicates")).Html.ShouldContain(Html(StewardKit.MergeLink(survivor, merged)));

        (await StewardKit.MergeAsync(session, survivor, merged, survivor, "Doublon confirmé par le GED.")).Redirects.ShouldBeTrue();

        var register = await session.GetAsync("/register?q=" + surname);
        register.Html.ShouldContain(Fr("register.count", 1));
        register.Html.ShouldContain($"/persons/{survivor}");
        register.Html.ShouldNotContain($"/persons/{merged}");
        using var api = factory.ClientWithToken(chair.Token);
        var list = await api.GetJsonAsync($"{TestApi.Persons}?query={surname}");
        list.GetProperty("total").GetInt32().ShouldBe(1);
        list.GetProperty("items")[0].GetProperty("id").GetGuid().ShouldBe(survivor);
        using var candidates = await api.PostAsJsonAsync(
            new Uri("/api/v1/persons/candidates", UriKind.Relative),
            new { givenName = "Umar", surname, dateOfBirth = dob.ToString(), sex = "M" });
        var found = await candidates.JsonAsync();
        candidates.StatusCode.ShouldBe(HttpStatusCode.OK, found.ToString());
        found.GetProperty("candidates").EnumerateArray().Select(c => c.GetProperty("personId").GetGuid()).ShouldBe([survivor]);
        (await session.GetAsync("/steward/duplicates")).Html.ShouldNotContain(Html(StewardKit.MergeLink(survivor, merged)));

        var mergedPage = await session.GetAsync($"/persons/{merged}");
        mergedPage.Status.ShouldBe(HttpStatusCode.OK);
        mergedPage.Html.ShouldContain(Fr("steward.merged-into"));
        mergedPage.Html.ShouldContain($"<a href=\"/persons/{survivor}\">{surname.ToUpperInvariant()} Oumar</a>");
        mergedPage.Html.ShouldNotContain(Fr("person.new-report"));
        mergedPage.Html.ShouldNotContain("Input.To");
        var apiFile = await api.GetJsonAsync($"{TestApi.Persons}/{merged}");
        apiFile.GetProperty("mergedIntoId").GetGuid().ShouldBe(survivor);

        var survivorPage = await session.GetAsync($"/persons/{survivor}");
        survivorPage.Html.ShouldContain(Fr("steward.history-title"));
        survivorPage.Html.ShouldContain("Doublon confirmé par le GED.");
        survivorPage.Html.ShouldContain($"<a href=\"/persons/{merged}\">{surname.ToUpperInvariant()} Umar</a>");
        survivorPage.Html.ShouldContain(Fr("role.ged-chair"));
        survivorPage.Html.ShouldContain(Fr("steward.active"));
    }

    [Fact]
    public async Task Undo_PutsBackExactlyWhatMoved_KeysIncluded_AndAuditsBoth()
    {
        var surname = StewardKit.UniqueSurname("Sissoko");
        var dob = StewardKit.UniqueDob();
        var survivor = await StewardKit.RegisterAsync(factory, "59", "Oumar", surname, dob);
        var merged = await StewardKit.RegisterAsync(factory, "59", "Umar", surname, dob);
        await StewardKit.RegisterAsync(factory, "59", "Umar", surname, dob, attachTo: merged);
        var before = await StewardKit.SnapshotAsync(factory, survivor, merged);
        var chair = await factory.CreatePageUserAsync(Roles.GedChair, "59");
        using var session = await factory.SignInAsync(chair);
        (await StewardKit.MergeAsync(session, survivor, merged, survivor, "Fusion à annuler.")).Redirects.ShouldBeTrue();
        var mergeId = await factory.WithDbAsync(db => db.PersonMerges.Where(m => m.MergedId == merged).Select(m => m.Id).SingleAsync());
        (await StewardKit.SnapshotAsync(factory, survivor, merged)).Placement().ShouldNotBe(before.Placement());

        var undone = await StewardKit.UndoAsync(session, mergeId, "Homonymes : deux personnes distinctes <b>confirmé</b>.");

        undone.Status.ShouldBe(HttpStatusCode.Redirect, undone.ToString());
        undone.Location.ShouldBe("/steward/merges");
        var after = await StewardKit.SnapshotAsync(factory, survivor, merged);
        after.Placement().ShouldBe(before.Placement());
        var record = await factory.WithDbAsync(db => db.PersonMerges.AsNoTracking().SingleAsync(m => m.Id == mergeId));
        record.UndoneAt.ShouldNotBeNull();
        record.UndoneById.ShouldBe(chair.Id);
        record.UndoReason.ShouldBe("Homonymes : deux personnes distinctes <b>confirmé</b>.");
        var events = await factory.WithDbAsync(db => db.AuditEvents.AsNoTracking()
            .Where(e => e.UserId == chair.Id && e.Action == "person.merge-undone").ToListAsync());
        events.Select(e => e.ObjectId).Order().ShouldBe(new[] { survivor.ToString(), merged.ToString() }.Order());
        events.ShouldAllBe(e => e.Reason == record.UndoReason);

        var register = await session.GetAsync("/register?q=" + surname);
        register.Html.ShouldContain(Fr("register.count", 2));
        var merges = await session.GetAsync("/steward/merges");
        merges.Html.ShouldContain(Fr("steward.undone-badge"));
        merges.Html.ShouldContain(Html("Homonymes : deux personnes distinctes <b>confirmé</b>."));
        merges.Html.ShouldNotContain("<b>confirmé</b>", Case.Sensitive);
        merges.Html.ShouldNotContain($"undo={mergeId}");
        (await session.GetAsync($"/persons/{merged}")).Html.ShouldNotContain(Fr("steward.merged-into"));
    }

    [Fact]
    public async Task Undo_AfterANewReportWasAttachedToAMovedCase_TakesThatReportBackWithItsCase()
    {
        var surname = StewardKit.UniqueSurname("Camara");
        var dob = StewardKit.UniqueDob();
        var survivor = await StewardKit.RegisterAsync(factory, "59", "Oumar", surname, dob);
        var merged = await StewardKit.RegisterAsync(factory, "59", "Umar", surname, dob);
        using var session = await factory.SignInAsync(await factory.CreatePageUserAsync(Roles.GedChair, "59"));
        (await StewardKit.MergeAsync(session, survivor, merged, survivor, "Même personne.")).Redirects.ShouldBeTrue();
        var moved = await factory.WithDbAsync(db => db.PersonMerges.AsNoTracking().SingleAsync(m => m.MergedId == merged));
        var movedCase = PersonMerge.ParseIds(moved.MovedCaseIds).ShouldHaveSingleItem();

        // A new report about the survivor goes to its most recent open case: the one that came with the merge.
        await StewardKit.RegisterAsync(factory, "59", "Oumar", surname, dob, attachTo: survivor);
        var later = await factory.WithDbAsync(db => db.Reports.AsNoTracking().Where(r => r.CaseId == movedCase).OrderByDescending(r => r.ReceivedAt).Select(r => r.Id).FirstAsync());
        PersonMerge.ParseIds(moved.MovedReportIds).ShouldNotContain(later);

        (await StewardKit.UndoAsync(session, moved.Id, "Deux personnes distinctes.")).Redirects.ShouldBeTrue();

        var after = await StewardKit.SnapshotAsync(factory, survivor, merged);
        after.CasesOf(merged).ShouldBe([movedCase]);
        after.ReportsOf(merged).Order().ShouldBe(PersonMerge.ParseIds(moved.MovedReportIds).Append(later).Order());
        after.Reports[survivor].ShouldAllBe(r => !r.EndsWith(movedCase.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Undo_WhenTheSurvivorWasMergedAgain_IsRefusedUntilTheLaterMergeIsUndone()
    {
        var surname = StewardKit.UniqueSurname("Traore");
        var dob = StewardKit.UniqueDob();
        var first = await StewardKit.RegisterAsync(factory, "59", "Oumar", surname, dob);
        var second = await StewardKit.RegisterAsync(factory, "59", "Umar", surname, dob);
        var third = await StewardKit.RegisterAsync(factory, "59", "Omar", surname, dob);
        var before = await StewardKit.SnapshotAsync(factory, first, second, third);
        using var session = await factory.SignInAsync(await factory.CreatePageUserAsync(Roles.GedChair, "59"));
        (await StewardKit.MergeAsync(session, first, second, first, "Première fusion.")).Redirects.ShouldBeTrue();
        (await StewardKit.MergeAsync(session, third, first, third, "Seconde fusion.")).Redirects.ShouldBeTrue();
        var earlier = await factory.WithDbAsync(db => db.PersonMerges.Where(m => m.MergedId == second).Select(m => m.Id).SingleAsync());
        var later = await factory.WithDbAsync(db => db.PersonMerges.Where(m => m.MergedId == first).Select(m => m.Id).SingleAsync());
        var merged = await StewardKit.SnapshotAsync(factory, first, second, third);
        merged.CasesOf(third).Count.ShouldBe(3);

        var refused = await StewardKit.UndoAsync(session, earlier, "Annulation dans le désordre.");

        refused.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, refused.ToString());
        refused.Html.ShouldContain(Fr("steward.error.undo-later-first"));
        (await StewardKit.SnapshotAsync(factory, first, second, third)).ShouldBe(merged);

        (await StewardKit.UndoAsync(session, later, "Annulation de la seconde.")).Redirects.ShouldBeTrue();
        (await StewardKit.UndoAsync(session, earlier, "Annulation de la première.")).Redirects.ShouldBeTrue();
        (await StewardKit.SnapshotAsync(factory, first, second, third)).Placement().ShouldBe(before.Placement());
    }

    [Fact]
    public async Task Undo_Twice_OrWithAStaleVersion_OrWithoutReason_IsRefused_AndChangesNothing()
    {
        var surname = StewardKit.UniqueSurname("Keita");
        var dob = StewardKit.UniqueDob();
        var survivor = await StewardKit.RegisterAsync(factory, "59", "Oumar", surname, dob);
        var merged = await StewardKit.RegisterAsync(factory, "59", "Umar", surname, dob);
        using var session = await factory.SignInAsync(await factory.CreatePageUserAsync(Roles.GedChair, "59"));
        (await StewardKit.MergeAsync(session, survivor, merged, survivor, "Fusion.")).Redirects.ShouldBeTrue();
        var mergeId = await factory.WithDbAsync(db => db.PersonMerges.Where(m => m.MergedId == merged).Select(m => m.Id).SingleAsync());
        var state = await StewardKit.SnapshotAsync(factory, survivor, merged);

        var missing = await StewardKit.UndoAsync(session, mergeId, "   ");
        missing.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, missing.ToString());
        missing.Html.ShouldContain(Fr("steward.error.reason-required"));
        missing.Html.ShouldContain("href=\"#Input_Reason\"");
        var tooLong = await StewardKit.UndoAsync(session, mergeId, new string('x', PersonMerge.MaxReasonLength + 1));
        tooLong.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        tooLong.Html.ShouldContain(Fr("error.too-long", PersonMerge.MaxReasonLength));
        var stale = await StewardKit.UndoAsync(session, mergeId, "Version périmée.", version: "7");
        stale.Status.ShouldBe(HttpStatusCode.Conflict, stale.ToString());
        stale.Html.ShouldContain(Fr("steward.undo-conflict"));
        var forged = await StewardKit.UndoAsync(session, mergeId, "Version illisible.", version: "abc");
        forged.Status.ShouldBe(HttpStatusCode.BadRequest);
        forged.Html.ShouldContain(Fr("steward.error.bad-form"));
        (await StewardKit.SnapshotAsync(factory, survivor, merged)).ShouldBe(state);

        (await StewardKit.UndoAsync(session, mergeId, "Première annulation.")).Redirects.ShouldBeTrue();
        var undone = await StewardKit.SnapshotAsync(factory, survivor, merged);
        var again = await StewardKit.UndoAsync(session, mergeId, "Seconde annulation.", version: "1");

        again.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, again.ToString());
        again.Html.ShouldContain(Fr("steward.error.already-undone"));
        (await StewardKit.SnapshotAsync(factory, survivor, merged)).ShouldBe(undone);
        var unknown = await StewardKit.UndoAsync(session, Guid.NewGuid(), "Fusion inconnue.", version: "0");
        unknown.Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ChairCoveringBothTerritories_MergesAcrossThem_AndAChairCoveringOnlyOne_NeitherMergesNorSeesTheMerge()
    {
        var surname = StewardKit.UniqueSurname("Coulibaly");
        var dob = StewardKit.UniqueDob();
        var in59 = await StewardKit.RegisterAsync(factory, "59", "Oumar", surname, dob);
        var in62 = await StewardKit.RegisterAsync(factory, "62", "Umar", surname, dob);
        var before = await StewardKit.SnapshotAsync(factory, in59, in62);
        using var chair59 = await factory.SignInAsync(await factory.CreatePageUserAsync(Roles.GedChair, "59"));

        // One side out of scope: not found, nothing changed, not listed.
        (await chair59.GetAsync(StewardKit.MergeLink(in59, in62))).Status.ShouldBe(HttpStatusCode.NotFound);
        var token = WebSession.AntiForgeryToken(await chair59.GetAsync("/steward/merges"));
        var attempt = await chair59.PostWithTokenAsync(StewardKit.MergeLink(in59, in62), token,
            ("Input.Survivor", in59.ToString()), ("Input.Reason", "Tentative hors périmètre."), ("Input.VersionA", "0"), ("Input.VersionB", "0"));
        attempt.Status.ShouldBe(HttpStatusCode.NotFound);
        attempt.Html.ShouldNotContain(surname, Case.Insensitive);
        (await StewardKit.SnapshotAsync(factory, in59, in62)).ShouldBe(before);
        (await chair59.GetAsync("/steward/duplicates")).Html.ShouldNotContain(in62.ToString());

        using var both = await factory.SignInAsync(await factory.CreatePageUserAsync(Roles.GedChair, "59,62"));
        (await both.GetAsync("/steward/duplicates")).Html.ShouldContain(Html(StewardKit.MergeLink(in59, in62)));
        (await StewardKit.MergeAsync(both, in59, in62, in59, "Même personne signalée dans deux départements.")).Redirects.ShouldBeTrue();
        var mergeId = await factory.WithDbAsync(db => db.PersonMerges.Where(m => m.MergedId == in62).Select(m => m.Id).SingleAsync());
        var merged = await StewardKit.SnapshotAsync(factory, in59, in62);
        merged.MergedInto[in62].ShouldBe(in59);

        // The 59-only chair sees neither the merge nor its history, and cannot undo it.
        var list = await chair59.GetAsync("/steward/merges");
        list.Html.ShouldNotContain(mergeId.ToString());
        list.Html.ShouldNotContain(surname, Case.Insensitive);
        var survivorPage = await chair59.GetAsync($"/persons/{in59}");
        survivorPage.Status.ShouldBe(HttpStatusCode.OK);
        survivorPage.Html.ShouldNotContain(Fr("steward.history-title"));
        survivorPage.Html.ShouldNotContain("Même personne signalée dans deux départements.");
        (await chair59.GetAsync($"/steward/merges?undo={mergeId}")).Status.ShouldBe(HttpStatusCode.NotFound);
        var undo = await chair59.PostWithTokenAsync("/steward/merges?handler=Undo", token,
            ("Input.MergeId", mergeId.ToString()), ("Input.Version", "0"), ("Input.Reason", "Annulation hors périmètre."));
        undo.Status.ShouldBe(HttpStatusCode.NotFound);
        (await StewardKit.SnapshotAsync(factory, in59, in62)).ShouldBe(merged);
        using var chair62 = await factory.SignInAsync(await factory.CreatePageUserAsync(Roles.GedChair, "62"));
        var mergedPage = await chair62.GetAsync($"/persons/{in62}");
        mergedPage.Html.ShouldContain(Fr("steward.merged-into-hidden"));
        mergedPage.Html.ShouldNotContain($"/persons/{in59}");

        (await StewardKit.UndoAsync(both, mergeId, "Annulation par le président des deux départements.")).Redirects.ShouldBeTrue();
        (await StewardKit.SnapshotAsync(factory, in59, in62)).Placement().ShouldBe(before.Placement());
    }

    [Fact]
    public async Task TheSoftwareNeverMergesOnItsOwn_ListingDuplicatesChangesNothing()
    {
        var surname = StewardKit.UniqueSurname("Diarra");
        var dob = StewardKit.UniqueDob();
        var a = await StewardKit.RegisterAsync(factory, "59", "Oumar", surname, dob);
        var b = await StewardKit.RegisterAsync(factory, "59", "Umar", surname, dob);
        var before = await StewardKit.SnapshotAsync(factory, a, b);
        using var session = await factory.SignInAsync(await factory.CreatePageUserAsync(Roles.GedChair, "59"));

        (await session.GetAsync("/steward/duplicates")).Html.ShouldContain(Html(StewardKit.MergeLink(a, b)));
        (await session.GetAsync(StewardKit.MergeLink(a, b))).Status.ShouldBe(HttpStatusCode.OK);

        (await StewardKit.SnapshotAsync(factory, a, b)).ShouldBe(before);
        (await factory.WithDbAsync(db => db.PersonMerges.CountAsync(m => m.SurvivorId == a || m.MergedId == a))).ShouldBe(0);
    }
}

/// <summary>Steps and checks the steward's tests share: persons put in the register, the merge and undo forms, a snapshot of what a merge moves.</summary>
internal static class StewardKit
{
    private static int dobCounter;

    /// <summary>Letters only, unique per call: a surname no other test uses.</summary>
    public static string UniqueSurname(string prefix) =>
        prefix + string.Concat(Guid.NewGuid().ToByteArray().Take(6).Select(b => (char)('a' + (b % 26))));

    /// <summary>A full date of birth no other test of the run uses (so that persons of different tests never look alike).</summary>
    public static PartialDate UniqueDob()
    {
        var n = Interlocked.Increment(ref dobCounter);
        var day = new DateOnly(1960, 1, 1).AddDays(n * 397);
        return new PartialDate(day.Year, day.Month, day.Day);
    }

    public static string MergeLink(Guid a, Guid b) => $"/steward/merge?a={a}&b={b}";

    /// <summary>A person put in the register as a report would (keys included); with <paramref name="attachTo"/>, one more report about that person.</summary>
    public static Task<Guid> RegisterAsync(PasserelleFactory factory, string territory, string given, string surname, PartialDate dob, Sex sex = Sex.Male, string? address = null, Guid? attachTo = null) =>
        factory.AsSystemAsync(async services =>
        {
            var (recorded, error) = await services.GetRequiredService<RecordReport>().ExecuteAsync(
                new ValidReport(ReportSource.Panel, territory, null, null, given, surname, null, dob, null, sex, address,
                    ["family-rupture"], "Signalement de test.", Urgency.Routine, attachTo),
                CancellationToken.None);
            error.ShouldBeNull();
            return recorded!.PersonId;
        });

    /// <summary>Opens the merge page for the pair, then posts the form with its versions (or the given ones).</summary>
    public static async Task<PageResponse> MergeAsync(WebSession session, Guid a, Guid b, Guid survivor, string? reason, string? versionA = null, string? versionB = null)
    {
        var page = await session.GetAsync(MergeLink(a, b));
        page.Status.ShouldBe(HttpStatusCode.OK, page.ToString());
        var fields = new List<(string, string)>
        {
            ("Input.Survivor", survivor.ToString()),
            ("Input.VersionA", versionA ?? WebSession.Hidden(page, "Input.VersionA")),
            ("Input.VersionB", versionB ?? WebSession.Hidden(page, "Input.VersionB")),
        };
        if (reason is not null)
        {
            fields.Add(("Input.Reason", reason));
        }

        return await session.PostWithTokenAsync(MergeLink(a, b), WebSession.AntiForgeryToken(page), [.. fields]);
    }

    /// <summary>Opens the undo form of a merge when it is offered, then posts it (with the version shown, or the given one).</summary>
    public static async Task<PageResponse> UndoAsync(WebSession session, Guid mergeId, string? reason, string? version = null)
    {
        var page = await session.GetAsync($"/steward/merges?undo={mergeId}");
        var fields = new List<(string, string)>
        {
            ("Input.MergeId", mergeId.ToString()),
            ("Input.Version", version ?? WebSession.Hidden(page, "Input.Version")),
        };
        if (reason is not null)
        {
            fields.Add(("Input.Reason", reason));
        }

        var token = WebSession.AntiForgeryToken(page.Status == HttpStatusCode.OK ? page : await session.GetAsync("/steward/merges"));
        return await session.PostWithTokenAsync("/steward/merges?handler=Undo", token, [.. fields]);
    }

    /// <summary>Everything a merge may touch for these persons, as stored.</summary>
    public static Task<Snapshot> SnapshotAsync(PasserelleFactory factory, params Guid[] persons) =>
        factory.WithDbAsync(async db =>
        {
            var people = await db.Persons.AsNoTracking().Where(p => persons.Contains(p.Id)).ToListAsync();
            var cases = await db.Cases.AsNoTracking().Where(c => persons.Contains(c.PersonId)).Select(c => new { c.Id, c.PersonId, c.Version }).ToListAsync();
            var reports = await db.Reports.AsNoTracking().Where(r => r.PersonId != null && persons.Contains(r.PersonId.Value)).Select(r => new { r.Id, r.PersonId, r.CaseId }).ToListAsync();
            var keys = await db.PersonMatchKeys.AsNoTracking().Where(k => persons.Contains(k.PersonId)).ToListAsync();
            var merges = await db.PersonMerges.AsNoTracking()
                .Where(m => persons.Contains(m.SurvivorId) || persons.Contains(m.MergedId))
                .Select(m => new { m.Id, m.UndoneAt, m.Version })
                .ToListAsync();
            return new Snapshot(
                people.ToDictionary(p => p.Id, p => p.Version),
                people.ToDictionary(p => p.Id, p => p.MergedIntoId),
                persons.ToDictionary(p => p, p => cases.Where(c => c.PersonId == p).Select(c => $"{c.Id}:{c.Version}").Order(StringComparer.Ordinal).ToList()),
                persons.ToDictionary(p => p, p => reports.Where(r => r.PersonId == p).Select(r => $"{r.Id}:{r.CaseId}").Order(StringComparer.Ordinal).ToList()),
                persons.ToDictionary(p => p, p => keys.Where(k => k.PersonId == p).Select(k => k.Key).Order(StringComparer.Ordinal).ToList()),
                string.Join(';', merges.OrderBy(m => m.Id).Select(m => $"{m.Id}:{m.UndoneAt?.ToString("O", CultureInfo.InvariantCulture)}:{m.Version}")));
        });
}

/// <summary>A stored state: persons' versions and merge pointers, cases, reports and keys per person, merges; compared as a whole.</summary>
internal sealed record Snapshot(
    Dictionary<Guid, int> Persons,
    Dictionary<Guid, Guid?> MergedInto,
    Dictionary<Guid, List<string>> Cases,
    Dictionary<Guid, List<string>> Reports,
    Dictionary<Guid, List<string>> Keys,
    string Merges)
{
    public List<Guid> CasesOf(Guid person) => [.. Cases[person].Select(c => Guid.Parse(c.Split(':')[0]))];

    public List<Guid> ReportsOf(Guid person) => [.. Reports[person].Select(r => Guid.Parse(r.Split(':')[0]))];

    public List<string> KeysOf(Guid person) => Keys[person];

    /// <summary>Who owns what (cases, reports, keys, merge pointers), versions aside: what an undo must restore exactly.</summary>
    public string Placement() => string.Join('\n', Persons.Keys.Order().Select(p =>
        $"{p} into={MergedInto[p]} cases={string.Join(',', CasesOf(p).Order())} reports={string.Join(',', Reports[p])} keys={string.Join(',', Keys[p])}"));

    public bool Equals(Snapshot? other) => other is not null && ToString() == other.ToString();

    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);

    public override string ToString() =>
        Placement() + "\nversions=" + string.Join(',', Persons.OrderBy(p => p.Key).Select(p => $"{p.Key}:{p.Value}"))
        + "\ncases=" + string.Join(',', Cases.OrderBy(c => c.Key).SelectMany(c => c.Value)) + "\nmerges=" + Merges;
}
