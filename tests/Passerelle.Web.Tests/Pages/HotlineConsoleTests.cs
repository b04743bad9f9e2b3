using System.Net;
using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Security;
using Passerelle.Web.Tests.Infrastructure;
using static Passerelle.Web.Tests.Infrastructure.PageKit;
using Case = Shouldly.Case;

namespace Passerelle.Web.Tests.Pages;

/// <summary>
/// The hotline console (issue 4): a live call recorded through the shared report path, routed to the
/// département of residence or the caller's, triaged under the urgency rules; an imminent danger raises a duty
/// alert (and an e-mail without personal data) that the département's panel acknowledges; a family referral
/// is recorded only with consent. Every field's bad input changes nothing; no one crosses a compartment.
/// </summary>
public sealed class HotlineConsoleTests(PasserelleFactory factory) : IClassFixture<PasserelleFactory>
{
    private static Dictionary<string, string> Call(string surname = "Appelant", string? residence = "59") => new(StringComparer.Ordinal)
    {
        ["Input.CallerRelation"] = "parent",
        ["Input.ReporterName"] = "Nadia Benali",
        ["Input.ReporterContact"] = "06 12 34 56 78",
        ["Input.CallbackConsent"] = "true",
        ["Input.CallerTerritory"] = "62",
        ["Input.GivenName"] = "Karim",
        ["Input.Surname"] = surname,
        ["Input.DateOfBirth"] = "2008",
        ["Input.Sex"] = "M",
        ["Input.Address"] = "5 rue des Arts, Roubaix",
        ["Input.ResidenceTerritory"] = residence ?? string.Empty,
        ["Input.Narrative"] = "Sa mère appelle : il ne sort plus de sa chambre et regarde des vidéos violentes.",
        ["Input.MainWorry"] = "Qu'il parte sans prévenir.",
        ["Input.Urgency"] = "priority",
    };

    private static async Task<(PageResponse Response, string FormKey)> SubmitAsync(WebSession session, Dictionary<string, string> fields, IEnumerable<string>? behaviours = null, IEnumerable<string>? signs = null, string? formKey = null)
    {
        var form = await session.GetAsync("/hotline");
        form.Status.ShouldBe(HttpStatusCode.OK, form.ToString());
        var key = formKey ?? WebSession.Hidden(form, "Input.FormKey");
        var all = fields.Select(f => (f.Key, f.Value)).ToList();
        all.Add(("Input.FormKey", key));
        all.AddRange((behaviours ?? ["isolation", "violent-propaganda"]).Select(b => ("Input.Behaviours", b)));
        all.AddRange((signs ?? []).Select(s => ("Input.DangerSigns", s)));
        var response = await session.PostWithTokenAsync("/hotline", WebSession.AntiForgeryToken(form), [.. all]);
        return (response, key);
    }

    private async Task<Report> RecordedAsync(PageResponse response)
    {
        response.Status.ShouldBe(HttpStatusCode.Redirect, response.ToString());
        response.Location.ShouldNotBeNull().ShouldStartWith("/hotline/recorded/");
        var id = Guid.Parse(response.Location["/hotline/recorded/".Length..]);
        return await factory.WithDbAsync(db => db.Reports.IgnoreQueryFilters().AsNoTracking().SingleAsync(r => r.Id == id));
    }

    private Task<(int Reports, int Alerts, int Outbox, int Referrals)> CountsAsync() => factory.WithDbAsync(async db => (
        await db.Reports.IgnoreQueryFilters().CountAsync(),
        await db.DutyAlerts.IgnoreQueryFilters().CountAsync(),
        await db.OutboxMessages.CountAsync(),
        await db.FamilyReferrals.IgnoreQueryFilters().CountAsync()));

    private Task SetDutyContactAsync(string territory, string? email) => factory.WithDbAsync(async db =>
    {
        var t = await db.Territories.SingleAsync(x => x.Code == territory);
        t.DutyContactEmail = email;
        await db.SaveChangesAsync();
    });

