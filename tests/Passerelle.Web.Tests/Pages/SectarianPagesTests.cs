using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Passerelle.Domain;
using Passerelle.Web.Data;
using Passerelle.Web.Security;
using Passerelle.Web.Tests.Infrastructure;
using static Passerelle.Web.Tests.Infrastructure.PageKit;
using Case = Shouldly.Case;

namespace Passerelle.Web.Tests.Pages;

/// <summary>
/// The Miviludes analysts' side of issue 4: the queue of referrals, one referral read under audit, the answer
/// (recommendations, associations of the sender's region, classification) sent by e-mail through the outbox or
/// to be given by phone, the closing without answer, the annual observation figures; bad input, stale versions
/// and every other role find nothing and change nothing.
/// </summary>
public sealed class SectarianPagesTests(PasserelleFactory factory) : IClassFixture<PasserelleFactory>
{
    private const string Narrative = "Ma sœur a quitté son travail pour suivre un stage de « libération intérieure » très coûteux.";
    private const string Group = "Cercle de la Lumière Intérieure";
    private const string ContactName = "Hélène Dubreuil";
    private const string Phone = "06 12 34 56 78";

    private sealed record Associations(Guid Regional, Guid National, Guid OtherRegion, Guid Inactive);

    /// <summary>Four associations for this class: one of Hauts-de-France, one national, one of Bretagne, one deactivated.</summary>
    private Task<Associations> AssociationsAsync() => factory.OnceAsync("associations", () => SeedAssociationsAsync(factory));

    private static async Task<Associations> SeedAssociationsAsync(PasserelleFactory app)
    {
        var regional = new SupportAssociation { Name = "ADFI Test Hauts-de-France", Region = "Hauts-de-France", Contact = "Tél. 03 00 00 00 99, Lille" };
        var national = new SupportAssociation { Name = "UNADFI Test", Contact = "Tél. 01 00 00 00 98 — unadfi.example" };
        var other = new SupportAssociation { Name = "ADFI Test Bretagne", Region = "Bretagne", Contact = "Tél. 02 00 00 00 97, Rennes" };
        var inactive = new SupportAssociation { Name = "Ancienne association", Contact = "Dissoute", Active = false };
        await app.WithDbAsync(async db =>
        {
            db.SupportAssociations.AddRange(regional, national, other, inactive);
            await db.SaveChangesAsync();
        });
        return new Associations(regional.Id, national.Id, other.Id, inactive.Id);
    }

    /// <summary>Inserts a referral as the public form would have recorded it.</summary>
    private static async Task<SectarianReferral> ReferralAsync(
        PasserelleFactory app,
        string? email = "famille.dubreuil@example.org",
        string? phone = Phone,
        string? region = "Hauts-de-France",
        SectarianRequestKind kind = SectarianRequestKind.Report,
        string criteria = "isolation,financial-demands",
        TimeSpan? age = null,
        SectarianReferralStatus status = SectarianReferralStatus.Received,
        string? domain = null)
    {
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var referral = new SectarianReferral
        {
            Receipt = Receipts.New("MIV", now),
            Kind = kind,
            GroupOrPractice = Group,
            SenderRelation = "sibling",
            Criteria = criteria,
            Narrative = Narrative,
            ContactName = ContactName,
            ContactEmail = email,
            ContactPhone = phone,
            Region = region,
            ReceivedAt = now - (age ?? TimeSpan.FromHours(2)),
            Status = status,
            Domain = domain,
        };
        await app.WithDbAsync(async db =>
        {
            db.SectarianReferrals.Add(referral);
            await db.SaveChangesAsync();
        });
        return referral;
    }

    private Task<SectarianReferral> ReferralAsync(string? email = "famille.dubreuil@example.org", string? phone = Phone) => ReferralAsync(factory, email, phone);

    private Task<SectarianReferral> StoredAsync(Guid id) =>
        factory.WithDbAsync(db => db.SectarianReferrals.AsNoTracking().SingleAsync(r => r.Id == id));

