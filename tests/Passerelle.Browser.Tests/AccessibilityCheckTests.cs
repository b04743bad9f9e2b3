using Passerelle.Browser.Tests.Infrastructure;
using Xunit.Sdk;

namespace Passerelle.Browser.Tests;

/// <summary>The accessibility check of the journeys is only worth something if it can fail.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class AccessibilityCheckTests(BrowserApp app)
{
    [Fact]
    public async Task The_accessibility_check_fails_and_names_the_rule_and_the_element_on_a_page_with_an_unlabelled_field()
    {
        await using var browser = await app.OpenBrowserAsync();
        var page = browser.Page;
        await page.GotoAsync("/Account/Login");
        await page.EvaluateAsync("() => document.querySelector('main').insertAdjacentHTML('beforeend', '<input id=\"unlabelled-field\" type=\"text\">')");

        var failure = await Should.ThrowAsync<XunitException>(() => Axe.AssertAccessibleAsync(page, "a broken page"));

        failure.Message.ShouldContain("label");
        failure.Message.ShouldContain("#unlabelled-field");
    }
}
