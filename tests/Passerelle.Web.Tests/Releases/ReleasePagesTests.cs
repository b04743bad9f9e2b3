using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Security;
using Passerelle.Web.Tests.Infrastructure;
using static Passerelle.Web.Tests.Infrastructure.PageKit;
using Case = Shouldly.Case;

namespace Passerelle.Web.Tests.Releases;

/// <summary>
/// The release calendar's pages and API (issue 6): a programme site's staff see the releases of the départements
/// their site covers, alerts first, past-due flagged; record a release; link a participant or describe a takeover,
/// change the date, settle it — version-checked and audited. Another site, other roles, bad input, stale forms:
/// nothing seen, nothing changed, a clear message.
/// </summary>
public sealed class ReleasePagesTests(PasserelleFactory factory) : IClassFixture<PasserelleFactory>
{
    private Task<PageUser> LilleAsync() => factory.PageUserAsync(Roles.Programme, ReleaseKit.Covered("LIL"));

    private Task<PageUser> ParisAsync() => factory.PageUserAsync(Roles.Programme, ReleaseKit.Covered("PAR"));

    private async Task<WebSession> LilleSessionAsync() => await factory.SignInAsync(await LilleAsync());

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static (string, string)[] NewRelease(string surname, DateOnly on, string territory = "59", string given = "Karim", string born = "1990", string establishment = "Centre pénitentiaire de Lille-Annœullin") =>
        [("Input.Surname", surname), ("Input.GivenName", given), ("Input.BirthYear", born), ("Input.ReleaseOn", Iso(on)), ("Input.Establishment", establishment), ("Input.Territory", territory)];

    private static string Section(string html, string fromId, string toId)
    {
        var from = html.IndexOf($"id=\"{fromId}\"", StringComparison.Ordinal);
        var to = html.IndexOf($"id=\"{toId}\"", StringComparison.Ordinal);
        from.ShouldBeGreaterThan(0);
        to.ShouldBeGreaterThan(from);
        return html[from..to];
    }

    private Task<int> ReleaseCountAsync() => factory.WithDbAsync(db => db.PrisonReleases.CountAsync());

