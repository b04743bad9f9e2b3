using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Audit;
using Passerelle.Web.Features.Statistics;
using Passerelle.Web.Security;
using Passerelle.Web.Tests.Infrastructure;

namespace Passerelle.Web.Tests;

/// <summary>
/// GET /api/v1/statistics/reports: the same aggregates as the page, the same scope and suppression.
/// Each test seeds its own months (long past, so the periods never overlap) at 12:00 UTC on the 15th.
/// </summary>
public sealed class StatisticsApiTests(PasserelleFactory factory) : IClassFixture<PasserelleFactory>
{
    private const string Url = "/api/v1/statistics/reports";

    private static readonly int[] HotlineHours = [1, 2, 2, 5, 10];

    private static readonly int[] PartnerHours = [3, 1, 4, 8];

    private async Task<HttpClient> ClientAsync(string role, string territories) => factory.ClientFor(await factory.UserAsync(role, territories));

    [Fact]
    public async Task Ged_GetsExactCountsPerDoorMonthAndUrgency_OfOwnDepartementOnly()
    {
        await StatisticsSeed.AddAsync(factory,
            StatisticsSeed.Many(3, "59", ReportSource.Hotline, Urgency.Urgent, StatisticsSeed.Mid(2015, 1)),
            StatisticsSeed.Many(2, "59", ReportSource.Professional, Urgency.Routine, StatisticsSeed.Mid(2015, 2)),
            StatisticsSeed.Many(6, "75", ReportSource.Hotline, Urgency.Urgent, StatisticsSeed.Mid(2015, 1)));
        using var ged59 = await ClientAsync(Roles.Ged, "59");

        var json = await ged59.GetJsonAsync($"{Url}?from=2015-01&to=2015-02");

        json.GetProperty("suppression").GetProperty("applied").GetBoolean().ShouldBeFalse();
        var byMonth = json.GetProperty("byMonth");
        Codes(byMonth.GetProperty("columns")).ShouldBe(["hotline", "public-form", "professional", "agency", "panel"]);
        Codes(byMonth.GetProperty("rows")).ShouldBe(["2015-01", "2015-02"]);
        Values(byMonth.GetProperty("cells")[0]).ShouldBe([3, 0, 0, 0, 0]);
        Values(byMonth.GetProperty("cells")[1]).ShouldBe([0, 0, 2, 0, 0]);
        Value(byMonth.GetProperty("total")).ShouldBe(5);
        var byUrgency = json.GetProperty("byUrgency");
        Codes(byUrgency.GetProperty("rows")).ShouldBe(["routine", "priority", "urgent", "imminent"]);
        Values(byUrgency.GetProperty("rowTotals")).ShouldBe([2, 0, 3, 0]);
        json.GetProperty("byTerritory").ValueKind.ShouldBe(JsonValueKind.Null);
        json.GetProperty("miviludesByMonth").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Theory]
    [InlineData("territory=59")]
    [InlineData("territory=59&door=hotline")]
    [InlineData("territory=2a")]
    public async Task Ged75_AskingForAnotherDepartement_Gets400AndNoCount(string query)
    {
        await StatisticsSeed.AddAsync(factory, StatisticsSeed.Many(3, "59", ReportSource.Hotline, Urgency.Urgent, StatisticsSeed.Mid(2014, 6)));
        using var ged75 = await ClientAsync(Roles.Ged, "75");

        using var response = await ged75.GetAsync(new Uri($"{Url}?from=2014-06&to=2014-06&{query}", UriKind.Relative));

        var problem = await response.ShouldBeValidationProblemAsync("territory");
        problem.ToString().ShouldNotContain("byMonth");
        var refusal = await factory.WithDbAsync(db => db.AuditEvents.Where(e => e.ObjectType == "Statistics" && e.Territory == "75").OrderByDescending(e => e.Seq).FirstAsync());
        refusal.Outcome.ShouldBe(AuditLog.Denied);
        refusal.Reason.ShouldStartWith("api territory=");
        refusal.Reason.ShouldEndWith("out of scope");
        var own = await ged75.GetJsonAsync($"{Url}?from=2014-06&to=2014-06");
        Value(own.GetProperty("byMonth").GetProperty("total")).ShouldBe(0);
    }

