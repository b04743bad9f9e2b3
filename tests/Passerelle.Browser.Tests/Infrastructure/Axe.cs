using System.Text;
using System.Text.Json;

namespace Passerelle.Browser.Tests.Infrastructure;

/// <summary>
/// Checks the current page with axe-core (read from the repository's node_modules, injected into the
/// page) against WCAG 2.1 A and AA, and fails on any violation of impact "serious" or "critical".
/// </summary>
internal static class Axe
{
    private static readonly Lazy<string> Script = new(() =>
        File.ReadAllText(Path.Combine(RepositoryRoot.Path, "node_modules", "axe-core", "axe.min.js")));

    private const string Run = """
        async () => {
            const result = await axe.run(document, {
                runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
                resultTypes: ['violations'],
            });
            return result.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => ({
                    id: v.id,
                    impact: v.impact,
                    help: v.help,
                    nodes: v.nodes.map(n => n.target.join(' ') + ' — ' + (n.failureSummary || '').replace(/\s+/g, ' ')),
                }));
        }
        """;

    /// <summary>Fails the test, listing the violations (id, help, target nodes), when <paramref name="page"/> has serious or critical ones.</summary>
    public static async Task AssertAccessibleAsync(IPage page, string what)
    {
        await page.WaitForLoadStateAsync(LoadState.Load);
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe !== 'undefined'"))
        {
            await page.AddScriptTagAsync(new PageAddScriptTagOptions { Content = Script.Value });
        }

        var violations = await page.EvaluateAsync<JsonElement>(Run);
        if (violations.GetArrayLength() == 0)
        {
            return;
        }

        var report = new StringBuilder();
        report.Append("axe-core found serious or critical WCAG 2.1 A/AA violations on ").Append(what).Append(" (").Append(page.Url).AppendLine("):");
        foreach (var v in violations.EnumerateArray())
        {
            report.Append("- ").Append(v.GetProperty("id").GetString()).Append(" [").Append(v.GetProperty("impact").GetString()).Append("] ")
                .AppendLine(v.GetProperty("help").GetString());
            foreach (var node in v.GetProperty("nodes").EnumerateArray())
            {
                report.Append("    ").AppendLine(node.GetString());
            }
        }

        Assert.Fail(report.ToString());
    }
}

/// <summary>The folder holding Passerelle.slnx, found by walking up from the test binaries.</summary>
internal static class RepositoryRoot
{
    private static readonly Lazy<string> Found = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Passerelle.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Passerelle.slnx not found above " + AppContext.BaseDirectory);
    });

    public static string Path => Found.Value;
}