    private Task<List<OutboxMessage>> OutboxForAsync(string receipt) =>
        factory.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.Subject.Contains(receipt)).ToListAsync());

    private Task<int> AuditCountAsync(string action, Guid id) =>
        factory.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == action && e.ObjectId == id.ToString()));

    private Task<WebSession> AnalystAsync() => factory.SignInAsync(Roles.Miviludes, AccessScope.NationalValue);

    private static Task<PageResponse> AnswerAsync(WebSession session, PageResponse page, Guid id, params (string, string)[] fields) =>
        session.PostWithTokenAsync($"/miviludes/{id}?handler=Answer", WebSession.AntiForgeryToken(page), [.. fields, ("Version", WebSession.Hidden(page, "Version"))]);

    private static Task<PageResponse> CloseAsync(WebSession session, PageResponse page, Guid id, params (string, string)[] fields) =>
        session.PostWithTokenAsync($"/miviludes/{id}?handler=Close", WebSession.AntiForgeryToken(page), [.. fields, ("Version", WebSession.Hidden(page, "Version"))]);

    /// <summary>A text key shown instead of its text means a missing entry.</summary>
    private static void ShouldShowNoTextKey(PageResponse page) => page.Html.ShouldNotContain("sectarian.");

    [Fact]
    public async Task TheQueue_ShowsWaitingReferralsFirst_OldestFirst_WithAgesCounts20APage_AndAuditsEveryRowShown()
    {
        await using var app = await PasserelleFactory.StartAsync();
        using var analyst = await app.SignInAsync(Roles.Miviludes, AccessScope.NationalValue);
        var empty = await analyst.GetAsync("/miviludes");
        empty.Status.ShouldBe(HttpStatusCode.OK, empty.ToString());
        empty.Html.ShouldContain(Fr("sectarian.queue.empty"));
        empty.Html.ShouldContain(Fr("sectarian.queue.waiting", 0));

        var answered = await ReferralAsync(app, age: TimeSpan.FromDays(40), status: SectarianReferralStatus.Answered, domain: "coaching");
        var waiting = new List<SectarianReferral>();
        for (var days = 21; days >= 1; days--)
        {
            waiting.Add(await ReferralAsync(app, age: TimeSpan.FromDays(days) + TimeSpan.FromMinutes(5),
                kind: days % 2 == 0 ? SectarianRequestKind.Information : SectarianRequestKind.Report,
                criteria: days == 3 ? "children-indoctrination,refusal-of-care" : "isolation"));
        }

        var page1 = await analyst.GetAsync("/miviludes");
        page1.Status.ShouldBe(HttpStatusCode.OK, page1.ToString());
        ShouldShowNoTextKey(page1);
        page1.Html.ShouldContain(Fr("sectarian.queue.waiting", 21));
        page1.Html.ShouldContain($"{Fr("sectarian.queue.oldest")} : {Fr("sectarian.age-days", 21)}");
        var positions = waiting.Take(20).Select(r => page1.Html.IndexOf(r.Receipt, StringComparison.Ordinal)).ToList();
        positions.ShouldAllBe(p => p > 0);
        positions.ShouldBe(positions.Order().ToList(), "oldest first");
        page1.Html.ShouldNotContain(waiting[20].Receipt);
        page1.Html.ShouldNotContain(answered.Receipt);
        page1.Html.ShouldContain(Fr("sectarian.age-days", 3));
        page1.Html.ShouldContain(Fr("sectarian.criterion.children-indoctrination"));
        page1.Html.ShouldContain(Fr("sectarian.criterion.refusal-of-care"));
        page1.Html.ShouldContain(Fr("sectarian.kind.information"));
        page1.Html.ShouldContain("Hauts-de-France");
        page1.Html.ShouldNotContain(Narrative);
        (await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == "sectarian-referral.listed"))).ShouldBe(20);
        foreach (var r in waiting.Take(20))
        {
            (await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == "sectarian-referral.listed" && e.ObjectId == r.Id.ToString()))).ShouldBe(1);
        }

        var page2 = await analyst.GetAsync("/miviludes?p=2");
        page2.Html.ShouldContain(waiting[20].Receipt);
        page2.Html.ShouldContain(answered.Receipt);
        page2.Html.IndexOf(waiting[20].Receipt, StringComparison.Ordinal).ShouldBeLessThan(page2.Html.IndexOf(answered.Receipt, StringComparison.Ordinal));

        var onlyAnswered = await analyst.GetAsync("/miviludes?status=answered");
        onlyAnswered.Html.ShouldContain(answered.Receipt);
        onlyAnswered.Html.ShouldNotContain(waiting[0].Receipt);
        onlyAnswered.Html.ShouldContain(Fr("sectarian.queue.count", 1));
        var information = await analyst.GetAsync("/miviludes?kind=information&status=received");
        information.Html.ShouldContain(Fr("sectarian.queue.count", 10));
        information.Html.ShouldNotContain(waiting[0].Receipt);
        information.Html.ShouldContain(waiting[1].Receipt);
        var none = await analyst.GetAsync("/miviludes?status=closed");
        none.Html.ShouldContain(Fr("sectarian.queue.empty-filtered"));
    }

    [Theory]
    [InlineData("/miviludes?status=' OR 1=1;--")]
    [InlineData("/miviludes?kind=../../etc/passwd")]
    [InlineData("/miviludes?status=<script>alert(1)</script>")]
    public async Task TheQueue_WithAnUnknownFilter_SaysSo_AndListsUnfiltered(string url)
    {
        // Waiting for years: first of the queue, whatever the other tests of the class left in it.
        var referral = await ReferralAsync(factory, age: TimeSpan.FromDays(3000));
        using var analyst = await AnalystAsync();

        var page = await analyst.GetAsync(url);

        page.Status.ShouldBe(HttpStatusCode.BadRequest, page.ToString());
        page.Html.ShouldContain(Fr("error.unknown-value"));
        page.Html.ShouldNotContain("<script>alert(1)</script>");
        page.Html.ShouldContain(referral.Receipt);
    }

    [Fact]
    public async Task AReferral_IsShownInFull_OnlyOnceItsReadIsAudited()
    {
        var referral = await ReferralAsync();
        using var analyst = await AnalystAsync();

        var page = await analyst.GetAsync($"/miviludes/{referral.Id}");

        page.Status.ShouldBe(HttpStatusCode.OK, page.ToString());
        ShouldShowNoTextKey(page);
        page.Html.ShouldContain(referral.Receipt);
        page.Html.ShouldContain(Html(Narrative));
        page.Html.ShouldContain(Html(Group));
        page.Html.ShouldContain(Html(ContactName));
        page.Html.ShouldContain("famille.dubreuil@example.org");
        page.Html.ShouldContain(Fr("sectarian.relation.sibling"));
        page.Html.ShouldContain(Fr("sectarian.criterion.financial-demands"));
        page.Html.ShouldContain(Fr("sectarian.answer.by-email", "famille.dubreuil@example.org"));
        (await AuditCountAsync("sectarian-referral.read", referral.Id)).ShouldBe(1);

        var missing = Guid.CreateVersion7();
        (await analyst.GetAsync($"/miviludes/{missing}")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await factory.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == "sectarian-referral.read" && e.ObjectId == missing.ToString() && e.Outcome == "not-found"))).ShouldBe(1);
    }

    [Fact]
    public async Task TheAnswerForm_OffersTheSendersRegionFirst_ThenNationalThenOthers_AndNeverAnInactiveAssociation()
    {
        var a = await AssociationsAsync();
        var referral = await ReferralAsync();
        using var analyst = await AnalystAsync();

        var page = await analyst.GetAsync($"/miviludes/{referral.Id}");

        var regional = page.Html.IndexOf($"value=\"{a.Regional}\"", StringComparison.Ordinal);
        var national = page.Html.IndexOf($"value=\"{a.National}\"", StringComparison.Ordinal);
        var other = page.Html.IndexOf($"value=\"{a.OtherRegion}\"", StringComparison.Ordinal);
        regional.ShouldBeGreaterThan(0);
        national.ShouldBeGreaterThan(regional);
        other.ShouldBeGreaterThan(national);
        page.Html.ShouldContain(Fr("sectarian.answer.associations-region", "Hauts-de-France"));
        page.Html.ShouldNotContain(a.Inactive.ToString());
        foreach (var domain in SectarianDomains.All)
        {
            page.Html.ShouldContain($"value=\"{domain}\"");
        }
    }

    [Fact]
    public async Task Answering_WithAnEmail_RecordsTheAnswer_AndQueuesAnEmailWithReceiptRecommendationsAndAssociationsOnly()
    {
        var a = await AssociationsAsync();
        var analystUser = await factory.PageUserAsync(Roles.Miviludes, AccessScope.NationalValue);
        var referral = await ReferralAsync();
        using var analyst = await factory.SignInAsync(analystUser);
        var page = await analyst.GetAsync($"/miviludes/{referral.Id}");
        const string recommendations = "Gardez le contact avec votre sœur, sans la juger.\nNotez les sommes versées et les dates.";

        var post = await AnswerAsync(analyst, page, referral.Id,
            ("AnswerText", recommendations), ("Domain", "health-wellness"), ("AssociationIds", a.Regional.ToString()), ("AssociationIds", a.National.ToString()));

        post.Redirects.ShouldBeTrue(post.ToString());
        post.Location.ShouldBe($"/miviludes/{referral.Id}");
        var stored = await StoredAsync(referral.Id);
        stored.Status.ShouldBe(SectarianReferralStatus.Answered);
        stored.Answer.ShouldBe(recommendations);
        stored.Domain.ShouldBe("health-wellness");
        stored.RecommendedAssociationIds.ShouldBe($"{a.Regional},{a.National}");
        stored.AnsweredById.ShouldBe(analystUser.Id);
        var answeredAt = stored.AnsweredAt.ShouldNotBeNull();
        answeredAt.ShouldBe(factory.Clock.GetUtcNow().UtcDateTime, TimeSpan.FromMinutes(1));
        stored.RetainUntil.ShouldBe(answeredAt + TimeSpan.FromDays(730));
        (await AuditCountAsync("sectarian-referral.answered", referral.Id)).ShouldBe(1);

        var mail = (await OutboxForAsync(referral.Receipt)).ShouldHaveSingleItem();
        mail.Kind.ShouldBe("sectarian-answer");
        mail.To.ShouldBe("famille.dubreuil@example.org");
        mail.SentAt.ShouldBeNull();
        mail.Body.ShouldContain(referral.Receipt);
        mail.Body.ShouldContain(recommendations);
        mail.Body.ShouldContain("ADFI Test Hauts-de-France : Tél. 03 00 00 00 99, Lille");
        mail.Body.ShouldContain("UNADFI Test : Tél. 01 00 00 00 98 — unadfi.example");
        mail.Body.ShouldNotContain("Bretagne");
        foreach (var personal in new[] { Narrative, Group, ContactName, "Dubreuil", Phone, "famille.dubreuil", "Hauts-de-France\n" })
        {
            mail.Body.ShouldNotContain(personal);
            mail.Subject.ShouldNotContain(personal);
        }

        var shown = await analyst.GetAsync($"/miviludes/{referral.Id}");
        shown.Html.ShouldContain(Fr("sectarian.answer.saved-email"));
        shown.Html.ShouldContain(Fr("sectarian.domain.health-wellness"));
        shown.Html.ShouldContain("ADFI Test Hauts-de-France");
        shown.Html.ShouldNotContain("name=\"AnswerText\"");
    }

    [Fact]
    public async Task Answering_WithoutAnEmail_SaysToCallThePhone_RecordsTheAnswer_AndWritesNoEmail()
    {
        var a = await AssociationsAsync();
        var referral = await ReferralAsync(email: null);
        using var analyst = await AnalystAsync();
        var page = await analyst.GetAsync($"/miviludes/{referral.Id}");
        page.Html.ShouldContain(Fr("sectarian.answer.by-phone", Phone));

        var post = await AnswerAsync(analyst, page, referral.Id, ("AnswerText", "Rappel téléphonique : contacter l'ADFI."), ("Domain", "coaching"), ("AssociationIds", a.Regional.ToString()));

        post.Redirects.ShouldBeTrue(post.ToString());
        (await StoredAsync(referral.Id)).Status.ShouldBe(SectarianReferralStatus.Answered);
        (await OutboxForAsync(referral.Receipt)).ShouldBeEmpty();
        var shown = await analyst.GetAsync(post.Location!);
        shown.Html.ShouldContain(Fr("sectarian.answer.saved-phone", Phone));
        shown.Html.ShouldContain(Fr("sectarian.answer.delivered-phone", Phone));
        (await factory.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == "sectarian-referral.answered" && e.ObjectId == referral.Id.ToString() && e.Reason!.Contains("phone")))).ShouldBe(1);
    }

    [Fact]
    public async Task ClosingWithoutAnswer_KeepsTheReason_ClassifiesIt_SetsRetention_AndSendsNothing()
    {
        var referral = await ReferralAsync(email: null, phone: null);
        using var analyst = await AnalystAsync();
        var page = await analyst.GetAsync($"/miviludes/{referral.Id}");
        page.Html.ShouldContain(Fr("sectarian.answer.no-contact"));

        var post = await CloseAsync(analyst, page, referral.Id, ("Reason", "Aucun moyen de répondre : ni courriel ni téléphone."), ("CloseDomain", "religion"));

        post.Redirects.ShouldBeTrue(post.ToString());
        post.Location.ShouldBe("/miviludes");
        var stored = await StoredAsync(referral.Id);
        stored.Status.ShouldBe(SectarianReferralStatus.Closed);
        stored.ClosedReason.ShouldBe("Aucun moyen de répondre : ni courriel ni téléphone.");
        stored.Answer.ShouldBeNull("a closing reason is not an answer to the sender");
        stored.Domain.ShouldBe("religion");
        stored.RetainUntil.ShouldBe(stored.AnsweredAt!.Value + TimeSpan.FromDays(730));
        (await OutboxForAsync(referral.Receipt)).ShouldBeEmpty();
        (await AuditCountAsync("sectarian-referral.closed", referral.Id)).ShouldBe(1);
        (await analyst.GetAsync($"/miviludes/{referral.Id}")).Html.ShouldContain(Fr("sectarian.details.closed"));
    }

    [Theory]
    [InlineData("", "religion", "sectarian.error.reason-required")]
    [InlineData("<script>alert(1)</script>", "religion", "error.markup")]
    [InlineData("Doublon de la saisine précédente.", "", "sectarian.error.domain-required")]
    [InlineData("Doublon de la saisine précédente.", "'; DROP TABLE sectarian_referrals;--", "error.unknown-value")]
    public async Task ClosingWithABadReasonOrDomain_Returns422AndChangesNothing(string reason, string domain, string messageKey)
    {
        var referral = await ReferralAsync();
        using var analyst = await AnalystAsync();
        var page = await analyst.GetAsync($"/miviludes/{referral.Id}");

        var post = await CloseAsync(analyst, page, referral.Id, ("Reason", reason), ("CloseDomain", domain));

        post.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, post.ToString());
        post.Html.ShouldContain(Fr(messageKey));
        var stored = await StoredAsync(referral.Id);
        stored.Status.ShouldBe(SectarianReferralStatus.Received);
        stored.Version.ShouldBe(referral.Version);
    }

    public static TheoryData<string, string, string, string, string> BadAnswers => new()
    {
        { "missing answer", "", "religion", "AnswerText", "sectarian.error.answer-required" },
        { "blank answer", "   \n  ", "religion", "AnswerText", "sectarian.error.answer-required" },
        { "oversized answer", new string('a', SectarianReferral.MaxAnswerLength + 1), "religion", "AnswerText", "error.too-long" },
        { "markup", "<script>alert('x')</script>", "religion", "AnswerText", "error.markup" },
        { "encoded markup", "&lt;img src=x onerror=alert(1)&gt;", "religion", "AnswerText", "error.markup" },
        { "control characters", "Bonjour\u0007\u001B", "religion", "AnswerText", "error.control-characters" },
        { "missing domain", "Recommandations.", "", "Domain", "sectarian.error.domain-required" },
        { "unknown domain", "Recommandations.", "astrology", "Domain", "error.unknown-value" },
        { "SQL domain", "Recommandations.", "'; DROP TABLE sectarian_referrals;--", "Domain", "error.unknown-value" },
        { "path domain", "Recommandations.", "../../etc/passwd", "Domain", "error.unknown-value" },
    };

    [Theory]
    [MemberData(nameof(BadAnswers))]
    public async Task Answering_WithBadInput_Returns422WithTheMessage_AndChangesNothing(string what, string answer, string domain, string field, string messageKey)
    {
        var referral = await ReferralAsync();
        using var analyst = await AnalystAsync();
        var page = await analyst.GetAsync($"/miviludes/{referral.Id}");

        var post = await AnswerAsync(analyst, page, referral.Id, ("AnswerText", answer), ("Domain", domain));

        post.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, what + ": " + post);
        post.Html.ShouldContain(messageKey == "error.too-long" ? Fr(messageKey, SectarianReferral.MaxAnswerLength) : Fr(messageKey), Case.Sensitive, what);
        post.Html.ShouldContain($"href=\"#{field}\"", Case.Sensitive, what);
        var stored = await StoredAsync(referral.Id);
        stored.Status.ShouldBe(SectarianReferralStatus.Received, what);
        stored.Version.ShouldBe(referral.Version, what);
        stored.Answer.ShouldBeNull(what);
        stored.ClosedReason.ShouldBeNull(what);
        (await OutboxForAsync(referral.Receipt)).ShouldBeEmpty(what);
    }

    [Fact]
    public async Task Answering_WithAnUnknownInactiveMalformedOrForeignAssociationId_IsRefused()
    {
        var a = await AssociationsAsync();
        var referral = await ReferralAsync();
        var otherReferral = await ReferralAsync();
        using var analyst = await AnalystAsync();
        var page = await analyst.GetAsync($"/miviludes/{referral.Id}");

        foreach (var id in new[] { Guid.CreateVersion7().ToString(), a.Inactive.ToString(), otherReferral.Id.ToString(), "not-a-guid", "'; DROP TABLE support_associations;--", "../../etc/passwd" })
        {
            var post = await AnswerAsync(analyst, page, referral.Id, ("AnswerText", "Recommandations."), ("Domain", "religion"), ("AssociationIds", a.Regional.ToString()), ("AssociationIds", id));

            post.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, id + ": " + post);
            post.Html.ShouldContain(Fr("sectarian.error.association-unknown"));
            post.Html.ShouldContain("href=\"#AssociationIds\"");
        }

        var tooMany = Enumerable.Range(0, 11).Select(_ => ("AssociationIds", Guid.CreateVersion7().ToString())).ToArray();
        var crowded = await AnswerAsync(analyst, page, referral.Id, [("AnswerText", "Recommandations."), ("Domain", "religion"), .. tooMany]);
        crowded.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        crowded.Html.ShouldContain(Fr("sectarian.error.too-many-associations", 10));

        (await StoredAsync(referral.Id)).Status.ShouldBe(SectarianReferralStatus.Received);
        (await OutboxForAsync(referral.Receipt)).ShouldBeEmpty();
        (await factory.WithDbAsync(db => db.SupportAssociations.CountAsync())).ShouldBeGreaterThanOrEqualTo(4);
    }

    [Fact]
    public async Task Answering_WithAStaleVersion_Returns409_AndNeitherTheAnswerNorTheEmailChanges()
    {
        var referral = await ReferralAsync();
        using var first = await AnalystAsync();
        using var second = await factory.SignInAsync(await factory.CreatePageUserAsync(Roles.Miviludes, AccessScope.NationalValue));
        var firstPage = await first.GetAsync($"/miviludes/{referral.Id}");
        var secondPage = await second.GetAsync($"/miviludes/{referral.Id}");
        (await AnswerAsync(first, firstPage, referral.Id, ("AnswerText", "Première réponse."), ("Domain", "religion"))).Redirects.ShouldBeTrue();

        var late = await AnswerAsync(second, secondPage, referral.Id, ("AnswerText", "Seconde réponse."), ("Domain", "coaching"));
        var lateClose = await CloseAsync(second, secondPage, referral.Id, ("Reason", "Doublon."), ("CloseDomain", "other"));
        var forged = await second.PostWithTokenAsync($"/miviludes/{referral.Id}?handler=Answer", WebSession.AntiForgeryToken(secondPage),
            ("AnswerText", "Troisième."), ("Domain", "coaching"), ("Version", "not-a-number"));

        late.Status.ShouldBe(HttpStatusCode.Conflict, late.ToString());
        late.Html.ShouldContain(Fr("sectarian.error.changed"));
        lateClose.Status.ShouldBe(HttpStatusCode.Conflict, lateClose.ToString());
        forged.Status.ShouldBe(HttpStatusCode.Conflict, forged.ToString());
        var stored = await StoredAsync(referral.Id);
        stored.Answer.ShouldBe("Première réponse.");
        stored.Domain.ShouldBe("religion");
        stored.Status.ShouldBe(SectarianReferralStatus.Answered);
        (await OutboxForAsync(referral.Receipt)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Answering_AnIdThatIsNotAReferral_IsNotFound()
    {
        var a = await AssociationsAsync();
        using var analyst = await AnalystAsync();
        var page = await analyst.GetAsync("/miviludes");

        foreach (var id in new[] { Guid.CreateVersion7(), a.National })
        {
            var post = await analyst.PostWithTokenAsync($"/miviludes/{id}?handler=Answer", WebSession.AntiForgeryToken(page), ("AnswerText", "Réponse."), ("Domain", "religion"), ("Version", "0"));
            post.Status.ShouldBe(HttpStatusCode.NotFound);
        }

        (await analyst.GetAsync("/miviludes/../../etc/passwd")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await analyst.GetAsync("/miviludes/not-a-guid")).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    public static TheoryData<string, string> OtherRoles => new()
    {
        { Roles.Ged, "59" },
        { Roles.GedChair, "59" },
        { Roles.Hotline, AccessScope.NationalValue },
        { Roles.Analyst, AccessScope.NationalValue },
        { Roles.Admin, AccessScope.NationalValue },
        { Roles.Dpo, AccessScope.NationalValue },
        { Roles.Care, "59" },
    };

    [Theory]
    [MemberData(nameof(OtherRoles))]
    public async Task EveryOtherRole_SeesNoReferral_NorTheFigures_AndCannotAnswerOrClose(string role, string territories)
    {
        var referral = await ReferralAsync();
        using var session = await factory.SignInAsync(role, territories);

        foreach (var url in new[] { "/miviludes", $"/miviludes/{referral.Id}", "/miviludes/observation", "/miviludes/observation?handler=csv" })
        {
            var response = await session.GetAsync(url);
            response.Status.ShouldNotBe(HttpStatusCode.OK, url);
            if (response.Redirects)
            {
                response.Location.ShouldNotBeNull(url).ShouldContain("/Account/AccessDenied", Case.Insensitive);
            }

            response.Html.ShouldNotContain(referral.Receipt);
            response.Html.ShouldNotContain("Dubreuil");
        }

        var tokenPage = await session.GetAsync("/account/manage/tokens");
        var token = WebSession.AntiForgeryToken(tokenPage);
        var answer = await session.PostWithTokenAsync($"/miviludes/{referral.Id}?handler=Answer", token, ("AnswerText", "Intrusion."), ("Domain", "religion"), ("Version", referral.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var close = await session.PostWithTokenAsync($"/miviludes/{referral.Id}?handler=Close", token, ("Reason", "Intrusion."), ("CloseDomain", "religion"), ("Version", referral.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        answer.Status.ShouldNotBe(HttpStatusCode.OK);
        answer.Redirects.ShouldBeTrue(answer.ToString());
        answer.Location.ShouldNotBeNull().ShouldContain("/Account/AccessDenied", Case.Insensitive);
        close.Location.ShouldNotBeNull().ShouldContain("/Account/AccessDenied", Case.Insensitive);
        var stored = await StoredAsync(referral.Id);
        stored.Status.ShouldBe(SectarianReferralStatus.Received);
        stored.Version.ShouldBe(referral.Version);
    }

    [Fact]
    public async Task EvenPastThePage_TheQueryFilterHidesReferralsFromAnyOtherRole()
    {
        var referral = await ReferralAsync();
        foreach (var role in new[] { Roles.Miviludes, Roles.Admin, Roles.Analyst, Roles.Ged, Roles.Hotline, Roles.Dpo })
        {
            var visible = await factory.AsSystemAsync(async services =>
            {
                services.GetRequiredService<CurrentActor>().ActAs(new AccessScope("u1", role, true, []));
                return await services.GetRequiredService<PasserelleDb>().SectarianReferrals.CountAsync(r => r.Id == referral.Id);
            });
            visible.ShouldBe(role == Roles.Miviludes ? 1 : 0, role);
        }
    }

    [Fact]
    public async Task TheObservationPage_CountsPerYearDomainKindAndCriterion_WithoutPersonalData_AndDownloadsTheSameAsCsv()
    {
        await using var app = await PasserelleFactory.StartAsync();
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var thisYear = TimeZoneInfo.ConvertTimeFromUtc(now, TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris")).Year;
        await ReferralAsync(app, status: SectarianReferralStatus.Answered, domain: "health-wellness", criteria: "isolation,financial-demands", kind: SectarianRequestKind.Report);
        await ReferralAsync(app, status: SectarianReferralStatus.Answered, domain: "health-wellness", criteria: "isolation", kind: SectarianRequestKind.Information);
        await ReferralAsync(app, status: SectarianReferralStatus.Closed, domain: "coaching", criteria: "refusal-of-care", kind: SectarianRequestKind.Report);
        await ReferralAsync(app, criteria: "", kind: SectarianRequestKind.Information);
        var lastYear = await ReferralAsync(app, age: TimeSpan.FromDays(400), status: SectarianReferralStatus.Answered, domain: "religion", criteria: "children-indoctrination");
        var lastYearNumber = TimeZoneInfo.ConvertTimeFromUtc(lastYear.ReceivedAt, TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris")).Year;
        using var analyst = await app.SignInAsync(Roles.Miviludes, AccessScope.NationalValue);

        var page = await analyst.GetAsync("/miviludes/observation");

        page.Status.ShouldBe(HttpStatusCode.OK, page.ToString());
        ShouldShowNoTextKey(page);
        page.Html.ShouldContain(Fr("sectarian.observation.no-suppression"));
        page.Html.ShouldNotContain(Narrative);
        page.Html.ShouldNotContain("MIV-");
        page.Html.ShouldNotContain("Dubreuil");
        (await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == "sectarian-observation.read"))).ShouldBe(1);

        var csvResponse = await analyst.Client.GetAsync(new Uri("/miviludes/observation?handler=csv", UriKind.Relative));
        csvResponse.StatusCode.ShouldBe(HttpStatusCode.OK);
        csvResponse.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var csv = Encoding.UTF8.GetString(await csvResponse.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF');
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe("table,year,category,count");
        lines.ShouldContain($"domain,{thisYear},health-wellness,2");
        lines.ShouldContain($"domain,{thisYear},coaching,1");
        lines.ShouldContain($"domain,{thisYear},unclassified,1");
        lines.ShouldContain($"domain,{thisYear},religion,0");
        lines.ShouldContain($"kind,{thisYear},report,2");
        lines.ShouldContain($"kind,{thisYear},information,2");
        lines.ShouldContain($"criterion,{thisYear},isolation,2");
        lines.ShouldContain($"criterion,{thisYear},financial-demands,1");
        lines.ShouldContain($"criterion,{thisYear},refusal-of-care,1");
        lines.ShouldContain($"total,{thisYear},all,4");
        if (lastYearNumber != thisYear)
        {
            lines.ShouldContain($"domain,{lastYearNumber},religion,1");
            lines.ShouldContain($"criterion,{lastYearNumber},children-indoctrination,1");
            lines.ShouldContain($"total,{lastYearNumber},all,1");
        }

        csv.ShouldNotContain("MIV-");
        csv.ShouldNotContain("Dubreuil");
    }

    [Fact]
    public async Task ThePages_ReadInEnglish_WhenEnglishIsChosen()
    {
        var referral = await ReferralAsync();
        using var analyst = await AnalystAsync();

        var queue = await analyst.GetAsync("/miviludes?culture=en");
        var details = await analyst.GetAsync($"/miviludes/{referral.Id}?culture=en");

        queue.Html.ShouldContain("Miviludes referrals");
        queue.Html.ShouldContain("waiting for an answer");
        details.Html.ShouldContain("Record and send the answer");
        details.Html.ShouldContain("Health and wellness");
        ShouldShowNoTextKey(details);
    }
}