    [Fact]
    public async Task Analyst_SeesSmallCountsSuppressed_ZeroKept_FiveShown_AndSecondarySuppression()
    {
        // Département 13, all hotline, routine, waiting: January 5, February 2, March 5.
        await StatisticsSeed.AddAsync(factory,
            StatisticsSeed.Many(5, "13", ReportSource.Hotline, Urgency.Routine, StatisticsSeed.Mid(2013, 1)),
            StatisticsSeed.Many(2, "13", ReportSource.Hotline, Urgency.Routine, StatisticsSeed.Mid(2013, 2)),
            StatisticsSeed.Many(5, "13", ReportSource.Hotline, Urgency.Routine, StatisticsSeed.Mid(2013, 3)));
        using var analyst = await ClientAsync(Roles.Analyst, AccessScope.NationalValue);

        var json = await analyst.GetJsonAsync($"{Url}?from=2013-01&to=2013-04");

        json.GetProperty("suppression").GetProperty("applied").GetBoolean().ShouldBeTrue();
        var byMonth = json.GetProperty("byMonth");
        var cells = byMonth.GetProperty("cells");
        var rowTotals = byMonth.GetProperty("rowTotals");

        // February's 2 is primary; the hotline column (5, <5, 5 | 12) would give it back, so January's 5 (first of the
        // smallest) is hidden too, and then January's total (its row would give the 5 back). March's 5 stays.
        Suppressed(cells[1][0]).ShouldBe("small");
        Suppressed(rowTotals[1]).ShouldBe("small");
        Suppressed(cells[0][0]).ShouldBe("secondary");
        Suppressed(rowTotals[0]).ShouldBe("secondary");
        Value(cells[2][0]).ShouldBe(5);
        Value(rowTotals[2]).ShouldBe(5);
        Value(cells[3][0]).ShouldBe(0);
        Value(cells[1][1]).ShouldBe(0);
        Value(byMonth.GetProperty("columnTotals")[0]).ShouldBe(12);
        Value(byMonth.GetProperty("total")).ShouldBe(12);
        cells[1][0].GetProperty("value").ValueKind.ShouldBe(JsonValueKind.Null);
        var byTerritory = json.GetProperty("byTerritory");
        Codes(byTerritory.GetProperty("rows")).ShouldBe(["13"]);
        Value(byTerritory.GetProperty("cells")[0][0]).ShouldBe(12);
        NoLineGivesAHiddenCountBack(json);
    }

    [Fact]
    public async Task Analyst_OnAManyCellsPeriod_NoRowOrColumnHasASingleHiddenCount()
    {
        var random = new Random(4242);
        var doors = Enum.GetValues<ReportSource>();
        var urgencies = Enum.GetValues<Urgency>();
        var reports = new List<Report>();
        foreach (var territory in new[] { "01", "2A", "971" })
        {
            for (var month = 1; month <= 6; month++)
            {
                foreach (var door in doors)
                {
                    var n = random.Next(0, 8);
                    for (var i = 0; i < n; i++)
                    {
                        reports.Add(StatisticsSeed.Report(territory, door, urgencies[random.Next(urgencies.Length)], StatisticsSeed.Mid(2012, month),
                            taken: random.Next(3) == 0 ? TimeSpan.FromHours(random.Next(1, 100)) : null, notPursued: random.Next(5) == 0));
                    }
                }
            }
        }

        await StatisticsSeed.AddAsync(factory, [.. reports]);
        using var analyst = await ClientAsync(Roles.Analyst, AccessScope.NationalValue);

        var json = await analyst.GetJsonAsync($"{Url}?from=2012-01&to=2012-06");

        Value(json.GetProperty("byMonth").GetProperty("total")).ShouldBe(reports.Count);
        NoLineGivesAHiddenCountBack(json);
        foreach (var table in new[] { "byMonth", "byUrgency", "byTerritory" })
        {
            foreach (var row in json.GetProperty(table).GetProperty("cells").EnumerateArray())
            {
                foreach (var cell in row.EnumerateArray())
                {
                    cell.GetProperty("value").ValueKind.ShouldBe(cell.GetProperty("suppression").ValueKind == JsonValueKind.Null ? JsonValueKind.Number : JsonValueKind.Null);
                    if (cell.GetProperty("value").ValueKind == JsonValueKind.Number)
                    {
                        cell.GetProperty("value").GetInt32().ShouldNotBeInRange(1, 4);
                    }
                }
            }
        }
    }

