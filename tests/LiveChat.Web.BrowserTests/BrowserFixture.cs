using Microsoft.Playwright;

namespace LiveChat.Web.BrowserTests;

/// <summary>
/// One headless chromium for the whole test run (Debian's package, driven by Playwright through its executable path; no
/// browser download, no network beyond 127.0.0.1). Each test opens its own contexts, so visitors and agents never share
/// cookies. LIVECHAT_CHROMIUM overrides the path.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("LIVECHAT_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            // Root in a container has no user namespace sandbox; the pages are our own, served from 127.0.0.1.
            Args = ["--no-sandbox"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class SharedBrowser : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
