using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Passerelle.Web.Tests.Infrastructure;
using static Passerelle.Web.Tests.Infrastructure.PageKit;

namespace Passerelle.Web.Tests.Pages;

/// <summary>
/// Abuse resistance of the public forms (issue 4): honeypot, one-time form key (double click, retry,
/// two sends racing), body size and type limits, antiforgery; nothing is stored by a refused request.
/// </summary>
public sealed class PublicFormsAbuseTests(PublicFormsApp app) : IClassFixture<PublicFormsApp>
{
    [Fact]
    public async Task TheHoneypot_FilledIn_IsRefusedNeutrally_AndStoresNothing()
    {
        using var visitor = app.Visitor();
        var (reports, keys) = (await app.ReportCountAsync(), await app.PublicKeyCountAsync());
        var last = await ConcernForm.ToLastStepAsync(visitor, f => f.With("Input.Surname", "Potdemiel"));
        last.Html.ShouldContain(Fr("publicforms.honeypot"));

        var refused = await ConcernForm.SendAsync(visitor, last, ("Input.Website", "http://cheap-pills.example"));

        refused.Status.ShouldBe(HttpStatusCode.BadRequest);
        refused.Html.ShouldContain(Fr("publicforms.refused-text"));
        refused.Html.ShouldNotContain("Potdemiel");
        (await app.ReportCountAsync()).ShouldBe(reports);
        (await app.PublicKeyCountAsync()).ShouldBe(keys);
    }

    [Fact]
    public async Task ADoubleClick_OrARetryOfTheLastStep_StoresOneReport_AndGivesTheSameReceipt()
    {
        using var visitor = app.Visitor();
        var before = await app.ReportCountAsync();
        var last = await ConcernForm.ToLastStepAsync(visitor, f => f.With("Input.Surname", "Doubleclic"));

        var first = ConcernForm.ReceiptOf(await ConcernForm.SendAsync(visitor, last));
        var retry = ConcernForm.ReceiptOf(await ConcernForm.SendAsync(visitor, last));

        retry.ShouldBe(first);
        (await app.ReportCountAsync()).ShouldBe(before + 1);
    }