    [Fact]
    public async Task Console_IsAKeyboardFriendlyForm_WithAutofocusGroupedFieldsetsTheRulesAndTheScript()
    {
        using var session = await factory.SignInAsync(Roles.Hotline, AccessScope.NationalValue);
        var page = await session.GetAsync("/hotline");

        page.Status.ShouldBe(HttpStatusCode.OK);
        page.Html.ShouldContain("autofocus");
        page.Html.IndexOf("autofocus", StringComparison.Ordinal).ShouldBeLessThan(page.Html.IndexOf("Input.ReporterName", StringComparison.Ordinal));
        page.Html.ShouldContain("data-ctrl-enter-submit");
        page.Html.ShouldContain("/js/hotline.js");
        foreach (var key in new[] { "hotline.section-caller", "hotline.section-person", "hotline.section-facts", "hotline.section-urgency", "hotline.section-family",
                     "hotline.rule.imminent", "hotline.rule.urgent", "hotline.rule.priority", "hotline.rule.routine", "behaviour.isolation", "urgency.imminent" })
        {
            page.Html.ShouldContain(Fr(key));
        }

        foreach (var missing in new[] { ">hotline.", ">behaviour.", ">urgency.", "\"hotline.", ">sex." })
        {
            page.Html.ShouldNotContain(missing, Case.Sensitive);
        }

        (await factory.NewSession().GetAsync("/js/hotline.js")).Html.ShouldContain("requestSubmit");
    }

    [Fact]
    public async Task ACall_IsRoutedToTheDepartementOfResidence_WithEveryCallerField_AndWaitsInThatQueueAtOnce()
    {
        using var session = await factory.SignInAsync(Roles.Hotline, AccessScope.NationalValue);
        var (response, _) = await SubmitAsync(session, Call("Residence"));

        var report = await RecordedAsync(response);
        report.TerritoryCode.ShouldBe("59");
        report.RoutedByCallerTerritory.ShouldBeFalse();
        report.Source.ShouldBe(ReportSource.Hotline);
        report.CallerRelation.ShouldBe("parent");
        report.CallbackConsent.ShouldBeTrue();
        report.MainWorry.ShouldBe("Qu'il parte sans prévenir.");
        report.BehaviourCodes.ShouldBe(["isolation", "violent-propaganda"]);
        report.Urgency.ShouldBe(Urgency.Priority);
        report.Status.ShouldBe(ReportStatus.Received);

        var done = await session.GetAsync(response.Location!);
        done.Status.ShouldBe(HttpStatusCode.OK, done.ToString());
        done.Html.ShouldContain(report.Receipt);
        done.Html.ShouldNotContain(Fr("hotline.now-title"));

        using var ged59 = await factory.SignInAsync(Roles.Ged, "59");
        (await ged59.GetAsync("/triage")).Html.ShouldContain($"/reports/{report.Id}");
        var details = await ged59.GetAsync($"/reports/{report.Id}");
        details.Html.ShouldContain(Fr("hotline.relation.parent"));
        details.Html.ShouldContain(Html("Qu'il parte sans prévenir."));
        using var ged62 = await factory.SignInAsync(Roles.Ged, "62");
        (await ged62.GetAsync("/triage")).Html.ShouldNotContain(report.Id.ToString());
    }

    [Fact]
    public async Task WithoutResidence_TheCallGoesToTheCallersDepartement_Flagged()
    {
        using var session = await factory.SignInAsync(Roles.Hotline, AccessScope.NationalValue);
        var (response, _) = await SubmitAsync(session, Call("Fallback", residence: null));

        var report = await RecordedAsync(response);
        report.TerritoryCode.ShouldBe("62");
        report.RoutedByCallerTerritory.ShouldBeTrue();
        (await session.GetAsync(response.Location!)).Html.ShouldContain(Fr("hotline.routed-by-caller"));
        using var ged62 = await factory.SignInAsync(Roles.Ged, "62");
        (await ged62.GetAsync("/triage")).Html.ShouldContain($"/reports/{report.Id}");
    }