    [Fact]
    public async Task MediansAndP90_AreNearestRank_ExactForThePanel_WithheldUnder5ForTheAnalyst()
    {
        var received = StatisticsSeed.Mid(2011, 3);
        await StatisticsSeed.AddAsync(factory,
            [
                // Hotline, urgent: 1, 2, 2, 5, 10 h (odd, a tie): median = 3rd = 2 h, p90 = 5th = 10 h.
                .. HotlineHours.Select(h => StatisticsSeed.Report("33", ReportSource.Hotline, Urgency.Urgent, received, taken: TimeSpan.FromHours(h))),

                // Partner, routine: 3, 1, 4, 8 h (even): sorted 1 3 4 8, median = 2nd = 3 h, p90 = 4th = 8 h.
                .. PartnerHours.Select(h => StatisticsSeed.Report("33", ReportSource.Professional, Urgency.Routine, received, taken: TimeSpan.FromHours(h))),
                StatisticsSeed.Report("33", ReportSource.PublicForm, Urgency.Routine, received),
                StatisticsSeed.Report("33", ReportSource.PublicForm, Urgency.Routine, received, notPursued: true),
            ]);
        using var ged33 = await ClientAsync(Roles.GedChair, "33");

        var json = await ged33.GetJsonAsync($"{Url}?from=2011-03&to=2011-03");

        var byDoor = Rows(json.GetProperty("delaysByDoor"));
        byDoor["hotline"].GetProperty("medianMinutes").GetInt32().ShouldBe(120);
        byDoor["hotline"].GetProperty("p90Minutes").GetInt32().ShouldBe(600);
        Value(byDoor["hotline"].GetProperty("takenInCharge")).ShouldBe(5);
        byDoor["professional"].GetProperty("medianMinutes").GetInt32().ShouldBe(180);
        byDoor["professional"].GetProperty("p90Minutes").GetInt32().ShouldBe(480);
        Value(byDoor["public-form"].GetProperty("waiting")).ShouldBe(1);
        Value(byDoor["public-form"].GetProperty("notPursued")).ShouldBe(1);
        Value(byDoor["public-form"].GetProperty("received")).ShouldBe(2);
        byDoor["public-form"].GetProperty("medianMinutes").ValueKind.ShouldBe(JsonValueKind.Null);
        var oldest = byDoor["public-form"].GetProperty("oldestWaitingMinutes").GetInt64();
        ((double)oldest).ShouldBe((factory.Clock.GetUtcNow().UtcDateTime - received).TotalMinutes, 2.0);

        // All nine: 1 1 2 2 3 4 5 8 10 → median = 5th = 3 h, p90 = 9th = 10 h.
        var total = json.GetProperty("delaysByDoor").GetProperty("total");
        total.GetProperty("medianMinutes").GetInt32().ShouldBe(180);
        total.GetProperty("p90Minutes").GetInt32().ShouldBe(600);
        Value(total.GetProperty("received")).ShouldBe(11);
        var byUrgency = Rows(json.GetProperty("delaysByUrgency"));
        byUrgency["urgent"].GetProperty("medianMinutes").GetInt32().ShouldBe(120);
        byUrgency["routine"].GetProperty("p90Minutes").GetInt32().ShouldBe(480);

        using var analyst = await ClientAsync(Roles.Analyst, AccessScope.NationalValue);
        var national = Rows((await analyst.GetJsonAsync($"{Url}?from=2011-03&to=2011-03")).GetProperty("delaysByDoor"));
        national["hotline"].GetProperty("medianMinutes").GetInt32().ShouldBe(120);
        national["professional"].GetProperty("medianMinutes").ValueKind.ShouldBe(JsonValueKind.Null);
        national["professional"].GetProperty("durationsWithheld").GetBoolean().ShouldBeTrue();
        national["public-form"].GetProperty("oldestWaitingMinutes").ValueKind.ShouldBe(JsonValueKind.Null);
        national["public-form"].GetProperty("oldestWithheld").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task Analyst_SeesMiviludesPerMonthAndRegion_PanelsDoNot()
    {
        await factory.WithDbAsync(async db =>
        {
            db.SectarianReferrals.AddRange(
                [
                    .. Enumerable.Range(0, 6).Select(_ => StatisticsSeed.Referral(StatisticsSeed.Mid(2010, 5), "Bretagne")),
                    .. Enumerable.Range(0, 2).Select(_ => StatisticsSeed.Referral(StatisticsSeed.Mid(2010, 6), "Occitanie")),
                ]);
            await db.SaveChangesAsync();
        });
        using var analyst = await ClientAsync(Roles.Analyst, AccessScope.NationalValue);

        var json = await analyst.GetJsonAsync($"{Url}?from=2010-05&to=2010-06");

        var byMonth = json.GetProperty("miviludesByMonth");
        Suppressed(byMonth.GetProperty("cells")[1][0]).ShouldBe("small");
        Suppressed(byMonth.GetProperty("cells")[0][0]).ShouldBe("secondary");
        Value(byMonth.GetProperty("total")).ShouldBe(8);
        var byRegion = json.GetProperty("miviludesByRegion");
        Codes(byRegion.GetProperty("rows")).ShouldBe(["Bretagne", "Occitanie"]);
        Suppressed(byRegion.GetProperty("cells")[1][0]).ShouldBe("small");
        json.GetProperty("empty").GetBoolean().ShouldBeFalse();

        using var ged = await ClientAsync(Roles.Ged, "35");
        var panel = await ged.GetJsonAsync($"{Url}?from=2010-05&to=2010-06");
        panel.GetProperty("miviludesByMonth").ValueKind.ShouldBe(JsonValueKind.Null);
        panel.GetProperty("empty").GetBoolean().ShouldBeTrue();
    }

    [Theory]
    [InlineData(Roles.Hotline, "national")]
    [InlineData(Roles.Partner, "59")]
    [InlineData(Roles.Care, "59")]
    [InlineData(Roles.Admin, "national")]
    [InlineData(Roles.Miviludes, "national")]
    [InlineData(Roles.Dpo, "national")]
    public async Task OtherRoles_Get403(string role, string territories)
    {
        using var client = await ClientAsync(role, territories);

        using var response = await client.GetAsync(new Uri($"{Url}?from=2015-01&to=2015-02", UriKind.Relative));

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Anonymous_Gets401()
    {
        using var client = factory.AnonymousClient();
        using var response = await client.GetAsync(new Uri(Url, UriKind.Relative));
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("from=2021-13", "from")]
    [InlineData("from=21-01", "from")]
    [InlineData("from=1999-12", "from")]
    [InlineData("to=2021-1", "to")]
    [InlineData("from=2021-06&to=2021-01", "from")]
    [InlineData("from=2015-01&to=2020-02", "from")]
    [InlineData("to=2999-01", "to")]
    [InlineData("from=%3Cscript%3Ealert(1)%3C%2Fscript%3E", "from")]
    [InlineData("to='%3B%20DROP%20TABLE%20reports%3B--", "to")]
    [InlineData("door=..%2F..%2Fetc%2Fpasswd", "door")]
    [InlineData("urgency=%3Cscript%3E", "urgency")]
    [InlineData("territory=%27%20OR%201%3D1--", "territory")]
    [InlineData("door=hotline&door=panel", "door")]
    [InlineData("door=1", "door")]
    public async Task BadInput_Gets400NamingTheField_AndNoAggregate(string query, string field)
    {
        using var analyst = await ClientAsync(Roles.Analyst, AccessScope.NationalValue);
        var audited = await AuditCountAsync();

        using var response = await analyst.GetAsync(new Uri($"{Url}?{query}", UriKind.Relative));

        var problem = await response.ShouldBeValidationProblemAsync(field);
        var text = problem.ToString();
        text.ShouldNotContain("byMonth");
        text.ShouldNotContain("<script>");
        text.ShouldNotContain("DROP TABLE");
        (await AuditCountAsync()).ShouldBe(audited);
    }

    [Fact]
    public async Task EachCall_IsAuditedWithFilterCodesOnly()
    {
        using var ged = await ClientAsync(Roles.Ged, "22");
        var before = await AuditCountAsync();

        await ged.GetJsonAsync($"{Url}?from=2015-01&to=2015-02&door=hotline");

        var events = await factory.WithDbAsync(db => db.AuditEvents.Where(e => e.Action == "statistics.viewed" && e.Territory == "22").ToListAsync());
        (await AuditCountAsync()).ShouldBe(before + 1);
        events.ShouldHaveSingleItem().Reason.ShouldBe("api from=2015-01 to=2015-02 territory=all door=hotline urgency=all exact");
        events[0].ObjectId.ShouldBeNull();
    }

    [Fact]
    public async Task DefaultPeriod_IsTheLast12Months()
    {
        using var analyst = await ClientAsync(Roles.Analyst, AccessScope.NationalValue);

        var json = await analyst.GetJsonAsync(Url);

        var now = Features.ParisTime.FromUtc(factory.Clock.GetUtcNow().UtcDateTime);
        var first = new DateTime(now.Year, now.Month, 1, 0, 0, 0, DateTimeKind.Unspecified).AddMonths(-11);
        json.GetProperty("period").GetProperty("to").GetString().ShouldBe($"{now:yyyy-MM}");
        json.GetProperty("period").GetProperty("from").GetString().ShouldBe($"{first:yyyy-MM}");
        json.GetProperty("byMonth").GetProperty("rows").GetArrayLength().ShouldBe(12);
    }

    private Task<int> AuditCountAsync() => factory.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.ObjectType == "Statistics"));