    [Fact]
    public async Task The_calendar_shows_the_sites_releases_alerts_first_past_due_flagged_grouped_by_month()
    {
        var today = factory.Today();
        var alerting = await factory.ReleaseAsync("02", today.AddMonths(2), ReleaseKit.Surname("Alerte"), sixAlert: true, threeAlert: true);
        var prepared = await factory.ReleaseAsync("02", today.AddMonths(4), ReleaseKit.Surname("Prevue"), note: "SPIP de l'Aisne : hébergement réservé.");
        var pastDue = await factory.ReleaseAsync("02", today.AddDays(-5), ReleaseKit.Surname("Retard"));
        var far = await factory.ReleaseAsync("02", today.AddMonths(20), ReleaseKit.Surname("Lointaine"));
        var beyond = await factory.ReleaseAsync("02", today.AddMonths(25), ReleaseKit.Surname("Horizon"));
        var released = await factory.ReleaseAsync("02", today.AddMonths(1), ReleaseKit.Surname("Partie"), status: ReleaseStatus.Released);
        using var session = await LilleSessionAsync();

        var page = await session.GetAsync("/programme/releases?dep=02");

        page.Status.ShouldBe(HttpStatusCode.OK, page.ToString());
        var alerts = Section(page.Html, "alerts", "calendar");
        alerts.ShouldContain(alerting.Surname.ToUpperInvariant());
        alerts.ShouldContain(Fr("releases.alert-3"));
        alerts.ShouldNotContain(prepared.Surname.ToUpperInvariant());
        var calendar = page.Html[page.Html.IndexOf("id=\"calendar\"", StringComparison.Ordinal)..];
        calendar.ShouldContain(prepared.Surname.ToUpperInvariant());
        calendar.ShouldContain(Fr("releases.nothing-planned"));
        calendar.ShouldContain(Fr("releases.past-due"));
        calendar.IndexOf(pastDue.Surname.ToUpperInvariant(), StringComparison.Ordinal).ShouldBeLessThan(calendar.IndexOf(alerting.Surname.ToUpperInvariant(), StringComparison.Ordinal));
        calendar.ShouldContain(far.Surname.ToUpperInvariant());
        page.Html.ShouldNotContain(beyond.Surname.ToUpperInvariant());
        page.Html.ShouldNotContain(released.Surname.ToUpperInvariant());
        var month = far.ReleaseOn.ToString("MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("fr-FR"));
        calendar.ShouldContain($"<caption>{Html(char.ToUpperInvariant(month[0]) + month[1..])}</caption>");
        (await factory.AuditCountAsync("prison-release.listed", alerting.Id)).ShouldBeGreaterThanOrEqualTo(1);

        var without = await session.GetAsync("/programme/releases?dep=02&sans=true");
        without.Html.ShouldNotContain(prepared.Surname.ToUpperInvariant());
        without.Html.ShouldContain(alerting.Surname.ToUpperInvariant());
    }

    [Fact]
    public async Task The_calendar_pages_by_25_and_keeps_its_filters()
    {
        var today = factory.Today();
        var surnames = new List<string>();
        for (var i = 0; i < 27; i++)
        {
            var r = await factory.ReleaseAsync("60", today.AddDays(30 + i), ReleaseKit.Surname("Page"));
            surnames.Add(r.Surname.ToUpperInvariant());
        }

        using var session = await LilleSessionAsync();
        var first = await session.GetAsync("/programme/releases?dep=60");
        first.Html.ShouldContain(Fr("common.page-of", 1, 2));
        first.Html.ShouldContain(surnames[24]);
        first.Html.ShouldNotContain(surnames[25]);
        first.Html.ShouldContain("/programme/releases?dep=60&amp;p=2");

        var second = await session.GetAsync("/programme/releases?dep=60&p=2");
        second.Html.ShouldContain(surnames[26]);
        second.Html.ShouldNotContain(surnames[0]);

        var nonsense = await session.GetAsync("/programme/releases?p=abc&sans=maybe");
        nonsense.Status.ShouldBe(HttpStatusCode.BadRequest);
        nonsense.Html.ShouldContain(Fr("error.unknown-value"));
    }

    [Fact]
    public async Task A_site_with_no_release_gets_the_empty_states()
    {
        using var session = await factory.SignInAsync(Roles.Programme, ReleaseKit.Covered("MRS"));
        var page = await session.GetAsync("/programme/releases");
        page.Status.ShouldBe(HttpStatusCode.OK);
        page.Html.ShouldContain(Fr("releases.empty"));
        page.Html.ShouldContain(Fr("releases.alerts-empty"));

        var filtered = await session.GetAsync("/programme/releases?sans=true");
        filtered.Html.ShouldContain(Fr("releases.empty-filtered"));
    }

    [Fact]
    public async Task Another_sites_worker_sees_nothing_and_changes_nothing_through_pages_api_or_forged_posts()
    {
        var lille = await factory.ReleaseAsync("59", factory.Today().AddMonths(2), ReleaseKit.Surname("Lilloise"), sixAlert: true);
        var paris = await ParisAsync();
        using var session = await factory.SignInAsync(paris);

        (await session.GetAsync("/programme/releases")).Html.ShouldNotContain(lille.Surname.ToUpperInvariant());
        (await session.GetAsync($"/programme/releases/{lille.Id}")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await session.GetAsync("/programme/releases?dep=59")).Status.ShouldBe(HttpStatusCode.BadRequest);

        var parisParticipant = await factory.ParticipantAsync("PAR", ReleaseKit.Surname("Parisien"));
        var token = WebSession.AntiForgeryToken(await session.GetAsync("/programme/releases/new"));
        foreach (var (handler, field, value) in new[]
        {
            ("participant", "ParticipantId", parisParticipant.Id.ToString()),
            ("note", "Note", "Pris en charge à Paris"),
            ("date", "NewDate", Iso(factory.Today().AddMonths(10))),
            ("settle", "Outcome", "cancelled"),
        })
        {
            var forged = await session.PostWithTokenAsync($"/programme/releases/{lille.Id}?handler={handler}", token, ("Version", lille.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)), (field, value));
            forged.Status.ShouldBe(HttpStatusCode.NotFound, handler);
        }

        var stored = await factory.StoredAsync(lille.Id);
        stored.ParticipantId.ShouldBeNull();
        stored.TakeoverNote.ShouldBeNull();
        stored.ReleaseOn.ShouldBe(lille.ReleaseOn);
        stored.Status.ShouldBe(ReleaseStatus.Expected);
        stored.Version.ShouldBe(lille.Version);

        using var api = factory.ClientWithToken(paris.Token);
        var json = await api.GetStringAsync(new Uri("/api/v1/programme/releases", UriKind.Relative));
        json.ShouldNotContain(lille.Id.ToString());
        json.ShouldNotContain(lille.Surname);

        // Nor a release of Paris recorded in a département of Lille.
        using var parisSession = session;
        var refused = await parisSession.PostWithTokenAsync("/programme/releases/new", token, NewRelease(ReleaseKit.Surname("Intrus"), factory.Today().AddMonths(3), territory: "59"));
        refused.Status.ShouldBe((HttpStatusCode)422);
        refused.Html.ShouldContain(Fr("releases.error.territory-not-covered"));
    }

