using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Security;
using Passerelle.Web.Tests.Infrastructure;
using static Passerelle.Web.Tests.Infrastructure.PageKit;
using Case = Shouldly.Case;

namespace Passerelle.Web.Tests.Pages;

/// <summary>
/// The app for the public forms' tests: its own database, served a second time with the public forms'
/// limits raised (or lowered, <see cref="LimitedPublicFormsApp"/>) so that the rate limiter counts only
/// what a test means it to count.
/// </summary>
public class PublicFormsApp : IAsyncLifetime
{
    private WebApplicationFactory<Program>? app;

    internal PasserelleFactory Factory { get; private set; } = null!;

    protected virtual int PermitLimit => 10_000;

    protected virtual int BrowsePermitLimit => 100_000;

    public async Task InitializeAsync()
    {
        Factory = await PasserelleFactory.StartAsync();
        app = Factory.WithWebHostBuilder(b => b
            .UseSetting("PublicForms:PermitLimit", PermitLimit.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .UseSetting("PublicForms:BrowsePermitLimit", BrowsePermitLimit.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .UseSetting("PublicForms:WindowSeconds", "3600"));
        _ = app.Server;
    }

    public async Task DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }

        await Factory.DisposeAsync();
    }

    /// <summary>A visitor with no account: cookies kept, redirects not followed.</summary>
    internal WebSession Visitor() =>
        new(app!.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    internal HttpClient RawClient() => app!.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    internal Task<int> ReportCountAsync() => Factory.WithDbAsync(db => db.Reports.IgnoreQueryFilters().CountAsync());

    internal Task<int> ReferralCountAsync() => Factory.WithDbAsync(db => db.SectarianReferrals.IgnoreQueryFilters().CountAsync());

    internal Task<int> PublicKeyCountAsync() => Factory.WithDbAsync(db => db.IdempotencyRecords.CountAsync(r => r.UserId == "public"));
}

/// <summary>Low limits: 2 submissions and 6 other requests per client and hour.</summary>
public sealed class LimitedPublicFormsApp : PublicFormsApp
{
    protected override int PermitLimit => 2;

    protected override int BrowsePermitLimit => 6;
}

/// <summary>Drives the four steps of /signalement as a browser does: hidden fields of each page sent back with the step's own answers.</summary>
internal static partial class ConcernForm
{
    public static readonly (string, string)[] Step1 =
    [
        ("Input.Relation", "parent"), ("Input.ReporterName", "Martine Dupont"), ("Input.ContactConsent", "yes"),
        ("Input.Email", "martine.dupont@example.fr"), ("Input.Phone", "06 12 34 56 78"),
    ];

    public static readonly (string, string)[] Step2 =
    [
        ("Input.GivenName", "Yanis"), ("Input.Surname", "Formulaire"), ("Input.Age", "17"), ("Input.BirthDate", ""), ("Input.Departement", "59"),
    ];

    public static readonly (string, string)[] Step3 =
    [
        ("Input.Behaviours", "isolation"), ("Input.Behaviours", "family-rupture"),
        ("Input.Narrative", "Depuis trois mois il ne voit plus ses amis et a quitté le lycée."),
    ];

    public static readonly (string, string)[] Step4 = [("Input.Consent", "true")];

    /// <summary>The hidden inputs of a page (name, decoded value), antiforgery token aside.</summary>
    public static List<(string Name, string Value)> HiddenFields(PageResponse page) =>
        [.. HiddenPattern().Matches(page.Html).Select(m => (m.Groups[1].Value, WebUtility.HtmlDecode(m.Groups[2].Value)))];

    /// <summary>Posts a page's form: its hidden fields, an empty honeypot and <paramref name="visible"/> (which replace hidden fields of the same name).</summary>
    public static Task<PageResponse> PostAsync(WebSession session, PageResponse page, string url, IEnumerable<(string Name, string Value)> visible)
    {
        var given = visible.ToList();
        var names = given.Select(v => v.Name).ToHashSet(StringComparer.Ordinal);
        var fields = HiddenFields(page).Where(h => !names.Contains(h.Name)).Concat(given).ToList();
        if (!names.Contains("Input.Website"))
        {
            fields.Add(("Input.Website", string.Empty));
        }

        return session.PostWithTokenAsync(url, WebSession.AntiForgeryToken(page), [.. fields]);
    }

