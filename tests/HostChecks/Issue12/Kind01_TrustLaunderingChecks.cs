using FluentAssertions;
using LiveChat.Core.Conversations;
using LiveChat.Core.Identity;
using Xunit;

namespace LiveChat.Issue12.Checks;

/// <summary>
/// Kind 1: a typed value must not lend its match to an identifier linked beside it. History is shown only on
/// proof that the channel or the host established for that very person.
/// </summary>
public class Kind01_TrustLaunderingChecks
{
    /// <summary>The issue's own example, run on any store.</summary>
    internal static async Task IssueExample(TestHost host, bool restartBeforeC = false)
    {
        var a = await host.ChatAsync("webchat", handle: "v-1", name: "Marie", email: "marie@example.fr");
        var b = await host.ChatAsync("webchat", handle: "v-2", email: "marie@example.fr");
        b.Result.HistoryVisibleToVisitor.Should().BeFalse("B only typed Marie's e-mail");
        (await host.HistoryAsync(b.Id)).Should().NotContain(a.Id);

        var current = host;
        TestHost? restarted = null;
        if (restartBeforeC) current = restarted = host.Restart();
        try
        {
            var c = await current.ChatAsync("webchat", handle: "v-2");
            (await current.HistoryAsync(c.Id)).Should().NotContain(a.Id,
                "v-2 was linked to Marie's contact only on the strength of a typed e-mail");
            if (c.Result.Contact is { } contact && contact.Conversations.Any(x => x.ConversationId == a.Id))
            {
                var attached = contact.Conversations.Single(x => x.ConversationId == c.Id);
                attached.Verification.Should().Be(VerificationLevel.SelfAsserted,
                    "a match resting on a typed e-mail is never trusted above self-asserted");
                c.Result.HistoryVisibleToVisitor.Should().BeFalse();
            }
        }
        finally
        {
            if (restarted is not null) await restarted.DisposeAsync();
        }
    }

    [Fact]
    public async Task TrustLaundering_IssueExample_InMemory()
    {
        await using var host = TestHost.Create();
        await IssueExample(host);
    }

    [Fact]
    public async Task TrustLaundering_IssueExample_Sqlite_AcrossRestart()
    {
        var file = TempDb.NewFile();
        await using var host = TestHost.CreateSqlite(file);
        await IssueExample(host, restartBeforeC: true);
    }

    [PostgresFact]
    public async Task TrustLaundering_IssueExample_PostgreSql()
    {
        await using var host = TestHost.CreatePostgres(Environment.GetEnvironmentVariable("LIVECHAT_POSTGRES")!,
            "i12-" + Guid.NewGuid().ToString("N")[..10]);
        await IssueExample(host, restartBeforeC: true);
    }

    [Theory]
    [InlineData("instagram", "phone")]
    [InlineData("telegram", "email")]
    [InlineData("whatsapp", "phone")]
    [InlineData("facebook", "email")]
    [InlineData("webchat", "phone")]
    public async Task TrustLaundering_OnEveryChannel_AndThroughPhoneOrEmail(string channel, string via)
    {
        await using var host = TestHost.Create();
        var victim = await host.ChatAsync("instagram", handle: "ig-victim", name: "Victoria Lemaire",
            email: "victoria.lemaire@example.fr", phone: "+33 6 12 34 56 78");
        // The impostor's own channel account types the victim's value once...
        var typed = via == "phone"
            ? await host.ChatAsync(channel, handle: "mallory-1", phone: "06 12 34 56 78")
            : await host.ChatAsync(channel, handle: "mallory-1", email: "Victoria.Lemaire@example.fr");
        (await host.HistoryAsync(typed.Id)).Should().NotContain(victim.Id);
        // ... then comes back with the handle alone.
        var back = await host.ChatAsync(channel, handle: "mallory-1");
        (await host.HistoryAsync(back.Id)).Should().NotContain(victim.Id,
            $"the {channel} handle was linked on a typed {via} only");
    }

    [Fact]
    public async Task TrustLaundering_HandleFirst_ThenContactForm_ThenHandleAlone()
    {
        await using var host = TestHost.Create();
        var victim = await host.ChatAsync("webchat", handle: "v-victim", name: "Marie Curie", email: "marie@example.fr");

        // The attacker's browser is identified first, then the visitor types the victim's e-mail in the form.
        var (b, bToken) = await host.StartAsync();
        await host.IdentifyAsync(b, handle: "v-attacker");
        await host.Chat.Visitors.SubmitContactFormAsync(host.Ws, b, bToken, new ContactForm { Email = "marie@example.fr" });
        (await host.HistoryAsync(b)).Should().NotContain(victim.Id);

        var c = await host.ChatAsync("webchat", handle: "v-attacker");
        (await host.HistoryAsync(c.Id)).Should().NotContain(victim.Id);
    }

    [Fact]
    public async Task TrustLaundering_TwoHops_TypedEmailThenTypedPhoneThenHandle()
    {
        // v-2 types the victim's e-mail, then (same conversation) an attacker phone; another handle types that
        // phone; that handle then comes back alone. Nothing in the chain was proven for the victim.
        await using var host = TestHost.Create();
        var victim = await host.ChatAsync("webchat", handle: "v-1", name: "Marie", email: "marie@example.fr");
        var hop1 = await host.ChatAsync("webchat", handle: "v-2", email: "marie@example.fr", phone: "+33 7 55 44 33 22");
        var hop2 = await host.ChatAsync("telegram", handle: "tg-9", phone: "07 55 44 33 22");
        var back = await host.ChatAsync("telegram", handle: "tg-9");
        foreach (var c in new[] { hop1.Id, hop2.Id, back.Id })
            (await host.HistoryAsync(c)).Should().NotContain(victim.Id);
    }

    [Fact]
    public async Task TrustLaundering_LegitimateChannelProof_StillShowsHistory()
    {
        // Positive control: the same Instagram account coming back does see its own history.
        await using var host = TestHost.Create();
        var first = await host.ChatAsync("instagram", handle: "ig-77", name: "Léa");
        var again = await host.ChatAsync("instagram", handle: "ig-77");
        (await host.HistoryAsync(again.Id)).Should().Contain(first.Id);
    }

    [Fact]
    public async Task TrustLaundering_HostVerifiedUser_SeesOwnHistory_ButTypedEmailDoesNotUnlockIt()
    {
        await using var host = TestHost.Create(new IdentitySettings { DefaultRegion = "FR", HostSecret = "s3cret-key-for-tests" });
        var (a, _) = await host.StartAsync();
        await host.Chat.Identity.IdentifyAsync(host.Ws, new IdentifyRequest
        {
            ConversationId = a, ExternalUserId = "user-42", ExternalUserSignature = HostVerification.Sign("s3cret-key-for-tests", "user-42"),
            Name = "Marie", Email = "marie@example.fr",
        });
        var (b, _) = await host.StartAsync();
        await host.Chat.Identity.IdentifyAsync(host.Ws, new IdentifyRequest
        {
            ConversationId = b, ExternalUserId = "user-42", ExternalUserSignature = HostVerification.Sign("s3cret-key-for-tests", "user-42"),
        });
        (await host.HistoryAsync(b)).Should().Contain(a, "the host proved who this is");

        var laundered = await host.ChatAsync("webchat", handle: "v-x", email: "marie@example.fr");
        var back = await host.ChatAsync("webchat", handle: "v-x");
        (await host.HistoryAsync(laundered.Id)).Should().NotContain(a);
        (await host.HistoryAsync(back.Id)).Should().NotContain(a).And.NotContain(b);
    }
}
