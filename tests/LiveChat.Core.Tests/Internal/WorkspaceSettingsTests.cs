using LiveChat.Core.Internal;
using LiveChat.Core.Playbooks;
using Microsoft.Extensions.Time.Testing;

namespace LiveChat.Core.Tests.Internal;

/// <summary>
/// The workspace settings cache behind every localized system text and time zone (features P2, E5, X3): the synchronous
/// readers on the request path never wait for the store once the workspace is known.
/// </summary>
public sealed class WorkspaceSettingsTests : IDisposable
{
    private static readonly WorkspaceId Acme = new("acme");
    private static readonly TimeSpan CacheDuration = TimeSpan.FromSeconds(5);
    private readonly FakeTimeProvider _time = new();
    private readonly BackgroundWork _work;
    private readonly GatedWorkspaceSettingsStore _store = new();

    public WorkspaceSettingsTests() => _work = new BackgroundWork(_time, Microsoft.Extensions.Logging.Abstractions.NullLogger<BackgroundWork>.Instance);

    public void Dispose() => _work.Dispose();

    private static string VisitorKey => WorkspaceSettingsJson.TextKey("en", Texts.SystemText.Visitor);

    [Fact]
    public async Task Get_StaleCopyAndSlowStore_ServesTheCopyAndRefreshesOffTheCallersPath()
    {
        var settings = new WorkspaceSettings(_store, new InMemoryPlaybookStore(), _work, CacheDuration);
        await SetVisitorTextAsync(settings, "Guest");
        var other = new WorkspaceSettings(_store, new InMemoryPlaybookStore(), _work, CacheDuration);
        other.Get(Acme).Texts.Should().ContainKey(VisitorKey);
        await SetVisitorTextAsync(settings, "Caller");
        _time.Advance(CacheDuration);
        var reads = _store.Reads;
        _store.Hold();
        try
        {
            var served = await Task.Run(() => other.Get(Acme)).WaitAsync(TimeSpan.FromSeconds(30));
            var again = await Task.Run(() => other.Get(Acme)).WaitAsync(TimeSpan.FromSeconds(30));

            served.Texts[VisitorKey].Should().Be("Guest", "the stale copy is served while the store is slow");
            again.Texts[VisitorKey].Should().Be("Guest");
            _store.Reads.Should().Be(reads + 1, "one refresh is in flight however many readers ask");
        }
        finally
        {
            _store.Release();
        }

        (await other.GetAsync(Acme, CancellationToken.None)).Texts[VisitorKey].Should().Be("Caller");
    }

    [Fact]
    public void Get_FreshCopy_NeverReadsTheStore()
    {
        var settings = new WorkspaceSettings(_store, new InMemoryPlaybookStore(), _work, CacheDuration);
        settings.Get(Acme);
        var reads = _store.Reads;

        for (var i = 0; i < 1000; i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(4));
            settings.Get(Acme);
        }

        _store.Reads.Should().Be(reads, "4 s of reads stay within the 5 s cache duration");
    }

    private static async Task SetVisitorTextAsync(WorkspaceSettings settings, string text)
        => await settings.SaveAsync(Acme, WorkspaceSettingsJson.Texts, stored => WorkspaceSettingsJson.Write(stored.Texts.SetItem(VisitorKey, text)), CancellationToken.None);
}
