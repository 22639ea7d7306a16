using Microsoft.Playwright;

namespace FiveSocieties.IntegrationTests.Web.Browser;

/// <summary>
/// A browser test class of the run's one browser: the pages a test opens are tracked and their
/// contexts closed when it ends, so no test's sign-in or storage outlives it.
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

    public async Task DisposeAsync()
    {
        foreach (var page in _pages) await page.Context.CloseAsync();
    }
}