    [Fact]
    public async Task TwoSendsRacing_WithOneFormKey_StoreOneReport_AndBothGetTheSameReceipt()
    {
        using var visitor = app.Visitor();
        var before = await app.ReportCountAsync();
        var last = await ConcernForm.ToLastStepAsync(visitor, f => f.With("Input.Surname", "Concurrence"));

        var sends = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => ConcernForm.SendAsync(visitor, last)));

        sends.Select(ConcernForm.ReceiptOf).Distinct().Count().ShouldBe(1);
        (await app.ReportCountAsync()).ShouldBe(before + 1);
    }

    [Theory]
    [InlineData("")]
    [InlineData("pas-un-guid")]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    public async Task AMissingOrTamperedFormKey_IsRefused_AndStoresNothing(string key)
    {
        using var visitor = app.Visitor();
        var before = await app.ReportCountAsync();
        var last = await ConcernForm.ToLastStepAsync(visitor);

        var refused = await ConcernForm.SendAsync(visitor, last, ("Input.FormKey", key));

        refused.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        refused.Html.ShouldContain(Fr("publicforms.error.form-key"));
        (await app.ReportCountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task APostWithoutTheAntiforgeryToken_IsRefused_AndStoresNothing()
    {
        using var visitor = app.Visitor();
        var before = (await app.ReportCountAsync(), await app.ReferralCountAsync());
        await visitor.GetAsync("/derives-sectaires");

        var concern = await visitor.PostWithTokenAsync("/signalement?handler=send", null, [.. ConcernForm.Step1, .. ConcernForm.Step2, .. ConcernForm.Step3, .. ConcernForm.Step4, ("Input.FormKey", Guid.NewGuid().ToString())]);
        var sectarian = await visitor.PostWithTokenAsync("/derives-sectaires?handler=send", null, [.. SectarianForm.Answers, ("Input.FormKey", Guid.NewGuid().ToString())]);

        concern.Status.ShouldBe(HttpStatusCode.BadRequest);
        sectarian.Status.ShouldBe(HttpStatusCode.BadRequest);
        (await app.ReportCountAsync(), await app.ReferralCountAsync()).ShouldBe(before);
    }

    [Theory]
    [InlineData("/signalement?handler=send", true)]
    [InlineData("/signalement?handler=send", false)]
    [InlineData("/derives-sectaires?handler=send", true)]
    [InlineData("/derives-sectaires?handler=send", false)]
    public async Task ABodyOver64KB_IsRefusedWith413_WhetherItsLengthIsDeclaredOrNot(string url, bool declared)
    {
        using var client = app.RawClient();
        var before = (await app.ReportCountAsync(), await app.ReferralCountAsync());
        var body = Encoding.UTF8.GetBytes("Input.Narrative=" + new string('a', 70_000));
        using HttpContent content = declared ? new ByteArrayContent(body) : new StreamContent(new MemoryStream(body));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        if (!declared)
        {
            content.Headers.ContentLength = null;
        }

        using var response = await client.PostAsync(new Uri(url, UriKind.Relative), content);

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        (await response.Content.ReadAsStringAsync()).ShouldContain(Fr("publicforms.too-large-text"));
        (await app.ReportCountAsync(), await app.ReferralCountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task AFileUpload_IsRefusedWith415()
    {
        using var client = app.RawClient();
        using var content = new MultipartFormDataContent
        {
            { new StringContent("report"), "Input.Kind" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes("#!/bin/sh\nrm -rf /")), "file", "../../etc/passwd" },
        };

        using var response = await client.PostAsync(new Uri("/derives-sectaires?handler=send", UriKind.Relative), content);

        response.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        (await response.Content.ReadAsStringAsync()).ShouldContain(Fr("publicforms.unsupported-text"));
    }

    [Fact]
    public async Task TheFormPages_NeedNoAccount_AndAreNotCached()
    {
        using var visitor = app.Visitor();
        foreach (var url in new[] { "/signalement", "/derives-sectaires", "/signalement/recu", "/derives-sectaires/recu", "/confidentialite" })
        {
            using var response = await visitor.Client.GetAsync(new Uri(url, UriKind.Relative));
            response.StatusCode.ShouldBe(HttpStatusCode.OK, url);
            if (url != "/confidentialite")
            {
                response.Headers.CacheControl?.NoStore.ShouldBe(true, url);
            }
        }
    }
}

/// <summary>The rate limits, on an app allowing 2 submissions and 6 other requests per client.</summary>
public sealed class PublicFormsRateLimitTests(LimitedPublicFormsApp app) : IClassFixture<LimitedPublicFormsApp>
{
    [Fact]
    public async Task PastTheLimits_TheClientGets429_WithRetryAfter_AndAPageInFrenchAndEnglish_AndNothingIsStored()
    {
        using var visitor = app.Visitor();
        var page = await visitor.GetAsync("/derives-sectaires");
        var token = WebSession.AntiForgeryToken(page);
        (string, string)[] Fields() => [.. SectarianForm.Answers, ("Input.FormKey", Guid.NewGuid().ToString())];

        SectarianForm.ReceiptOf(await visitor.PostWithTokenAsync("/derives-sectaires?handler=send", token, Fields()));
        SectarianForm.ReceiptOf(await visitor.PostWithTokenAsync("/derives-sectaires?handler=send", token, Fields()));
        var stored = await app.ReferralCountAsync();

        using var content = new FormUrlEncodedContent([.. Fields().Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)), new("__RequestVerificationToken", token)]);
        using var third = await visitor.Client.PostAsync(new Uri("/derives-sectaires?handler=send", UriKind.Relative), content);

        third.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        third.Headers.RetryAfter.ShouldNotBeNull();
        var html = await third.Content.ReadAsStringAsync();
        html.ShouldContain(Fr("publicforms.too-many-text"));
        html.ShouldContain(Html(EnglishText("publicforms.too-many-text")));
        (await app.ReferralCountAsync()).ShouldBe(stored);

        // Pages have their own, looser limit: 6 per client here (one used above).
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            statuses.Add((await visitor.GetAsync("/signalement")).Status);
        }

        statuses.Take(5).ShouldAllBe(s => s == HttpStatusCode.OK);
        statuses[5].ShouldBe(HttpStatusCode.TooManyRequests);
    }

    private static string EnglishText(string key)
    {
        var (culture, ui) = (System.Globalization.CultureInfo.CurrentCulture, System.Globalization.CultureInfo.CurrentUICulture);
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("en-GB");
            return Passerelle.Web.Localization.Texts.Get(key);
        }
        finally
        {
            (System.Globalization.CultureInfo.CurrentCulture, System.Globalization.CultureInfo.CurrentUICulture) = (culture, ui);
        }
    }
}