    public static Task<PageResponse> NextAsync(WebSession session, PageResponse page, IEnumerable<(string, string)> visible) =>
        PostAsync(session, page, "/signalement", visible.Append(("go", "next")));

    /// <summary>Opens the form and answers the first three steps; returns step 4 (check and send).</summary>
    public static async Task<PageResponse> ToLastStepAsync(WebSession session, Func<(string, string)[], (string, string)[]>? change = null)
    {
        change ??= x => x;
        var page = await session.GetAsync("/signalement");
        page.Status.ShouldBe(HttpStatusCode.OK, page.ToString());
        page = await NextAsync(session, page, change(Step1));
        page.Status.ShouldBe(HttpStatusCode.OK, page.ToString());
        page = await NextAsync(session, page, change(Step2));
        page.Status.ShouldBe(HttpStatusCode.OK, page.ToString());
        page = await NextAsync(session, page, change(Step3));
        page.Status.ShouldBe(HttpStatusCode.OK, page.ToString());
        page.Html.ShouldContain(Fr("publicforms.step-of", 4, 4));
        return page;
    }

    public static Task<PageResponse> SendAsync(WebSession session, PageResponse lastStep, params (string, string)[] extra) =>
        PostAsync(session, lastStep, "/signalement?handler=send", Step4.Concat(extra));

    public static string ReceiptOf(PageResponse sent)
    {
        sent.Redirects.ShouldBeTrue(sent.ToString());
        var match = Regex.Match(sent.Location ?? string.Empty, "^/signalement/recu\\?numero=(SIG-[0-9]{4}-[A-Z0-9]{8})$");
        match.Success.ShouldBeTrue(sent.ToString());
        return match.Groups[1].Value;
    }

    /// <summary>Replaces (or adds) one field of a step's answers.</summary>
    public static (string, string)[] With(this (string, string)[] fields, string name, string value) =>
        [.. fields.Where(f => f.Item1 != name), (name, value)];

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"")]
    private static partial Regex HiddenPattern();
}

/// <summary>
/// "Signaler une inquiétude" (issue 4, public forms): four steps without sign-in, each step checked, the
/// answers of earlier steps checked again at the end, one report in the triage queue of the chosen
/// département, a receipt that shows nothing about anyone.
/// </summary>
public sealed class PublicRadicalisationFormTests(PublicFormsApp app) : IClassFixture<PublicFormsApp>
{
    private PasserelleFactory Factory => app.Factory;