    private static List<string> Codes(JsonElement axes) => [.. axes.EnumerateArray().Select(a => a.GetProperty("code").GetString()!)];

    private static List<int> Values(JsonElement cells) => [.. cells.EnumerateArray().Select(Value)];

    private static int Value(JsonElement cell) => cell.GetProperty("value").GetInt32();

    private static string? Suppressed(JsonElement cell) => cell.GetProperty("suppression").GetString();

    private static Dictionary<string, JsonElement> Rows(JsonElement delays) =>
        delays.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("code").GetString()!);

    /// <summary>In every row and column of every count table (totals included), hidden counts are 0 or at least 2.</summary>
    private static void NoLineGivesAHiddenCountBack(JsonElement json)
    {
        foreach (var name in new[] { "byMonth", "byUrgency", "byTerritory", "miviludesByMonth", "miviludesByRegion" })
        {
            var table = json.GetProperty(name);
            if (table.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            var cells = table.GetProperty("cells").EnumerateArray().Select(r => r.EnumerateArray().ToList()).ToList();
            var rowTotals = table.GetProperty("rowTotals");
            var columnTotals = table.GetProperty("columnTotals").EnumerateArray().ToList();
            var total = table.GetProperty("total");
            var lines = new List<List<JsonElement>>();
            if (rowTotals.ValueKind != JsonValueKind.Null)
            {
                var rt = rowTotals.EnumerateArray().ToList();
                lines.AddRange(cells.Select((row, i) => row.Append(rt[i]).ToList()));
                lines.AddRange(columnTotals.Select((ct, c) => cells.Select(row => row[c]).Append(ct).ToList()));
                lines.Add([.. columnTotals, total]);
                lines.Add([.. rt, total]);
            }
            else
            {
                lines.Add([.. cells.Select(row => row[0]), total]);
            }

            foreach (var line in lines)
            {
                line.Count(c => c.GetProperty("value").ValueKind == JsonValueKind.Null).ShouldNotBe(1, $"{name}: {string.Join(" ", line)}");
            }
        }
    }
}