    [Fact]
    public async Task Other_roles_get_nothing_from_the_pages_or_the_api()
    {
        var release = await factory.ReleaseAsync("59", factory.Today().AddMonths(5), ReleaseKit.Surname("Cloisonnee"));
        foreach (var (role, territories) in new[] { (Roles.Ged, "59"), (Roles.GedChair, "59"), (Roles.Care, "59"), (Roles.Clinician, "59"), (Roles.Analyst, AccessScope.NationalValue), (Roles.Admin, AccessScope.NationalValue), (Roles.Dpo, AccessScope.NationalValue) })
        {
            var user = await factory.PageUserAsync(role, territories);
            using var session = await factory.SignInAsync(user);
            foreach (var url in new[] { "/programme/releases", "/programme/releases/new", $"/programme/releases/{release.Id}" })
            {
                var response = await session.GetAsync(url);
                response.Redirects.ShouldBeTrue($"{role} {url}: {response}");
                response.Location.ShouldNotBeNull().ShouldContain("/Account/AccessDenied", Case.Insensitive);
            }

            using var api = factory.ClientWithToken(user.Token);
            var listed = await api.GetAsync(new Uri("/api/v1/programme/releases", UriKind.Relative));
            listed.StatusCode.ShouldBe(HttpStatusCode.Forbidden, role);
            (await listed.Content.ReadAsStringAsync()).ShouldNotContain(release.Surname);
        }

        using var anonymous = factory.AnonymousClient();
        (await anonymous.GetAsync(new Uri("/api/v1/programme/releases", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_worker_records_a_release_audited_and_a_duplicate_is_refused()
    {
        using var session = await LilleSessionAsync();
        var surname = ReleaseKit.Surname("Nouvelle");
        var on = factory.Today().AddMonths(30);

        var created = await session.PostFormAsync("/programme/releases/new", "/programme/releases/new", NewRelease(surname, on, territory: "62", given: "Élise", born: "1994"));

        created.Redirects.ShouldBeTrue(created.ToString());
        var id = Guid.Parse(created.Location!.Split('/')[^1]);
        var stored = await factory.StoredAsync(id);
        stored.Surname.ShouldBe(surname);
        stored.GivenName.ShouldBe("Élise");
        stored.BirthYear.ShouldBe(1994);
        stored.ReleaseOn.ShouldBe(on);
        stored.TerritoryCode.ShouldBe("62");
        stored.TakeoverPrepared.ShouldBeFalse();
        (await factory.AuditCountAsync("prison-release.created", id)).ShouldBe(1);
        var details = await session.GetAsync(created.Location);
        details.Html.ShouldContain(Fr("releases.created"));
        details.Html.ShouldContain(Fr("releases.nothing-planned"));
        (await factory.AuditCountAsync("prison-release.read", id)).ShouldBe(1);

        var count = await ReleaseCountAsync();
        var duplicate = await session.PostFormAsync("/programme/releases/new", "/programme/releases/new", NewRelease(surname.ToUpperInvariant(), on, territory: "59", given: "elise", born: "1994"));
        duplicate.Status.ShouldBe((HttpStatusCode)422);
        duplicate.Html.ShouldContain(Fr("releases.error.duplicate"));
        duplicate.Html.ShouldContain("href=\"#Input_Surname\"");
        (await ReleaseCountAsync()).ShouldBe(count);
    }

    [Fact]
    public async Task Bad_input_on_the_new_release_form_gets_a_clear_message_and_records_nothing()
    {
        using var session = await LilleSessionAsync();
        var today = factory.Today();
        var cases = new (string Field, string Value, string Message)[]
        {
            ("Input.Surname", new string('a', 201), Fr("error.too-long", 200)),
            ("Input.Surname", "<script>alert(1)</script>", Fr("error.markup")),
            ("Input.Surname", "'; DROP TABLE prison_releases; --", Fr("error.characters")),
            ("Input.Surname", string.Empty, Fr("error.required")),
            ("Input.GivenName", "Robert'); DELETE FROM prison_releases;--", Fr("error.characters")),
            ("Input.Establishment", "<img src=x onerror=alert(1)>", Fr("error.markup")),
            ("Input.Establishment", new string('b', 201), Fr("error.too-long", 200)),
            ("Input.Territory", "../../etc/passwd", Fr("error.territory-unknown")),
            ("Input.Territory", "75", Fr("releases.error.territory-not-covered")),
            ("Input.Territory", string.Empty, Fr("error.required")),
            ("Input.ReleaseOn", Iso(today.AddDays(-1)), Fr("releases.error.date-range", 36)),
            ("Input.ReleaseOn", Iso(today.AddMonths(36).AddDays(1)), Fr("releases.error.date-range", 36)),
            ("Input.ReleaseOn", "31/12/2027", Fr("releases.error.date-invalid")),
            ("Input.ReleaseOn", "../../etc/passwd", Fr("releases.error.date-invalid")),
            ("Input.BirthYear", "abc", Fr("releases.error.birth-year", today.Year - 100, today.Year - 13)),
            ("Input.BirthYear", "1800", Fr("releases.error.birth-year", today.Year - 100, today.Year - 13)),
            ("Input.BirthYear", "-1990", Fr("releases.error.birth-year", today.Year - 100, today.Year - 13)),
        };
        var count = await ReleaseCountAsync();
        var token = WebSession.AntiForgeryToken(await session.GetAsync("/programme/releases/new"));
        foreach (var (field, value, message) in cases)
        {
            var fields = NewRelease(ReleaseKit.Surname("Invalide"), today.AddMonths(3)).Select(f => f.Item1 == field ? (f.Item1, value) : f).ToArray();
            var response = await session.PostWithTokenAsync("/programme/releases/new", token, fields);
            response.Status.ShouldBe((HttpStatusCode)422, $"{field}={value}");
            response.Html.ShouldContain(Fr("common.errors-title"));
            response.Html.ShouldContain(message, customMessage: $"{field}={value}");
            response.Html.ShouldNotContain("<script>alert(1)</script>");
        }

        (await ReleaseCountAsync()).ShouldBe(count);
        (await session.PostWithTokenAsync("/programme/releases/new", null, NewRelease(ReleaseKit.Surname("SansJeton"), today.AddMonths(3)))).Status.ShouldBe(HttpStatusCode.BadRequest);
        (await ReleaseCountAsync()).ShouldBe(count);
    }

    [Fact]
    public async Task Linking_a_participant_of_the_site_clears_the_alert_and_a_participant_of_another_site_is_refused()
    {
        var release = await factory.ReleaseAsync("59", factory.Today().AddMonths(2), ReleaseKit.Surname("Preparer"), sixAlert: true, threeAlert: true);
        var mine = await factory.ParticipantAsync("LIL", ReleaseKit.Surname("Accueilli"));
        var theirs = await factory.ParticipantAsync("PAR", ReleaseKit.Surname("Ailleurs"));
        var ended = await factory.ParticipantAsync("LIL", ReleaseKit.Surname("Termine"), ParticipantStatus.Ended);
        using var session = await LilleSessionAsync();
        var url = $"/programme/releases/{release.Id}";
        (await session.GetAsync("/programme/releases?dep=59")).Html.ShouldContain(release.Surname.ToUpperInvariant());

        var page = await session.GetAsync(url);
        page.Html.ShouldContain(mine.Surname.ToUpperInvariant());
        page.Html.ShouldNotContain(theirs.Surname.ToUpperInvariant());
        page.Html.ShouldNotContain(ended.Surname.ToUpperInvariant());
        foreach (var wrong in new[] { theirs.Id.ToString(), ended.Id.ToString(), Guid.NewGuid().ToString(), "abc", "../../etc/passwd" })
        {
            var refused = await session.PostFormAsync($"{url}?handler=participant", url, ("Version", "0"), ("ParticipantId", wrong));
            refused.Status.ShouldBe((HttpStatusCode)422, wrong);
            refused.Html.ShouldContain(Fr("releases.error.participant"));
        }

        (await factory.StoredAsync(release.Id)).ParticipantId.ShouldBeNull();

        var linked = await session.PostFormAsync($"{url}?handler=participant", url, ("Version", "0"), ("ParticipantId", mine.Id.ToString()));
        linked.Redirects.ShouldBeTrue(linked.ToString());
        (await factory.StoredAsync(release.Id)).ParticipantId.ShouldBe(mine.Id);
        (await factory.AuditCountAsync("prison-release.updated", release.Id)).ShouldBe(1);

        var calendar = await session.GetAsync("/programme/releases?dep=59");
        Section(calendar.Html, "alerts", "calendar").ShouldNotContain(release.Surname.ToUpperInvariant());
        calendar.Html.ShouldContain($"/programme/participants/{mine.Id}");
        (await session.GetAsync(url)).Html.ShouldContain(Fr("releases.alerts-answered"));
    }

    [Fact]
    public async Task A_stale_form_gets_a_clear_message_and_changes_nothing()
    {
        var release = await factory.ReleaseAsync("59", factory.Today().AddMonths(4), ReleaseKit.Surname("Concurrente"));
        using var session = await LilleSessionAsync();
        var url = $"/programme/releases/{release.Id}";
        (await session.PostFormAsync($"{url}?handler=note", url, ("Version", "0"), ("Note", "SPIP du Nord : hébergement prévu."))).Redirects.ShouldBeTrue();

        foreach (var version in new[] { "0", "abc", string.Empty })
        {
            var stale = await session.PostFormAsync($"{url}?handler=note", url, ("Version", version), ("Note", "Écrasement"));
            stale.Status.ShouldBe(HttpStatusCode.Conflict, version);
            stale.Html.ShouldContain(Fr("releases.error.conflict"));
        }

        var stored = await factory.StoredAsync(release.Id);
        stored.TakeoverNote.ShouldBe("SPIP du Nord : hébergement prévu.");
        stored.Version.ShouldBe(1);
    }

    [Fact]
    public async Task A_new_date_resets_the_alerts_that_no_longer_apply_and_out_of_range_dates_are_refused()
    {
        var today = factory.Today();
        var release = await factory.ReleaseAsync("59", today.AddMonths(2), ReleaseKit.Surname("Reportee"), sixAlert: true, threeAlert: true);
        using var session = await LilleSessionAsync();
        var url = $"/programme/releases/{release.Id}";

        foreach (var (value, message) in new[] { (Iso(today.AddDays(-1)), Fr("releases.error.date-range", 36)), (Iso(today.AddMonths(37)), Fr("releases.error.date-range", 36)), ("demain", Fr("releases.error.date-invalid")), (string.Empty, Fr("error.required")) })
        {
            var refused = await session.PostFormAsync($"{url}?handler=date", url, ("Version", "0"), ("NewDate", value));
            refused.Status.ShouldBe((HttpStatusCode)422, value);
            refused.Html.ShouldContain(message);
        }

        (await session.PostFormAsync($"{url}?handler=date", url, ("Version", "0"), ("NewDate", Iso(today.AddMonths(4))))).Redirects.ShouldBeTrue();
        var moved = await factory.StoredAsync(release.Id);
        moved.ReleaseOn.ShouldBe(today.AddMonths(4));
        moved.SixMonthAlertAt.ShouldNotBeNull();
        moved.ThreeMonthAlertAt.ShouldBeNull();

        (await session.PostFormAsync($"{url}?handler=date", url, ("Version", "1"), ("NewDate", Iso(today.AddMonths(8))))).Redirects.ShouldBeTrue();
        var later = await factory.StoredAsync(release.Id);
        later.SixMonthAlertAt.ShouldBeNull();
        later.ThreeMonthAlertAt.ShouldBeNull();
        (await factory.AuditCountAsync("prison-release.updated", release.Id)).ShouldBe(2);
    }

    [Fact]
    public async Task A_release_marked_released_leaves_the_calendar_and_no_longer_changes()
    {
        var release = await factory.ReleaseAsync("59", factory.Today().AddMonths(1), ReleaseKit.Surname("Liberee"));
        using var session = await LilleSessionAsync();
        var url = $"/programme/releases/{release.Id}";

        var unknown = await session.PostFormAsync($"{url}?handler=settle", url, ("Version", "0"), ("Outcome", "escaped'; DROP TABLE prison_releases;--"));
        unknown.Status.ShouldBe((HttpStatusCode)422);
        unknown.Html.ShouldContain(Fr("error.unknown-value"));

        var note = await session.PostFormAsync($"{url}?handler=note", url, ("Version", "0"), ("Note", "<script>alert(1)</script>"));
        note.Status.ShouldBe((HttpStatusCode)422);
        note.Html.ShouldContain(Fr("error.markup"));
        var longNote = await session.PostFormAsync($"{url}?handler=note", url, ("Version", "0"), ("Note", new string('x', 2001)));
        longNote.Html.ShouldContain(Fr("error.too-long", 2000));
        (await factory.StoredAsync(release.Id)).Version.ShouldBe(0);

        (await session.PostFormAsync($"{url}?handler=settle", url, ("Version", "0"), ("Outcome", "released"))).Redirects.ShouldBeTrue();
        (await factory.StoredAsync(release.Id)).Status.ShouldBe(ReleaseStatus.Released);
        (await session.GetAsync("/programme/releases?dep=59")).Html.ShouldNotContain(release.Surname.ToUpperInvariant());

        var after = await session.PostFormAsync($"{url}?handler=note", url, ("Version", "1"), ("Note", "Trop tard"));
        after.Status.ShouldBe((HttpStatusCode)422);
        after.Html.ShouldContain(Fr("releases.error.settled"));
        (await factory.StoredAsync(release.Id)).TakeoverNote.ShouldBeNull();
    }

    [Fact]
    public async Task The_api_lists_the_callers_releases_within_the_months_asked_and_refuses_bad_parameters()
    {
        var today = factory.Today();
        var near = await factory.ReleaseAsync("80", today.AddDays(20), ReleaseKit.Surname("Proche"), sixAlert: true, threeAlert: true);
        var later = await factory.ReleaseAsync("80", today.AddMonths(10), ReleaseKit.Surname("Tardive"));
        var lille = await LilleAsync();
        using var api = factory.ClientWithToken(lille.Token);

        var all = JsonNode.Parse(await api.GetStringAsync(new Uri("/api/v1/programme/releases", UriKind.Relative)))!;
        var ids = all["items"]!.AsArray().Select(i => i!["id"]!.GetValue<Guid>()).ToList();
        ids.ShouldContain(near.Id);
        var alertIds = all["alerts"]!.AsArray().Select(i => i!["id"]!.GetValue<Guid>()).ToList();
        alertIds.ShouldContain(near.Id);
        alertIds.ShouldNotContain(later.Id);
        all["pageSize"]!.GetValue<int>().ShouldBe(25);

        var month = JsonNode.Parse(await api.GetStringAsync(new Uri("/api/v1/programme/releases?months=1", UriKind.Relative)))!;
        var monthIds = month["items"]!.AsArray().Select(i => i!["id"]!.GetValue<Guid>()).ToList();
        monthIds.ShouldContain(near.Id);
        monthIds.ShouldNotContain(later.Id);
        (await factory.AuditCountAsync("prison-release.listed", near.Id)).ShouldBeGreaterThanOrEqualTo(2);

        foreach (var bad in new[] { "months=0", "months=25", "months=abc", "months=-3", "months=1;DROP TABLE prison_releases", "page=0", "page=abc", "months=../../etc/passwd" })
        {
            var response = await api.GetAsync(new Uri($"/api/v1/programme/releases?{bad}", UriKind.Relative));
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, bad);
            (await response.Content.ReadAsStringAsync()).ShouldContain("\"errors\"");
        }
    }
}
