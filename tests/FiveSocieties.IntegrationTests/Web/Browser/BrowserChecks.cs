using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using FiveSocieties.IntegrationTests.Infrastructure;
using Microsoft.Playwright;

namespace FiveSocieties.IntegrationTests.Web.Browser;

/// <summary>What every browser test class checks of a page the same way: axe-core, and its picture for the docs.</summary>
public static class BrowserChecks
{
    /// <summary>Fails naming each serious or critical axe-core violation on the page, with the elements it found.</summary>
    public static async Task ExpectNoSeriousAccessibilityViolationsAsync(IPage page, string where, bool elderMode)
    {
        // A dialog still fading in is checked at its final colours: axe would measure contrast through the fade.
        await page.WaitForFunctionAsync(
            "() => document.getAnimations().every(a => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity)");
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        if (serious.Count > 0)
            throw new Xunit.Sdk.XunitException(
                $"{serious.Count} serious or critical axe-core violations on {where}{(elderMode ? " (elder mode)" : "")}:\n{Describe(serious)}");
    }

    private static string Describe(IEnumerable<AxeResultItem> violations) => string.Join("\n", violations.Select(v =>
        $"{v.Impact} {v.Id}: {v.Help}\n" + string.Join("\n", v.Nodes.Select(n => $"    {n.Target} {n.Html}"))));

    /// <summary>The whole page into docs/screenshots/<paramref name="file"/>, animations finished and the caret hidden: the same page is the same picture.</summary>
    public static async Task PhotographAsync(IPage page, string file)
    {
        var folder = Path.Combine(Repository.Root, "docs", "screenshots");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, file);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true, Animations = ScreenshotAnimations.Disabled, Caret = ScreenshotCaret.Hide });
        new FileInfo(path).Length.ShouldBeGreaterThan(10_000);
    }
}