    public static TheoryData<string, string, string, int?> BadFields => new()
    {
        { "Input.CallerRelation", "grand-oncle", "error.unknown-value", null },
        { "Input.CallerRelation", "<script>alert(1)</script>", "error.unknown-value", null },
        { "Input.ReporterName", new string('n', 101), "error.too-long", 100 },
        { "Input.ReporterName", "Robert'); DROP TABLE reports;--", "error.characters", null },
        { "Input.ReporterContact", "../../etc/passwd;", "error.characters", null },
        { "Input.ReporterContact", new string('c', 201), "error.too-long", 200 },
        { "Input.CallbackConsent", "peut-être", "error.unknown-value", null },
        { "Input.CallerTerritory", "99", "error.territory-unknown", null },
        { "Input.ResidenceTerritory", "../../etc/passwd", "error.territory-unknown", null },
        { "Input.GivenName", "<script>alert(1)</script>", "error.markup", null },
        { "Input.Surname", new string('s', 101), "error.too-long", 100 },
        { "Input.Aliases", "<img src=x onerror=alert(1)>", "error.markup", null },
        { "Input.DateOfBirth", "2001-02-30", "error.date-invalid", null },
        { "Input.Sex", "Z", "error.unknown-value", null },
        { "Input.Address", "'; DROP TABLE persons; --", "error.characters", null },
        { "Input.Narrative", "<script>alert(1)</script>", "error.markup", null },
        { "Input.Narrative", new string('r', 10_001), "error.too-long", 10_000 },
        { "Input.Narrative", "", "error.required", null },
        { "Input.MainWorry", new string('w', 2001), "error.too-long", 2000 },
        { "Input.MainWorry", "voir <script>alert(1)</script>", "error.markup", null },
        { "Input.Urgency", "tomorrow", "error.unknown-value", null },
        { "Input.FamilyNote", new string('f', 2001), "error.too-long", 2000 },
        { "Input.Behaviours", "religion", "error.unknown-value", null },
        { "Input.DangerSigns", "bad-vibes", "error.unknown-value", null },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public async Task BadField_Answers422WithItsMessage_AndRecordsNothing(string field, string value, string message, int? argument)
    {
        using var session = await factory.SignInAsync(Roles.Hotline, AccessScope.NationalValue);
        var before = await CountsAsync();
        var fields = Call("Mauvais");
        string[]? behaviours = null;
        string[]? signs = null;
        if (field == "Input.Behaviours")
        {
            behaviours = ["isolation", value];
        }
        else if (field == "Input.DangerSigns")
        {
            signs = [value];
        }
        else
        {
            fields[field] = value;
        }

        if (field == "Input.FamilyNote")
        {
            fields["Input.FamilyOffer"] = "true";
            fields["Input.FamilyConsent"] = "true";
        }

        var (response, _) = await SubmitAsync(session, fields, behaviours, signs);

        response.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, response.ToString());
        response.Html.ShouldContain(Fr("common.errors-title"));
        response.Html.ShouldContain(argument is { } a ? Fr(message, a) : Fr(message));
        response.Html.ShouldNotContain("<script>alert(1)</script>", Case.Sensitive);
        response.Html.ShouldNotContain("<img src=x", Case.Sensitive);
        (await CountsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task NeitherResidenceNorCallerDepartement_IsRefusedWithTheRoutingMessage()
    {
        using var session = await factory.SignInAsync(Roles.Hotline, AccessScope.NationalValue);
        var before = await CountsAsync();
        var fields = Call("Nulle", residence: null);
        fields["Input.CallerTerritory"] = string.Empty;

        var (response, _) = await SubmitAsync(session, fields);

        response.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        response.Html.ShouldContain(Fr("hotline.error.territory-routing-required"));
        response.Html.ShouldContain("href=\"#Input_ResidenceTerritory\"");
        (await CountsAsync()).ShouldBe(before);
    }

    [Theory]
    [InlineData("threats", "routine", "urgent", "hotline.rule.urgent")]
    [InlineData("travel-plan", "priority", "urgent", "hotline.rule.urgent")]
    [InlineData("weapons-interest", "priority", "urgent", "hotline.rule.urgent")]
    [InlineData("violence-justification", "routine", "priority", "hotline.rule.priority")]
    [InlineData("violent-network-contact", "routine", "priority", "hotline.rule.priority")]
    public async Task AnUrgencyBelowTheRule_IsRefusedNamingTheRule_AndAHigherOneIsAccepted(string behaviour, string tooLow, string minimum, string rule)
    {
        using var session = await factory.SignInAsync(Roles.Hotline, AccessScope.NationalValue);
        var before = await CountsAsync();
        var fields = Call("Regle");
        fields["Input.Urgency"] = tooLow;

        var (refused, _) = await SubmitAsync(session, fields, [behaviour]);

        refused.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        refused.Html.ShouldContain(Fr("hotline.error.urgency-below-rule", FrText("urgency." + minimum), FrText(rule)));
        (await CountsAsync()).ShouldBe(before);

        fields["Input.Urgency"] = "imminent";
        var (higher, _) = await SubmitAsync(session, fields, [behaviour]);
        (await RecordedAsync(higher)).Urgency.ShouldBe(Urgency.Imminent);
    }

    [Fact]
    public async Task ADangerSign_RequiresImminent()
    {
        using var session = await factory.SignInAsync(Roles.Hotline, AccessScope.NationalValue);
        var fields = Call("Signe");
        fields["Input.Urgency"] = "urgent";

        var (refused, _) = await SubmitAsync(session, fields, signs: ["act-announced"]);

        refused.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        refused.Html.ShouldContain(Fr("hotline.error.urgency-below-rule", FrText("urgency.imminent"), FrText("hotline.rule.imminent")));
    }

    [Fact]
    public async Task Imminent_RaisesADutyAlertAndAnEmailWithoutPersonalData_AndShowsWhatToDoNow()
    {
        await SetDutyContactAsync("59", "astreinte-59@prefecture.test");
        using var session = await factory.SignInAsync(Roles.Hotline, AccessScope.NationalValue);
        var fields = Call("Imminentdanger");
        fields["Input.Urgency"] = "imminent";

        var (response, _) = await SubmitAsync(session, fields, ["threats"], ["life-threat"]);

        var report = await RecordedAsync(response);
        report.Urgency.ShouldBe(Urgency.Imminent);
        report.DangerSigns.ShouldBe("life-threat");
        var alert = await factory.WithDbAsync(db => db.DutyAlerts.IgnoreQueryFilters().SingleAsync(a => a.ReportId == report.Id));
        alert.TerritoryCode.ShouldBe("59");
        alert.AcknowledgedAt.ShouldBeNull();
        var mail = await factory.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.Body.Contains(report.Id.ToString())));
        mail.Kind.ShouldBe("duty-alert");
        mail.To.ShouldBe("astreinte-59@prefecture.test");
        mail.Body.ShouldContain(report.Receipt);
        mail.Body.ShouldContain($"/reports/{report.Id}");
        mail.Body.ShouldContain("59");
        foreach (var personal in new[] { "Imminentdanger", "IMMINENTDANGER", "Karim", "Nadia", "Benali", "06 12 34 56 78", "Roubaix", "rue des Arts", "vidéos", "prévenir", "2008" })
        {
            mail.Body.ShouldNotContain(personal, Case.Insensitive);
            mail.Subject.ShouldNotContain(personal, Case.Insensitive);
        }

        (await factory.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == "duty-alert.raised" && e.ObjectId == alert.Id.ToString()))).ShouldBe(1);

        var now = await session.GetAsync(response.Location!);
        now.Html.ShouldContain(Fr("hotline.now-title"));
        now.Html.ShouldContain(Fr("hotline.now-call"));
        now.Html.ShouldContain(Fr("hotline.now-keep"));
        now.Html.ShouldContain(Fr("hotline.now-alerted", "59"));
    }

    [Fact]
    public async Task Imminent_WithoutADutyContact_RaisesTheAlertWithoutEmail_AndTellsToCallThePrefecture()
    {
        await SetDutyContactAsync("2A", null);
        using var session = await factory.SignInAsync(Roles.Hotline, AccessScope.NationalValue);
        var outbox = (await CountsAsync()).Outbox;
        var fields = Call("Sanscontact", residence: "2A");
        fields["Input.Urgency"] = "imminent";

        var (response, _) = await SubmitAsync(session, fields);

        var report = await RecordedAsync(response);
        (await factory.WithDbAsync(db => db.DutyAlerts.IgnoreQueryFilters().CountAsync(a => a.ReportId == report.Id))).ShouldBe(1);
        (await CountsAsync()).Outbox.ShouldBe(outbox);
        (await session.GetAsync(response.Location!)).Html.ShouldContain(Fr("hotline.now-no-contact", "2A"));
    }

    [Fact]
    public async Task TheAlert_IsOnTopOfItsQueue_OnlyItsDepartementAcknowledgesIt_Once()
    {
        using var session = await factory.SignInAsync(Roles.Hotline, AccessScope.NationalValue);
        var fields = Call("Accuse");
        fields["Input.Urgency"] = "imminent";
        var report = await RecordedAsync((await SubmitAsync(session, fields)).Response);
        var alert = await factory.WithDbAsync(db => db.DutyAlerts.IgnoreQueryFilters().SingleAsync(a => a.ReportId == report.Id));

        using var ged75 = await factory.SignInAsync(Roles.Ged, "75");
        var queue75 = await ged75.GetAsync("/triage");
        queue75.Html.ShouldNotContain(alert.Id.ToString());
        var crossed = await ged75.PostWithTokenAsync("/triage?handler=Acknowledge", WebSession.AntiForgeryToken(queue75), ("alertId", alert.Id.ToString()), ("version", "0"));
        crossed.Status.ShouldBe(HttpStatusCode.NotFound);
        (await factory.WithDbAsync(db => db.DutyAlerts.IgnoreQueryFilters().SingleAsync(a => a.Id == alert.Id))).AcknowledgedAt.ShouldBeNull();

        using var ged59 = await factory.SignInAsync(Roles.Ged, "59");
        var queue = await ged59.GetAsync("/triage");
        queue.Html.ShouldContain(alert.Id.ToString());
        queue.Html.IndexOf(alert.Id.ToString(), StringComparison.Ordinal).ShouldBeLessThan(queue.Html.IndexOf("<table", StringComparison.Ordinal));
        var token = WebSession.AntiForgeryToken(queue);
        var acknowledged = await ged59.PostWithTokenAsync("/triage?handler=Acknowledge", token, ("alertId", alert.Id.ToString()), ("version", alert.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        acknowledged.Redirects.ShouldBeTrue(acknowledged.ToString());
        var stored = await factory.WithDbAsync(db => db.DutyAlerts.IgnoreQueryFilters().SingleAsync(a => a.Id == alert.Id));
        stored.AcknowledgedAt.ShouldNotBeNull();
        (await ged59.GetAsync("/triage")).Html.ShouldNotContain(alert.Id.ToString());

        var again = await ged59.PostWithTokenAsync("/triage?handler=Acknowledge", token, ("alertId", alert.Id.ToString()), ("version", alert.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        again.Status.ShouldBe(HttpStatusCode.Conflict);
        again.Html.ShouldContain(Fr("hotline.alert-changed"));
        (await factory.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == "duty-alert.acknowledged" && e.ObjectId == alert.Id.ToString() && e.Outcome == "success"))).ShouldBe(1);
    }

    [Fact]
    public async Task AFamilyReferral_WithConsent_IsRecordedWithTheCallersNameAndContact()
    {
        using var session = await factory.SignInAsync(Roles.Hotline, AccessScope.NationalValue);
        var fields = Call("Famille");
        fields["Input.FamilyOffer"] = "true";
        fields["Input.FamilyConsent"] = "true";
        fields["Input.FamilyNote"] = "Rappeler après 18 h.";

        var (response, _) = await SubmitAsync(session, fields);

        var report = await RecordedAsync(response);
        var referral = await factory.WithDbAsync(db => db.FamilyReferrals.IgnoreQueryFilters().SingleAsync(f => f.ReportId == report.Id));
        referral.TerritoryCode.ShouldBe("59");
        referral.ContactName.ShouldBe("Nadia Benali");
        referral.Contact.ShouldBe("06 12 34 56 78");
        referral.Relation.ShouldBe("parent");
        referral.Note.ShouldBe("Rappeler après 18 h.");
        referral.Status.ShouldBe(FamilyReferralStatus.Open);
        (await factory.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == "family-referral.recorded" && e.ObjectId == referral.Id.ToString()))).ShouldBe(1);
        (await session.GetAsync(response.Location!)).Html.ShouldContain(Fr("hotline.family-recorded", "59"));
    }

    [Fact]
    public async Task AFamilyReferral_WithoutConsent_OrWithoutContact_IsRefusedAndNothingIsRecorded()
    {
        using var session = await factory.SignInAsync(Roles.Hotline, AccessScope.NationalValue);
        var before = await CountsAsync();
        var fields = Call("Sansconsentement");
        fields["Input.FamilyOffer"] = "true";

        var (noConsent, _) = await SubmitAsync(session, fields);
        noConsent.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        noConsent.Html.ShouldContain(Fr("hotline.error.family-referral-consent"));

        fields["Input.FamilyConsent"] = "true";
        fields["Input.ReporterContact"] = string.Empty;
        fields["Input.CallbackConsent"] = "false";
        var (noContact, _) = await SubmitAsync(session, fields);
        noContact.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        noContact.Html.ShouldContain(Fr("hotline.error.family-referral-contact-required"));
        (await CountsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task CallbackConsent_WithoutAContact_IsRefused()
    {
        using var session = await factory.SignInAsync(Roles.Hotline, AccessScope.NationalValue);
        var fields = Call("Rappel");
        fields["Input.ReporterContact"] = string.Empty;

        var (response, _) = await SubmitAsync(session, fields);

        response.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        response.Html.ShouldContain(Fr("hotline.error.callback-needs-contact"));
    }

    [Fact]
    public async Task TheSameFormSubmittedTwice_RecordsOneReport()
    {
        using var session = await factory.SignInAsync(Roles.Hotline, AccessScope.NationalValue);
        var fields = Call("Double");
        fields["Input.Urgency"] = "imminent";
        var before = await CountsAsync();

        var (first, key) = await SubmitAsync(session, fields);
        var (second, _) = await SubmitAsync(session, fields, formKey: key);

        second.Location.ShouldBe(first.Location);
        var after = await CountsAsync();
        after.Reports.ShouldBe(before.Reports + 1);
        after.Alerts.ShouldBe(before.Alerts + 1);
    }

    [Fact]
    public async Task TheOperator_SeesOnlyTheirOwnReceipts_AndNeitherTriageNorRegister()
    {
        using var session = await factory.SignInAsync(Roles.Hotline, AccessScope.NationalValue);
        var (response, _) = await SubmitAsync(session, Call("Propre"));
        var report = await RecordedAsync(response);

        var colleague = await factory.CreatePageUserAsync(Roles.Hotline, AccessScope.NationalValue);
        using var other = await factory.SignInAsync(colleague);
        (await other.GetAsync(response.Location!)).Status.ShouldBe(HttpStatusCode.NotFound);
        (await other.GetAsync($"/reports/{report.Id}")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await other.GetAsync("/reports/mine")).Html.ShouldNotContain(report.Receipt);
        (await session.GetAsync("/reports/mine")).Html.ShouldContain(report.Receipt);

        foreach (var forbidden in new[] { "/triage", "/register" })
        {
            var page = await session.GetAsync(forbidden);
            (page.Status == HttpStatusCode.Forbidden || (page.Redirects && page.Location!.Contains("AccessDenied", StringComparison.OrdinalIgnoreCase))).ShouldBeTrue(page.ToString());
        }
    }

    [Theory]
    [InlineData(Roles.Partner, "59")]
    [InlineData(Roles.Ged, "59")]
    [InlineData(Roles.Care, "59")]
    public async Task OtherRoles_CannotOpenTheConsole(string role, string territory)
    {
        using var session = await factory.SignInAsync(role, territory);
        var page = await session.GetAsync("/hotline");
        (page.Status == HttpStatusCode.Forbidden || (page.Redirects && page.Location!.Contains("AccessDenied", StringComparison.OrdinalIgnoreCase))).ShouldBeTrue(page.ToString());
        page.Html.ShouldNotContain(Fr("hotline.section-caller"));
    }
}
