using Microsoft.Playwright;

namespace LiveChat.Web.BrowserTests;

/// <summary>
/// The README's pictures: when LIVECHAT_SCREENSHOTS names a folder, the tests save PNGs of the widget and the inbox there
/// at the moments the README shows (<c>LIVECHAT_SCREENSHOTS=docs/screenshots dotnet test tests/LiveChat.Web.BrowserTests</c>).
/// Otherwise nothing is written, so a test run leaves the work tree as it was.
/// </summary>
internal static class Screenshots
{
    public static async Task SaveAsync(IPage page, string name, ILocator? only = null)
    {
        if (Environment.GetEnvironmentVariable("LIVECHAT_SCREENSHOTS") is not { Length: > 0 } folder)
        {
            return;
        }

        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name + ".png");
        if (only is not null)
        {
            await only.ScreenshotAsync(new LocatorScreenshotOptions { Path = path });
        }
        else
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
        }
    }
}
