using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Security;
using Passerelle.Web.Tests.Infrastructure;

namespace Passerelle.Web.Tests;

/// <summary>
/// POST /api/v1/reports with issue 4's fields (caller relation, callback consent, main worry, organisation,
/// routing by residence or caller, danger signs, imminent urgency, family referral): stored as sent, each bad
/// value named in a 400, nothing stored; an imminent report raises a duty alert whatever the door.
/// </summary>
public sealed class ReportsApiNewFieldsTests(PasserelleFactory factory) : IClassFixture<PasserelleFactory>
{
    private async Task<HttpClient> HotlineAsync() => factory.ClientFor(await factory.UserAsync(Roles.Hotline, AccessScope.NationalValue));

    private static JsonObject Call(string surname = "Api", Action<JsonObject>? change = null) => TestApi.Report("59", surname: surname, change: r =>
    {
        r.Remove("territory");
        r["residenceTerritory"] = "59";
        r["callerTerritory"] = "62";
        r["callerRelation"] = "sibling";
        r["callbackConsent"] = true;
        r["mainWorry"] = "Qu'il se mette en danger.";
        change?.Invoke(r);
    });

    private Task<Report> StoredAsync(Guid id) => factory.WithDbAsync(db => db.Reports.IgnoreQueryFilters().AsNoTracking().SingleAsync(r => r.Id == id));

    private Task<(int Reports, int Alerts, int Referrals)> CountsAsync() => factory.WithDbAsync(async db => (
        await db.Reports.IgnoreQueryFilters().CountAsync(),
        await db.DutyAlerts.IgnoreQueryFilters().CountAsync(),
        await db.FamilyReferrals.IgnoreQueryFilters().CountAsync()));