/// <summary>The rule of small-count suppression on hand-made lines.</summary>
public sealed class SmallCountSuppressionTests
{
    [Fact]
    public void OneSmallCellInARowWithItsTotal_HidesTheSmallestOtherNonZeroCell_NotAZero()
    {
        var sup = new SmallCountSuppression();
        Row(sup, "r", ("a", 3), ("b", 0), ("c", 9), ("d", 6));
        sup.Apply();

        sup.Of("a").ShouldBe(Suppression.Small);
        sup.Of("b").ShouldBe(Suppression.None);
        sup.Of("d").ShouldBe(Suppression.Secondary);
        sup.Of("c").ShouldBe(Suppression.None);
        sup.Of("r").ShouldBe(Suppression.None);
        sup.Publish("a").Value.ShouldBeNull();
        sup.Publish("d").Value.ShouldBeNull();
        sup.Publish("c").Value.ShouldBe(9);
        sup.Publish("b").Value.ShouldBe(0);
    }

    [Fact]
    public void ASmallCellWhoseOthersAreZero_HidesTheTotal()
    {
        var sup = new SmallCountSuppression();
        Row(sup, "r", ("a", 3), ("b", 0));
        sup.Apply();

        sup.Of("a").ShouldBe(Suppression.Small);
        sup.Of("r").ShouldBe(Suppression.Small);
        sup.Of("b").ShouldBe(Suppression.None);
    }

    [Fact]
    public void FiveIsShown_FourIsNot_ZeroStays()
    {
        var sup = new SmallCountSuppression();
        sup.Count("five", 5);
        sup.Count("four", 4);
        sup.Count("one", 1);
        sup.Count("zero", 0);
        sup.Apply();

        sup.Publish("five").ShouldBe(Cell.Exact(5));
        sup.Publish("four").ShouldBe(new Cell(null, Suppression.Small));
        sup.Publish("one").ShouldBe(new Cell(null, Suppression.Small));
        sup.Publish("zero").ShouldBe(Cell.Exact(0));
    }

