using Microsoft.Playwright;

namespace FiveSocieties.IntegrationTests.Web.Browser;

/// <summary>
/// A browser test class of the run's one browser: the pages a test opens are tracked and their
/// contexts closed when it ends, so no test's sign-in or storage outlives it; and the personal data
/// they were shown is checked against the access audit.
/// </summary>
public abstract class BrowserTestClass : IAsyncLifetime
{
    private readonly List<IPage> _pages = [];

    /// <summary>The page, closed with its context when the test ends.</summary>
    protected IPage Track(IPage page)
    {
        _pages.Add(page);
        return page;
    }

    public virtual Task InitializeAsync() => Task.CompletedTask;

    /// <summary>
    /// Closes the test's pages, after checking that every answer which showed someone's personal
    /// data to them was recorded on the access audit by the request itself: as many audited as shown.
    /// </summary>
    public async Task DisposeAsync()
    {
        var reads = _pages.Select(p => p.Context).Distinct().Select(PersonalReads.Of).ToList();
        foreach (var page in _pages) await page.Context.CloseAsync();
        reads.SelectMany(r => r.Unaudited).ShouldBeEmpty("personal data shown to the browser without a record on the access audit");
        reads.Sum(r => r.Audited).ShouldBe(reads.Sum(r => r.Shown));
    }
}
