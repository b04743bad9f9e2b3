using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Security;
using Passerelle.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Passerelle.Web.Tests.Infrastructure.PageKit;

namespace Passerelle.Web.Tests.Pages;

/// <summary>Fills in and sends /derives-sectaires as a browser does.</summary>
internal static class SectarianForm
{
    public static readonly (string, string)[] Answers =
    [
        ("Input.Kind", "report"), ("Input.GroupOrPractice", "Les Enfants de la Lumière (stages de jeûne)"), ("Input.SenderRelation", "sibling"),
        ("Input.Criteria", "family-separation"), ("Input.Criteria", "financial-demands"),
        ("Input.Narrative", "Ma sœur a donné toutes ses économies au groupe et ne nous parle plus."),
        ("Input.ContactName", "Paul Martin"), ("Input.ContactEmail", "paul.martin@example.fr"), ("Input.ContactPhone", ""),
        ("Input.Region", "Bretagne"), ("Input.Consent", "true"), ("Input.Website", ""),
    ];

    public static async Task<PageResponse> SendAsync(WebSession session, Func<(string, string)[], (string, string)[]>? change = null, PageResponse? page = null)
    {
        page ??= await session.GetAsync("/derives-sectaires");
        page.Status.ShouldBe(HttpStatusCode.OK, page.ToString());
        var fields = (change ?? (x => x))(Answers).Append(("Input.FormKey", WebSession.Hidden(page, "Input.FormKey"))).ToArray();
        return await session.PostWithTokenAsync("/derives-sectaires?handler=send", WebSession.AntiForgeryToken(page), fields);
    }

    public static string ReceiptOf(PageResponse sent)
    {
        sent.Redirects.ShouldBeTrue(sent.ToString());
        var match = Regex.Match(sent.Location ?? string.Empty, "^/derives-sectaires/recu\\?numero=(MIV-[0-9]{4}-[A-Z0-9]{8})$");
        match.Success.ShouldBeTrue(sent.ToString());
        return match.Groups[1].Value;
    }
}

/// <summary>
/// "Saisir la Miviludes" (issue 4, public forms): one page without sign-in; a referral stored once with
/// its audit event (no content in it), readable by the Miviludes analysts only; a MIV receipt that shows
/// nothing back; every field's bad input refused with a clear message and nothing stored.
/// </summary>
public sealed class PublicSectarianFormTests(PublicFormsApp app) : IClassFixture<PublicFormsApp>
{
    private PasserelleFactory Factory => app.Factory;

    [Fact]
    public async Task AReferral_WithoutSignIn_IsStoredOnce_Audited_AndAnsweredWithAMivReceiptOnly()
    {
        using var visitor = app.Visitor();
        var before = await app.ReferralCountAsync();

        var sent = await SectarianForm.SendAsync(visitor);

        var receipt = SectarianForm.ReceiptOf(sent);
        (await app.ReferralCountAsync()).ShouldBe(before + 1);
        var referral = await Factory.WithDbAsync(db => db.SectarianReferrals.IgnoreQueryFilters().AsNoTracking().SingleAsync(r => r.Receipt == receipt));
        referral.Kind.ShouldBe(SectarianRequestKind.Report);
        referral.Status.ShouldBe(SectarianReferralStatus.Received);
        referral.GroupOrPractice.ShouldBe("Les Enfants de la Lumière (stages de jeûne)");
        referral.SenderRelation.ShouldBe("sibling");
        referral.CriteriaCodes.ShouldBe(["family-separation", "financial-demands"]);
        referral.ContactName.ShouldBe("Paul Martin");
        referral.ContactEmail.ShouldBe("paul.martin@example.fr");
        referral.ContactPhone.ShouldBeNull();
        referral.Region.ShouldBe("Bretagne");
        referral.ReceivedAt.ShouldBeLessThanOrEqualTo(Factory.Clock.GetUtcNow().UtcDateTime);
        referral.ReceivedAt.ShouldBeGreaterThan(Factory.Clock.GetUtcNow().UtcDateTime.AddMinutes(-1));
        var audit = await Factory.WithDbAsync(db => db.AuditEvents.AsNoTracking().SingleAsync(e => e.Action == "sectarian-referral.received" && e.ObjectId == referral.Id.ToString()));
        audit.Reason.ShouldBeNull();
        audit.UserId.ShouldBe("public-form");

        var page = await visitor.GetAsync(sent.Location!);
        page.Status.ShouldBe(HttpStatusCode.OK);
        page.Html.ShouldContain(receipt);
        page.Html.ShouldContain(Fr("publicforms.sectarian.next"));
        page.Html.ShouldNotContain("Lumière");
        page.Html.ShouldNotContain("Paul Martin");
        page.Html.ShouldNotContain("économies");
        (await visitor.GetAsync("/derives-sectaires/recu?numero=SIG-2026-ABCDEFGH")).Html.ShouldContain(Fr("publicforms.receipt-unknown"));
    }

    [Fact]
    public async Task OnlyTheMiviludesAnalysts_CanReadAReferral_ThroughTheQueryFilter()
    {
        using var visitor = app.Visitor();
        var receipt = SectarianForm.ReceiptOf(await SectarianForm.SendAsync(visitor));

        var asGed = await Factory.AsSystemAsync(async services =>
        {
            services.GetRequiredService<CurrentActor>().ActAs(new AccessScope("someone", Roles.Ged, false, ["59"]));
            return await services.GetRequiredService<Passerelle.Web.Data.PasserelleDb>().SectarianReferrals.CountAsync(r => r.Receipt == receipt);
        });
        var asMiviludes = await Factory.AsSystemAsync(async services =>
        {
            services.GetRequiredService<CurrentActor>().ActAs(new AccessScope("analyst", Roles.Miviludes, true, []));
            return await services.GetRequiredService<Passerelle.Web.Data.PasserelleDb>().SectarianReferrals.CountAsync(r => r.Receipt == receipt);
        });
        asGed.ShouldBe(0);
        asMiviludes.ShouldBe(1);
    }

