using FluentAssertions;
using LiveChat.Core.Conversations;
using LiveChat.Core.Email;
using LiveChat.Core.Identity;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace LiveChat.Issue12.Checks;

/// <summary>
/// Kind 8: one canonical (IDNA) form of the domain for matching and sending; one address check shared by
/// identity, forms and e-mail.
/// </summary>
public class Kind08_InternationalizedEmailChecks
{
    [Fact]
    public async Task IdnEmail_ContactForm_AcceptsUnicodeDomain_KeepsTheForm()
    {
        await using var host = TestHost.Create();
        var (c, token) = await host.StartAsync();
        var act = async () => await host.Chat.Visitors.SubmitContactFormAsync(host.Ws, c, token,
            new ContactForm { Name = "Jana Nováková", Email = "jana@bücher.example", Phone = "+420 601 123 456" });
        await act.Should().NotThrowAsync();
        var contact = await host.Chat.Identity.FindByConversationAsync(host.Ws, c);
        contact!.Name.Should().Be("Jana Nováková");
        contact.Identifiers.Should().Contain(l => l.Identifier.Kind == IdentifierKind.Email);
        contact.Identifiers.Should().Contain(l => l.Identifier.Kind == IdentifierKind.Phone);
    }

    [Theory]
    [InlineData("jana@bücher.example", "jana@xn--bcher-kva.example")]
    [InlineData("jana@xn--bcher-kva.example", "JANA@BÜCHER.EXAMPLE")]
    [InlineData("jana@bu\u0308cher.example", "jana@b\u00FCcher.example")] // decomposed vs precomposed ü
    public async Task IdnEmail_UnicodeAndPunycode_AreOneContact(string first, string second)
    {
        await using var host = TestHost.Create();
        var a = await host.ChatAsync("webchat", handle: "v-j1", name: "Jana", email: first);
        var b = await host.ChatAsync("telegram", handle: "tg-j1", name: "Jana", email: second);
        (await host.ContactOfAsync(b.Id)).Should().Be(a.Result.Contact!.Id);
    }

    [Fact]
    public void IdnEmail_OneCanonicalMatchingValue()
    {
        var unicode = ContactIdentifier.Email("jana@bücher.example");
        var ascii = ContactIdentifier.Email("jana@xn--bcher-kva.example");
        unicode.Value.Should().Be(ascii.Value);
        unicode.SameAs(ascii).Should().BeTrue();
    }

    [Fact]
    public void IdnEmail_LookalikeDomain_IsNotFolded()
    {
        // Hostile: bücher and bucher are different domains.
        var a = ContactIdentifier.Email("jana@bücher.example");
        var b = ContactIdentifier.Email("jana@bucher.example");
        a.SameAs(b).Should().BeFalse();
    }

    [Fact]
    public void IdnEmail_OneAddressCheck_SharedByEmailAndIdentity()
    {
        EmailAddress.IsValid("jana@bücher.example").Should().BeTrue("the e-mail side accepts what identity accepts");
        var act = () => EmailAddress.Create("jana@bücher.example", "Jana");
        act.Should().NotThrow();
        foreach (var bad in new[] { "jana@@bücher.example", "jana@", "@bücher.example", "jana bücher.example" })
        {
            EmailAddress.IsValid(bad).Should().BeFalse(bad);
            var id = () => ContactIdentifier.Email(bad);
            id.Should().Throw<ArgumentException>(bad);
        }
    }

    [Fact]
    public async Task IdnEmail_TranscriptCanBeSentToAnIdnAddress_InAsciiForm()
    {
        var transport = new InMemoryEmailTransport();
        var services = new ServiceCollection();
        services.AddLiveChat().UseEmailTransport(_ => transport);
        await using var provider = services.BuildServiceProvider();
        var chat = provider.GetRequiredService<LiveChat.Core.LiveChatEngine>();
        var ws = new LiveChat.Core.WorkspaceId("acme");
        chat.Email.Configure(ws, new EmailSettings { Sender = EmailAddress.Create("support@acme.example", "ACME") });
        var started = await chat.Conversations.StartAsync(ws);
        await chat.Visitors.PostAsync(ws, started.Conversation.Id, started.VisitorToken, "Dobrý den");
        await chat.Visitors.SubmitContactFormAsync(ws, started.Conversation.Id, started.VisitorToken,
            new ContactForm { Name = "Jana", Email = "jana@bücher.example" });
        await chat.Visitors.SendTranscriptAsync(ws, started.Conversation.Id, started.VisitorToken);
        await chat.Email.DispatchDueAsync(); // waits for a pass in flight, then delivers what is due
        transport.Sent.Should().ContainSingle();
        transport.Sent[0].To.Address.Should().BeOneOf("jana@xn--bcher-kva.example", "jana@bücher.example");
    }
}
