using FluentAssertions;
using LiveChat.Core.Identity;
using Xunit;

namespace LiveChat.Issue12.Checks;

/// <summary>
/// Kind 3: an identifier that arrives late must still match, and matching must never turn a value one contact owns
/// into a shared value.
/// </summary>
public class Kind03_LateIdentifierChecks
{
    [Fact]
    public async Task LateIdentifier_IssueExample_AllThreeConversationsOnOneContact()
    {
        await using var host = TestHost.Create();
        var a = await host.ChatAsync("whatsapp", handle: "wa-33611223344", name: "Ana Souza", phone: "+33 6 11 22 33 44");
        var k1 = a.Result.Contact!.Id;

        var (b, _) = await host.StartAsync("instagram");
        var bFirst = await host.IdentifyAsync(b, handle: "ig-ana", name: "Ana Souza");
        var k2 = bFirst.Contact!.Id;
        k2.Should().NotBe(k1, "a name alone matches nobody");

        await host.IdentifyAsync(b, handle: "ig-ana", phone: "06 11 22 33 44");
        (await host.ContactOfAsync(b)).Should().Be(k1,
            "a contact holding only a fresh handle and a name gives way to an exact match on a personal value");
        (await host.HoldersAsync(IdentifierKind.Phone, "+33611223344")).Should().ContainSingle(
            "automatic resolution never turns a value one contact owns into a shared value");

        var c = await host.ChatAsync("webchat", phone: "+33611223344");
        (await host.ContactOfAsync(c.Id)).Should().Be(k1, "the web chat's phone must find Ana, not a third contact");
        (await host.HoldersAsync(IdentifierKind.Phone, "+33611223344")).Should().ContainSingle();
    }

    [Theory]
    [InlineData("telegram", "email", "ana.souza@example.com", "ANA.SOUZA@example.com")]
    [InlineData("facebook", "phone", "+33 6 11 22 33 44", "0611223344")]
    [InlineData("webchat", "email", "ana.souza@example.com", " ana.souza@example.com ")]
    public async Task LateIdentifier_AnyChannel_AnyPersonalValue(string lateChannel, string kind, string first, string late)
    {
        await using var host = TestHost.Create();
        var a = kind == "email"
            ? await host.ChatAsync("whatsapp", handle: "wa-1", name: "Ana Souza", email: first)
            : await host.ChatAsync("whatsapp", handle: "wa-1", name: "Ana Souza", phone: first);
        var (b, _) = await host.StartAsync(lateChannel);
        await host.IdentifyAsync(b, handle: "late-1", name: "Ana");
        if (kind == "email") await host.IdentifyAsync(b, handle: "late-1", email: late);
        else await host.IdentifyAsync(b, handle: "late-1", phone: late);
        (await host.ContactOfAsync(b)).Should().Be(a.Result.Contact!.Id);
        var value = kind == "email" ? "ana.souza@example.com" : "+33611223344";
        var k = kind == "email" ? IdentifierKind.Email : IdentifierKind.Phone;
        (await host.HoldersAsync(k, value)).Should().ContainSingle();
    }

    [Fact]
    public async Task LateIdentifier_ViaContactForm_MovesTheConversation()
    {
        await using var host = TestHost.Create();
        var a = await host.ChatAsync("whatsapp", handle: "wa-2", name: "Ana Souza", phone: "+33 6 11 22 33 44");
        var (b, token) = await host.StartAsync("webchat");
        await host.IdentifyAsync(b, handle: "v-fresh");
        await host.Chat.Visitors.SubmitContactFormAsync(host.Ws, b, token,
            new LiveChat.Core.Conversations.ContactForm { Name = "Ana Souza", Phone = "06 11 22 33 44" });
        (await host.ContactOfAsync(b)).Should().Be(a.Result.Contact!.Id);
        (await host.HoldersAsync(IdentifierKind.Phone, "+33611223344")).Should().ContainSingle();
    }

    [Fact]
    public async Task LateIdentifier_MoveIsLogged()
    {
        await using var host = TestHost.Create();
        var a = await host.ChatAsync("whatsapp", handle: "wa-3", name: "Ana Souza", phone: "+33 6 11 22 33 44");
        var (b, _) = await host.StartAsync("instagram");
        var k2 = (await host.IdentifyAsync(b, handle: "ig-3", name: "Ana Souza")).Contact!.Id;
        var before = (await host.Chat.Identity.GetLogAsync(host.Ws)).Count;
        await host.IdentifyAsync(b, handle: "ig-3", phone: "06 11 22 33 44");
        (await host.ContactOfAsync(b)).Should().Be(a.Result.Contact!.Id, "the conversation moves to Ana's contact");
        var after = (await host.Chat.Identity.GetLogAsync(host.Ws)).Skip(before).ToList();
        after.Should().Contain(e => e.Concerns(k2) && e.Concerns(a.Result.Contact!.Id) && e.GetType() != typeof(SuggestionRaised),
            "the move of the conversation from the name-only contact to Ana's is logged as a change naming both contacts");
    }

    [Fact]
    public async Task LateIdentifier_ContradictingEvidence_NeverCopiesTheOwnedValue()
    {
        // B has its own personal e-mail and another first name: not a contact that "gives way".
        // Whatever happens (suggestion or not), the phone Ana owns never becomes shared silently.
        await using var host = TestHost.Create();
        var a = await host.ChatAsync("whatsapp", handle: "wa-4", name: "Ana Souza", phone: "+33 6 11 22 33 44");
        var (b, _) = await host.StartAsync("instagram");
        await host.IdentifyAsync(b, handle: "ig-4", name: "Paulo Souza", email: "paulo.souza@example.com");
        var late = await host.IdentifyAsync(b, handle: "ig-4", phone: "06 11 22 33 44");
        var holders = await host.HoldersAsync(IdentifierKind.Phone, "+33611223344");
        holders.Should().ContainSingle("a value one contact owns is never turned into a shared value automatically");
        if (await host.ContactOfAsync(b) != a.Result.Contact!.Id)
            late.Suggestions.Should().NotBeEmpty("the agent must be told about the possible duplicate");
    }

    [Fact]
    public async Task LateIdentifier_OrderOfArrival_DoesNotChangeTheOutcome()
    {
        // Same facts, two orders: phone first then name, and name first then phone.
        await using var host = TestHost.Create();
        var a = await host.ChatAsync("whatsapp", handle: "wa-5", name: "Ana Souza", phone: "+33 6 11 22 33 44");
        var (b1, _) = await host.StartAsync("instagram");
        await host.IdentifyAsync(b1, handle: "ig-5a", phone: "06 11 22 33 44");
        await host.IdentifyAsync(b1, handle: "ig-5a", name: "Ana Souza");
        var (b2, _) = await host.StartAsync("instagram");
        await host.IdentifyAsync(b2, handle: "ig-5b", name: "Ana Souza");
        await host.IdentifyAsync(b2, handle: "ig-5b", phone: "06 11 22 33 44");
        (await host.ContactOfAsync(b1)).Should().Be(a.Result.Contact!.Id);
        (await host.ContactOfAsync(b2)).Should().Be(a.Result.Contact!.Id);
    }
}