    [Fact]
    public void ATotalSharedByTwoTables_IsHiddenInBoth_AndTheOtherTableProtectsIt()
    {
        // T is the total of one table (u + v = T) and a cell of another (p + T + q = G). p is small, so T (the smallest
        // other) is hidden in the second; T is then the single hidden member of the first, which hides u as well.
        var sup = new SmallCountSuppression();
        Row(sup, "T", ("u", 10), ("v", 20));
        Row(sup, "G", ("p", 2), ("T", 30), ("q", 40));
        sup.Apply();

        sup.Of("p").ShouldBe(Suppression.Small);
        sup.Of("T").ShouldBe(Suppression.Secondary);
        sup.Of("u").ShouldBe(Suppression.Secondary);
        sup.Of("v").ShouldBe(Suppression.None);
        sup.Of("q").ShouldBe(Suppression.None);
        sup.Of("G").ShouldBe(Suppression.None);
    }

    [Theory]
    [InlineData(new[] { 7 }, 7, 7)]
    [InlineData(new[] { 4, 1, 3, 2 }, 2, 4)]
    [InlineData(new[] { 5, 1, 3, 2, 4 }, 3, 5)]
    [InlineData(new[] { 2, 2, 2, 9, 9, 9, 9, 9, 9, 9 }, 9, 9)]
    [InlineData(new[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }, 5, 9)]
    public void Percentiles_AreNearestRank(int[] hours, int median, int p90)
    {
        var sorted = hours.Select(h => TimeSpan.FromHours(h)).Order().ToList();

        ReportStatistics.Percentile(sorted, 50).ShouldBe(TimeSpan.FromHours(median));
        ReportStatistics.Percentile(sorted, 90).ShouldBe(TimeSpan.FromHours(p90));
    }

    [Fact]
    public void PercentileOfNothing_IsNull() => ReportStatistics.Percentile([], 50).ShouldBeNull();

    private static void Row(SmallCountSuppression sup, string total, params (string Key, int Value)[] cells)
    {
        foreach (var (key, value) in cells)
        {
            sup.Count(key, value);
        }

        sup.Count(total, cells.Sum(c => c.Value));
        sup.Line(cells.Select(c => c.Key), total);
    }
}

/// <summary>Reports and referrals with known dates, stored as the system (past the query filters).</summary>
internal static class StatisticsSeed
{
    /// <summary>12:00 UTC on the 15th: the same month in Paris whatever the season.</summary>
    public static DateTime Mid(int year, int month) => new(year, month, 15, 12, 0, 0, DateTimeKind.Utc);

    public static Report Report(string territory, ReportSource door, Urgency urgency, DateTime received, TimeSpan? taken = null, bool notPursued = false)
    {
        var report = new Report
        {
            Receipt = Domain.Report.NewReceipt(received),
            TerritoryCode = territory,
            Source = door,
            Urgency = urgency,
            ReceivedAt = received,
            RecordedById = "statistics-seed",
            ReportedGivenName = "Camille",
            ReportedSurname = "Statistique",
            Narrative = "Signalement de test des statistiques.",
        };
        if (taken is { } delay)
        {
            report.TakeInCharge("statistics-seed", received + delay).ShouldBeNull();
        }
        else if (notPursued)
        {
            report.CloseNotPursued("Sans suite (test).", "statistics-seed", received.AddHours(1), TimeSpan.FromDays(365)).ShouldBeNull();
        }

        return report;
    }

    public static Report[] Many(int count, string territory, ReportSource door, Urgency urgency, DateTime received) =>
        [.. Enumerable.Range(0, count).Select(_ => Report(territory, door, urgency, received))];

    public static SectarianReferral Referral(DateTime received, string? region) => new()
    {
        Receipt = Receipts.New("MIV", received),
        Narrative = "Saisine de test des statistiques.",
        Region = region,
        ReceivedAt = received,
    };

    public static Task AddAsync(PasserelleFactory factory, params Report[][] groups) => AddAsync(factory, [.. groups.SelectMany(g => g)]);

    public static Task AddAsync(PasserelleFactory factory, params Report[] reports) =>
        factory.WithDbAsync(async db =>
        {
            db.Reports.AddRange(reports);
            await db.SaveChangesAsync();
        });
}
