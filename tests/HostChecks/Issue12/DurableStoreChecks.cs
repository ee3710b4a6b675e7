using FluentAssertions;
using LiveChat.Core.Conversations;
using LiveChat.Core.Identity;
using Xunit;

namespace LiveChat.Issue12.Checks;

/// <summary>
/// The same rules on the durable stores, across a restart: the identity graph is replayed from the store's log,
/// so a rule that only lives in memory would be lost. PostgreSQL runs only when LIVECHAT_POSTGRES is set.
/// </summary>
public class DurableStoreChecks
{
    private static string Pg => Environment.GetEnvironmentVariable("LIVECHAT_POSTGRES")!;
    private static string NewPgWorkspace() => "i12-" + Guid.NewGuid().ToString("N")[..10];

    internal static async Task LateIdentifierAcrossRestart(TestHost host)
    {
        var a = await host.ChatAsync("whatsapp", handle: "wa-d1", name: "Ana Souza", phone: "+33 6 11 22 33 44");
        var (b, _) = await host.StartAsync("instagram");
        await host.IdentifyAsync(b, handle: "ig-d1", name: "Ana Souza");
        await using var after = host.Restart();
        await after.IdentifyAsync(b, handle: "ig-d1", phone: "06 11 22 33 44");
        (await after.ContactOfAsync(b)).Should().Be(a.Result.Contact!.Id);
        var c = await after.ChatAsync("webchat", phone: "+33611223344");
        (await after.ContactOfAsync(c.Id)).Should().Be(a.Result.Contact!.Id);
        (await after.HoldersAsync(IdentifierKind.Phone, "+33611223344")).Should().ContainSingle();
    }

    internal static async Task ContactFormLeakAcrossRestart(TestHost host)
    {
        var victim = await host.ChatAsync("instagram", handle: "ig-dv", name: "Victoria Lemaire", email: "victoria@example.fr", phone: "+33 6 12 34 56 78");
        await using var after = host.Restart();
        var (c, token) = await after.StartAsync();
        object? returned = await after.Chat.Visitors.SubmitContactFormAsync(after.Ws, c, token, new ContactForm { Email = "victoria@example.fr" });
        var dump = TestHost.Dump(returned);
        dump.Should().NotContain("Victoria").And.NotContain("612345678").And.NotContain(victim.Id.Value.ToString());
        (await after.HistoryAsync(c)).Should().NotContain(victim.Id);
    }

    internal static async Task DormantHandleAcrossRestart(TestHost host)
    {
        var old = await host.ChatAsync("whatsapp", handle: "33698765499", name: "Paul Martin", phone: "+33 6 98 76 54 99");
        host.Time.Advance(TimeSpan.FromDays(400));
        await using var after = host.Restart();
        var newcomer = await after.ChatAsync("whatsapp", handle: "33698765499", name: "Sophie Leroy");
        (await after.HistoryAsync(newcomer.Id)).Should().NotContain(old.Id);
    }

    [Fact]
    public async Task Sqlite_LateIdentifier_AcrossRestart()
    {
        await using var host = TestHost.CreateSqlite(TempDb.NewFile());
        await LateIdentifierAcrossRestart(host);
    }

    [Fact]
    public async Task Sqlite_ContactFormLeak_AcrossRestart()
    {
        await using var host = TestHost.CreateSqlite(TempDb.NewFile());
        await ContactFormLeakAcrossRestart(host);
    }

    [Fact]
    public async Task Sqlite_DormantHandle_AcrossRestart()
    {
        await using var host = TestHost.CreateSqlite(TempDb.NewFile());
        await DormantHandleAcrossRestart(host);
    }

    [Fact]
    public async Task Sqlite_PlaceholderAndUnicodePhone_NoException()
    {
        await using var host = TestHost.CreateSqlite(TempDb.NewFile());
        var (c, _) = await host.StartAsync();
        var act = async () => await host.IdentifyAsync(c, handle: "v-s", name: "Ada", email: "n/a", phone: "٠٦١٢٣٤٥٦٧٨");
        await act.Should().NotThrowAsync();
        await using var after = host.Restart();
        var contact = await after.Chat.Identity.FindByConversationAsync(after.Ws, c);
        contact!.Identifiers.Should().Contain(l => l.Identifier.Kind == IdentifierKind.Phone && l.Identifier.Value == "+33612345678");
    }

    [PostgresFact]
    public async Task PostgreSql_LateIdentifier_AcrossRestart()
    {
        await using var host = TestHost.CreatePostgres(Pg, NewPgWorkspace());
        await LateIdentifierAcrossRestart(host);
    }

    [PostgresFact]
    public async Task PostgreSql_ContactFormLeak_AcrossRestart()
    {
        await using var host = TestHost.CreatePostgres(Pg, NewPgWorkspace());
        await ContactFormLeakAcrossRestart(host);
    }

    [PostgresFact]
    public async Task PostgreSql_DormantHandle_AcrossRestart()
    {
        await using var host = TestHost.CreatePostgres(Pg, NewPgWorkspace());
        await DormantHandleAcrossRestart(host);
    }
}