    [Fact]
    public async Task NewFields_AreStoredAndReturned()
    {
        using var client = await HotlineAsync();
        var created = await client.CreateReportAsync(Call("Champs"));

        var stored = await StoredAsync(created.Id);
        stored.TerritoryCode.ShouldBe("59");
        stored.RoutedByCallerTerritory.ShouldBeFalse();
        stored.CallerRelation.ShouldBe("sibling");
        stored.CallbackConsent.ShouldBeTrue();
        stored.MainWorry.ShouldBe("Qu'il se mette en danger.");
        var json = await client.GetJsonAsync($"{TestApi.Reports}/{created.Id}");
        json.GetProperty("callerRelation").GetString().ShouldBe("sibling");
        json.GetProperty("mainWorry").GetString().ShouldBe("Qu'il se mette en danger.");
        json.GetProperty("callbackConsent").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task WithoutResidence_TheReportGoesToTheCallersDepartement()
    {
        using var client = await HotlineAsync();
        var created = await client.CreateReportAsync(Call("Repli", r => r.Remove("residenceTerritory")));

        var stored = await StoredAsync(created.Id);
        stored.TerritoryCode.ShouldBe("62");
        stored.RoutedByCallerTerritory.ShouldBeTrue();
    }

    [Fact]
    public async Task WithoutUrgency_TheRulesGiveIt()
    {
        using var client = await HotlineAsync();
        var created = await client.CreateReportAsync(Call("Sansurgence", r =>
        {
            r.Remove("urgency");
            r["behaviours"] = new JsonArray("isolation", "weapons-interest");
        }));

        (await StoredAsync(created.Id)).Urgency.ShouldBe(Urgency.Urgent);
    }

    [Fact]
    public async Task ImminentThroughTheApi_RaisesADutyAlert()
    {
        using var client = await HotlineAsync();
        var created = await client.CreateReportAsync(Call("Apiimminent", r => r["urgency"] = "imminent"));

        (await factory.WithDbAsync(db => db.DutyAlerts.IgnoreQueryFilters().CountAsync(a => a.ReportId == created.Id && a.TerritoryCode == "59"))).ShouldBe(1);
    }

    [Fact]
    public async Task AFamilyReferralWithConsent_IsRecorded_AndWithoutConsentIsRefused()
    {
        using var client = await HotlineAsync();
        var before = await CountsAsync();
        using var refused = await client.PostReportAsync(Call("Refere", r => r["familyReferral"] = new JsonObject { ["consent"] = false }));
        await refused.ShouldBeValidationProblemAsync("familyReferral.consent");
        (await CountsAsync()).ShouldBe(before);

        var created = await client.CreateReportAsync(Call("Refere", r => r["familyReferral"] = new JsonObject { ["consent"] = true, ["note"] = "Le soir." }));
        var referral = await factory.WithDbAsync(db => db.FamilyReferrals.IgnoreQueryFilters().SingleAsync(f => f.ReportId == created.Id));
        referral.ContactName.ShouldBe("Claire Dupont");
        referral.Contact.ShouldBe("claire.dupont@example.org");
        referral.Relation.ShouldBe("sibling");
    }

    [Fact]
    public async Task AFamilyReferral_FromAnotherSource_IsRefused()
    {
        using var client = factory.ClientFor(await factory.UserAsync(Roles.Ged, "59"));
        var before = await CountsAsync();
        using var response = await client.PostReportAsync(TestApi.Report(change: r =>
        {
            r["source"] = "panel";
            r["familyReferral"] = new JsonObject { ["consent"] = true };
        }));

        await response.ShouldBeValidationProblemAsync("familyReferral");
        (await CountsAsync()).ShouldBe(before);
    }

    public static TheoryData<string, string, JsonNode?, string> InvalidFields => new()
    {
        { "unknown caller relation", "callerRelation", "uncle-bob", "callerRelation" },
        { "SQL as caller relation", "callerRelation", "'; DROP TABLE reports; --", "callerRelation" },
        { "callback consent as a string", "callbackConsent", "maybe", "body" },
        { "main worry too long", "mainWorry", new string('w', 2001), "mainWorry" },
        { "script in the main worry", "mainWorry", "<script>alert(1)</script>", "mainWorry" },
        { "organisation too long", "organisation", new string('o', 201), "organisation" },
        { "markup in the organisation", "organisation", "<b>Club</b>", "organisation" },
        { "path in the organisation", "organisation", "../../etc/passwd", "organisation" },
        { "unknown organisation type", "organisationType", "cult", "organisationType" },
        { "unknown residence", "residenceTerritory", "100", "residenceTerritory" },
        { "path as residence", "residenceTerritory", "../../etc/passwd", "residenceTerritory" },
        { "unknown caller territory", "callerTerritory", "ZZ", "callerTerritory" },
        { "imminent spelled wrong", "urgency", "imminentt", "urgency" },
        { "unknown danger sign", "dangerSigns", new JsonArray("bad-feeling"), "dangerSigns" },
        { "danger signs not a list", "dangerSigns", "life-threat", "body" },
        { "referral note too long", "familyReferral.note", new string('n', 2001), "familyReferral.note" },
    };

    [Theory]
    [MemberData(nameof(InvalidFields))]
    public async Task AnInvalidNewField_Returns400NamingIt_AndStoresNothing(string why, string field, JsonNode? value, string named)
    {
        using var client = await HotlineAsync();
        var before = await CountsAsync();
        var body = Call("Invalide", r =>
        {
            if (field.StartsWith("familyReferral.", StringComparison.Ordinal))
            {
                r["familyReferral"] = new JsonObject { ["consent"] = true, ["note"] = value };
            }
            else
            {
                r[field] = value;
            }
        });

        using var response = await client.PostReportAsync(body);

        await response.ShouldBeValidationProblemAsync(named);
        (await CountsAsync()).ShouldBe(before, why);
    }

    [Fact]
    public async Task NoDepartementAtAll_Returns400WithTheRoutingMessage()
    {
        using var client = await HotlineAsync();
        var before = await CountsAsync();
        using var response = await client.PostReportAsync(Call("Nulpart", r =>
        {
            r.Remove("residenceTerritory");
            r.Remove("callerTerritory");
        }));

        var problem = await response.ShouldBeValidationProblemAsync("territory");
        problem.GetProperty("errors").GetProperty("territory")[0].GetString().ShouldBe(PageKit.FrText("hotline.error.territory-routing-required"));
        (await CountsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task ResidenceAndTerritoryThatDisagree_AreRefused()
    {
        using var client = await HotlineAsync();
        using var response = await client.PostReportAsync(Call("Desaccord", r => r["territory"] = "75"));

        await response.ShouldBeValidationProblemAsync("residenceTerritory");
    }

    [Fact]
    public async Task APartnerThroughTheApi_MustGiveTheirOrganisation()
    {
        using var client = factory.ClientFor(await factory.UserAsync(Roles.Partner, "59"));
        var before = await CountsAsync();
        using var missing = await client.PostReportAsync(TestApi.Report(change: r => r["source"] = "professional"));
        await missing.ShouldBeValidationProblemAsync("organisation", "organisationType");
        (await CountsAsync()).ShouldBe(before);

        var created = await client.CreateReportAsync(TestApi.Report(surname: "Apipartenaire", change: r =>
        {
            r["source"] = "professional";
            r["organisation"] = "AS Roubaix & Co";
            r["organisationType"] = "sport-club";
        }));
        var stored = await StoredAsync(created.Id);
        stored.Organisation.ShouldBe("AS Roubaix & Co");
        stored.OrganisationType.ShouldBe("sport-club");
    }
}