    [Fact]
    public async Task TheFourSteps_WithoutSignIn_StoreOneReport_InTheQueueOfTheChosenDepartement_Only()
    {
        using var visitor = app.Visitor();
        var before = await app.ReportCountAsync();
        var last = await ConcernForm.ToLastStepAsync(visitor, f => f.With("Input.Surname", "Quatreetapes"));
        last.Html.ShouldContain("Quatreetapes");
        last.Html.ShouldContain("href=\"/confidentialite\"");

        var sent = await ConcernForm.SendAsync(visitor, last);

        var receipt = ConcernForm.ReceiptOf(sent);
        (await app.ReportCountAsync()).ShouldBe(before + 1);
        var report = await Factory.WithDbAsync(db => db.Reports.IgnoreQueryFilters().AsNoTracking().SingleAsync(r => r.Receipt == receipt));
        report.Source.ShouldBe(ReportSource.PublicForm);
        report.Status.ShouldBe(ReportStatus.Received);
        report.TerritoryCode.ShouldBe("59");
        report.PersonId.ShouldBeNull();
        report.RecordedById.ShouldBe("public-form");
        report.Urgency.ShouldBe(Urgency.Routine);
        report.ReportedGivenName.ShouldBe("Yanis");
        report.ReportedSurname.ShouldBe("Quatreetapes");
        report.ReportedBirthYear.ShouldBe(Factory.Clock.GetUtcNow().Year - 17);
        report.ReporterName.ShouldBe("Martine Dupont");
        report.ReporterContact.ShouldBe("martine.dupont@example.fr / 06 12 34 56 78");
        report.BehaviourCodes.ShouldBe(["family-rupture", "isolation"]);
        report.CallerRelation.ShouldBe("parent");
        report.CallbackConsent.ShouldBeTrue();
        (await Factory.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == "report.create" && e.ObjectId == report.Id.ToString() && e.UserId == "public-form"))).ShouldBe(1);

        using var ged59 = await Factory.SignInAsync(Roles.Ged, "59");
        var queue = await ged59.GetAsync("/triage");
        queue.Html.ShouldContain(receipt);
        queue.Html.ShouldContain("QUATREETAPES Yanis");
        using var ged75 = await Factory.SignInAsync(Roles.Ged, "75");
        (await ged75.GetAsync("/triage")).Html.ShouldNotContain(receipt);
        (await ged75.GetAsync($"/reports/{report.Id}")).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AReportedTravelPlan_TakesTheRulesMinimumUrgency_WithoutTheSenderChoosingOne()
    {
        using var visitor = app.Visitor();
        var last = await ConcernForm.ToLastStepAsync(visitor, f => f == ConcernForm.Step3
            ? [("Input.Behaviours", "travel-plan"), ("Input.Narrative", "Il dit vouloir partir rejoindre un groupe armé à l'étranger le mois prochain.")]
            : f);
        var sent = await ConcernForm.SendAsync(visitor, last);

        var receipt = ConcernForm.ReceiptOf(sent);
        var report = await Factory.WithDbAsync(db => db.Reports.IgnoreQueryFilters().AsNoTracking().SingleAsync(r => r.Receipt == receipt));
        report.Urgency.ShouldBe(Urgency.Urgent);
        report.BehaviourCodes.ShouldBe(["travel-plan"]);
    }

    [Fact]
    public async Task TheReceiptPage_ShowsTheNumberOnly_OnARefreshToo_AndNeverEchoesAnythingElse()
    {
        using var visitor = app.Visitor();
        var last = await ConcernForm.ToLastStepAsync(visitor, f => f.With("Input.Surname", "Recepisse"));
        var receipt = ConcernForm.ReceiptOf(await ConcernForm.SendAsync(visitor, last));

        foreach (var _ in new[] { 1, 2 })
        {
            var page = await visitor.GetAsync($"/signalement/recu?numero={receipt}");
            page.Status.ShouldBe(HttpStatusCode.OK);
            page.Html.ShouldContain(receipt);
            page.Html.ShouldContain(Fr("publicforms.concern.next"));
            page.Html.ShouldNotContain("Recepisse", Case.Insensitive);
            page.Html.ShouldNotContain("Yanis");
            page.Html.ShouldNotContain("martine.dupont");
            page.Html.ShouldNotContain("trois mois");
        }

        using var stranger = app.Visitor();
        var forged = await stranger.GetAsync("/signalement/recu?numero=%3Cscript%3Ealert(1)%3C%2Fscript%3E");
        forged.Status.ShouldBe(HttpStatusCode.OK);
        forged.Html.ShouldNotContain("<script>alert(1)");
        forged.Html.ShouldContain(Fr("publicforms.receipt-unknown"));
    }

    public static TheoryData<int, string, string, string> BadAnswers => new()
    {
        { 1, "Input.Relation", "", "error.required" },
        { 1, "Input.Relation", "<script>alert(1)</script>", "error.unknown-value" },
        { 1, "Input.Relation", "cousin-germain", "error.unknown-value" },
        { 1, "Input.ContactConsent", "", "publicforms.error.contact-consent" },
        { 1, "Input.ContactConsent", "peut-être", "error.unknown-value" },
        { 1, "Input.Email", "pas-une-adresse", "publicforms.error.email" },
        { 1, "Input.Email", "<script>alert(1)</script>@example.fr", "publicforms.error.email" },
        { 1, "Input.Email", new string('a', 95) + "@example.fr", "publicforms.error.email-too-long" },
        { 1, "Input.Phone", "'; DROP TABLE reports; --", "publicforms.error.phone" },
        { 1, "Input.Phone", "12", "publicforms.error.phone" },
        { 1, "Input.ReporterName", "'; DROP TABLE reports; --", "error.characters" },
        { 1, "Input.ReporterName", "<script>alert(1)</script>", "error.markup" },
        { 1, "Input.ReporterName", new string('a', 101), "error.too-long" },
        { 2, "Input.Surname", "../../etc/passwd", "error.characters" },
        { 2, "Input.GivenName", "<img src=x onerror=alert(1)>", "error.markup" },
        { 2, "Input.Age", "dix-sept", "publicforms.error.age" },
        { 2, "Input.Age", "200", "publicforms.error.age" },
        { 2, "Input.BirthDate", "2999-01-01", "error.date-invalid" },
        { 2, "Input.BirthDate", "1'; DROP TABLE persons;--", "error.date-invalid" },
        { 2, "Input.Departement", "", "publicforms.error.departement" },
        { 2, "Input.Departement", "99", "error.territory-unknown" },
        { 2, "Input.Departement", "../../etc/passwd", "error.territory-unknown" },
        { 3, "Input.Narrative", "", "publicforms.error.narrative" },
        { 3, "Input.Narrative", "<script>alert(1)</script>", "error.markup" },
        { 3, "Input.Narrative", new string('x', 4001), "error.too-long" },
        { 3, "Input.Behaviours", "cheveux-longs", "error.unknown-value" },
    };

    [Theory]
    [MemberData(nameof(BadAnswers))]
    public async Task ABadAnswer_IsRefusedOnItsStep_WithAClearMessage_AndStoresNothing(int step, string field, string value, string messageKey)
    {
        using var visitor = app.Visitor();
        var before = await app.ReportCountAsync();
        var page = await visitor.GetAsync("/signalement");
        (string, string)[][] steps = [ConcernForm.Step1, ConcernForm.Step2, ConcernForm.Step3];
        for (var s = 1; s < step; s++)
        {
            page = await ConcernForm.NextAsync(visitor, page, steps[s - 1]);
        }

        var answers = field == "Input.Behaviours" ? [.. steps[step - 1], (field, value)] : steps[step - 1].With(field, value);
        var refused = await ConcernForm.NextAsync(visitor, page, answers);

        refused.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, refused.ToString());
        refused.Html.ShouldContain(Fr("publicforms.step-of", step, 4));
        object[] args = messageKey switch
        {
            "error.too-long" => [field == "Input.Narrative" ? 4000 : 100],
            "publicforms.error.email-too-long" => [100],
            _ => [],
        };
        refused.Html.ShouldContain(Fr(messageKey, args));
        refused.Html.ShouldContain("fr-alert--error");
        refused.Html.ShouldNotContain("<script>alert(1)");
        refused.Html.ShouldNotContain("<img src=x");

        // Sent as the last step's hidden field (a tampered page), the same answer is refused again and nothing is stored.
        var last = await ConcernForm.ToLastStepAsync(visitor);
        var tampered = await ConcernForm.SendAsync(visitor, last, field == "Input.Behaviours" ? [(field, "isolation"), (field, value)] : [(field, value)]);
        tampered.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, tampered.ToString());
        tampered.Html.ShouldContain(Fr("publicforms.step-of", step, 4));
        (await app.ReportCountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task BothNamesMissing_IsRefusedOnStepTwo()
    {
        using var visitor = app.Visitor();
        var page = await ConcernForm.NextAsync(visitor, await visitor.GetAsync("/signalement"), ConcernForm.Step1);
        var refused = await ConcernForm.NextAsync(visitor, page, ConcernForm.Step2.With("Input.GivenName", "").With("Input.Surname", " "));

        refused.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        refused.Html.ShouldContain(Fr("error.name-required"));
        refused.Html.ShouldContain("href=\"#Input_Surname\"");
    }

    [Fact]
    public async Task WantingToBeContacted_WithoutAnyContact_IsRefused_AndRefusingContact_KeepsNoContactDetails()
    {
        using var visitor = app.Visitor();
        var page = await visitor.GetAsync("/signalement");
        var refused = await ConcernForm.NextAsync(visitor, page, ConcernForm.Step1.With("Input.Email", "").With("Input.Phone", ""));
        refused.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        refused.Html.ShouldContain(Fr("publicforms.error.contact-required"));

        var last = await ConcernForm.ToLastStepAsync(visitor, f => f.With("Input.ContactConsent", "no").With("Input.Surname", "Sanscontact"));
        last.Html.ShouldContain(Fr("publicforms.contact-not-sent"));
        var receipt = ConcernForm.ReceiptOf(await ConcernForm.SendAsync(visitor, last));
        var report = await Factory.WithDbAsync(db => db.Reports.IgnoreQueryFilters().SingleAsync(r => r.Receipt == receipt));
        report.ReporterContact.ShouldBeNull();
    }

    [Fact]
    public async Task WithoutConsent_NothingIsSent_AndTheLastStepSaysWhy()
    {
        using var visitor = app.Visitor();
        var before = await app.ReportCountAsync();
        var last = await ConcernForm.ToLastStepAsync(visitor);

        var refused = await ConcernForm.PostAsync(visitor, last, "/signalement?handler=send", [("Input.Consent", "")]);

        refused.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        refused.Html.ShouldContain(Fr("publicforms.error.consent"));
        refused.Html.ShouldContain(Fr("publicforms.step-of", 4, 4));
        (await app.ReportCountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Previous_GoesBackOneStep_KeepingEveryAnswer_WithoutCheckingTheCurrentStep()
    {
        using var visitor = app.Visitor();
        var page = await ConcernForm.NextAsync(visitor, await visitor.GetAsync("/signalement"), ConcernForm.Step1);
        page = await ConcernForm.NextAsync(visitor, page, ConcernForm.Step2.With("Input.Surname", "Retourarriere"));
        page.Html.ShouldContain(Fr("publicforms.step-of", 3, 4));

        var back = await ConcernForm.PostAsync(visitor, page, "/signalement", [("Input.Narrative", "<script>brouillon</script>"), ("go", "back")]);

        back.Status.ShouldBe(HttpStatusCode.OK);
        back.Html.ShouldContain(Fr("publicforms.step-of", 2, 4));
        back.Html.ShouldContain("value=\"Retourarriere\"");
        back.Html.ShouldNotContain("fr-alert--error");
        var first = await ConcernForm.PostAsync(visitor, back, "/signalement", [("go", "back")]);
        first.Html.ShouldContain(Fr("publicforms.step-of", 1, 4));
        first.Html.ShouldContain("value=\"martine.dupont@example.fr\"");
    }

    [Fact]
    public async Task TheForm_IsInEnglish_OnRequest_AndOffersTheLanguageSwitch()
    {
        using var visitor = app.Visitor();
        var french = await visitor.GetAsync("/signalement");
        french.Html.ShouldContain(Fr("publicforms.concern.title"));
        french.Html.ShouldContain("action=\"/culture?culture=en");

        var english = await visitor.GetAsync("/signalement?culture=en");
        english.Html.ShouldContain("Report a concern about someone close");
        english.Html.ShouldContain("Step 1 of 4");
    }

    [Fact]
    public async Task TheSignInPage_LinksToBothPublicForms_AndThePrivacyPageIsPublic()
    {
        using var visitor = app.Visitor();
        var home = await visitor.GetAsync("/");
        home.Location.ShouldNotBeNull().ShouldContain("/account/login", Case.Insensitive);
        var login = await visitor.GetAsync("/Account/Login");
        login.Html.ShouldContain("href=\"/signalement\"");
        login.Html.ShouldContain("href=\"/derives-sectaires\"");
        login.Html.ShouldContain(Fr("publicforms.link.concern"));
        login.Html.ShouldContain(Fr("publicforms.link.sectarian"));
        var privacy = await visitor.GetAsync("/confidentialite");
        privacy.Status.ShouldBe(HttpStatusCode.OK);
        privacy.Html.ShouldContain(Fr("publicforms.privacy.rights"));
        privacy.Html.ShouldContain(Fr("publicforms.privacy.duration", 6, 24));
    }

    [Fact]
    public async Task ThePrivacyNotice_StatesTheRetentionPeriodsInForce()
    {
        await using var configured = Factory.WithWebHostBuilder(b => b
            .UseSetting("Retention:NotPursuedReportDays", "91")
            .UseSetting("Retention:SectarianReferralDays", "365"));
        using var visitor = new WebSession(configured.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));
        var privacy = await visitor.GetAsync("/confidentialite");
        privacy.Html.ShouldContain(Fr("publicforms.privacy.duration", 3, 12));
        var form = await visitor.GetAsync("/derives-sectaires");
        form.Html.ShouldContain(Fr("publicforms.sectarian.privacy", 3, 12));
    }
}