    public static TheoryData<string, string, string> BadAnswers => new()
    {
        { "Input.Kind", "", "publicforms.error.kind" },
        { "Input.Kind", "'; DROP TABLE sectarian_referrals; --", "error.unknown-value" },
        { "Input.GroupOrPractice", "<script>alert(1)</script>", "error.markup" },
        { "Input.GroupOrPractice", new string('g', 301), "error.too-long" },
        { "Input.SenderRelation", "", "error.required" },
        { "Input.SenderRelation", "../../etc/passwd", "error.unknown-value" },
        { "Input.Criteria", "croyance", "error.unknown-value" },
        { "Input.Narrative", "", "publicforms.error.narrative" },
        { "Input.Narrative", "   ", "publicforms.error.narrative" },
        { "Input.Narrative", "<script>alert(1)</script>", "error.markup" },
        { "Input.Narrative", new string('n', 4001), "error.too-long" },
        { "Input.ContactName", "'; DROP TABLE users; --", "error.characters" },
        { "Input.ContactEmail", "paul@", "publicforms.error.email" },
        { "Input.ContactPhone", "<script>", "publicforms.error.phone" },
        { "Input.Region", "../../etc/passwd", "error.unknown-value" },
        { "Input.Consent", "", "publicforms.error.consent" },
        { "Input.Consent", "peut-être", "publicforms.error.consent" },
    };

    [Theory]
    [MemberData(nameof(BadAnswers))]
    public async Task ABadAnswer_IsRefusedWithAClearMessage_AndStoresNothing(string field, string value, string messageKey)
    {
        using var visitor = app.Visitor();
        var before = await app.ReferralCountAsync();

        var refused = await SectarianForm.SendAsync(visitor, answers => field == "Input.Criteria" ? [.. answers, (field, value)] : answers.With(field, value));

        refused.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, refused.ToString());
        object[] args = messageKey == "error.too-long" ? [field == "Input.Narrative" ? 4000 : 300] : [];
        refused.Html.ShouldContain(Fr(messageKey, args));
        refused.Html.ShouldContain("href=\"#" + field.Replace('.', '_') + "\"");
        refused.Html.ShouldNotContain("<script>alert(1)");
        (await app.ReferralCountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task ARequestForInformation_NeedsAWayToAnswer_AReportDoesNot()
    {
        using var visitor = app.Visitor();
        var before = await app.ReferralCountAsync();
        var refused = await SectarianForm.SendAsync(visitor, a => a.With("Input.Kind", "information").With("Input.ContactEmail", "").With("Input.ContactPhone", ""));
        refused.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        refused.Html.ShouldContain(Fr("publicforms.error.answer-contact"));
        (await app.ReferralCountAsync()).ShouldBe(before);

        var anonymous = await SectarianForm.SendAsync(visitor, a => a.With("Input.ContactEmail", "").With("Input.ContactName", "").With("Input.Region", ""));
        var receipt = SectarianForm.ReceiptOf(anonymous);
        var referral = await Factory.WithDbAsync(db => db.SectarianReferrals.IgnoreQueryFilters().SingleAsync(r => r.Receipt == receipt));
        referral.ContactEmail.ShouldBeNull();
        referral.Region.ShouldBeNull();

        var byPhone = await SectarianForm.SendAsync(visitor, a => a.With("Input.Kind", "information").With("Input.ContactEmail", "").With("Input.ContactPhone", "+33 6 12 34 56 78"));
        SectarianForm.ReceiptOf(byPhone).ShouldStartWith("MIV-");
    }

    [Fact]
    public async Task ASecondSend_OfTheSameForm_GivesTheSameReceipt_AndStoresOneReferral()
    {
        using var visitor = app.Visitor();
        var page = await visitor.GetAsync("/derives-sectaires");
        var before = await app.ReferralCountAsync();

        var first = SectarianForm.ReceiptOf(await SectarianForm.SendAsync(visitor, page: page));
        var again = SectarianForm.ReceiptOf(await SectarianForm.SendAsync(visitor, page: page));

        again.ShouldBe(first);
        (await app.ReferralCountAsync()).ShouldBe(before + 1);
    }

    [Fact]
    public async Task TheHoneypot_FilledIn_IsRefusedNeutrally_AndStoresNothing()
    {
        using var visitor = app.Visitor();
        var before = await app.ReferralCountAsync();

        var refused = await SectarianForm.SendAsync(visitor, a => a.With("Input.Website", "http://spam.example"));

        refused.Status.ShouldBe(HttpStatusCode.BadRequest);
        refused.Html.ShouldContain(Fr("publicforms.refused-text"));
        (await app.ReferralCountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task ThePage_ListsTheChecklistAndTheRegions_InFrenchAndInEnglish()
    {
        using var visitor = app.Visitor();
        var page = await visitor.GetAsync("/derives-sectaires");
        page.Html.ShouldContain(Fr("publicforms.criterion.children-indoctrination"));
        page.Html.ShouldContain(Fr("publicforms.criterion.refusal-of-care"));
        page.Html.ShouldContain(">Occitanie</option>");
        page.Html.ShouldContain("href=\"/confidentialite\"");
        page.Html.ShouldContain("tabindex=\"-1\" autocomplete=\"off\"");
        (await visitor.GetAsync("/derives-sectaires?culture=en")).Html.ShouldContain("Contact the Miviludes (sectarian drifts)");
    }
}
