using FluentAssertions;
using LiveChat.Core.Conversations;
using LiveChat.Core.Identity;
using Xunit;

namespace LiveChat.Issue12.Checks;

/// <summary>Kind 9: placeholders typed as values are ignored with a reason, not thrown, and never match anyone.</summary>
public class Kind09_PlaceholderChecks
{
    [Theory]
    [InlineData("null")]
    [InlineData("NULL")]
    [InlineData("n/a")]
    [InlineData("N/A")]
    [InlineData("-")]
    [InlineData("none")]
    [InlineData("undefined")]
    [InlineData("test@test.com")]
    [InlineData("example@example.com")]
    [InlineData("noemail@noemail.com")]
    public async Task Placeholder_TypedAsEmail_IsIgnored_NotThrown_NeverMatches(string placeholder)
    {
        await using var host = TestHost.Create();
        IdentifyResult? r1 = null, r2 = null;
        var (c1, _) = await host.StartAsync();
        var (c2, _) = await host.StartAsync();
        var act1 = async () => r1 = await host.IdentifyAsync(c1, handle: "v-p1", name: "Alice Martin", email: placeholder);
        var act2 = async () => r2 = await host.IdentifyAsync(c2, handle: "v-p2", name: "Bob Durand", email: placeholder);
        await act1.Should().NotThrowAsync();
        await act2.Should().NotThrowAsync();
        (await host.ContactOfAsync(c2)).Should().NotBe(r1!.Contact!.Id);
        TestHost.Dump(r2).Should().Contain(":\"" + placeholder.Trim(), "ignored, with the raw text reported in the result");
    }

    [Theory]
    [InlineData("null")]
    [InlineData("n/a")]
    [InlineData("-")]
    [InlineData("none")]
    [InlineData("0000000000")]
    [InlineData("00 00 00 00 00")]
    [InlineData("+33 0 00 00 00 00")]
    [InlineData("1111111111")]
    public async Task Placeholder_TypedAsPhone_IsIgnored_NotThrown_NeverMatches(string placeholder)
    {
        await using var host = TestHost.Create();
        IdentifyResult? r1 = null, r2 = null;
        var (c1, _) = await host.StartAsync();
        var (c2, _) = await host.StartAsync();
        var act1 = async () => r1 = await host.IdentifyAsync(c1, handle: "v-q1", name: "Alice Martin", phone: placeholder);
        var act2 = async () => r2 = await host.IdentifyAsync(c2, handle: "v-q2", name: "Bob Durand", phone: placeholder);
        await act1.Should().NotThrowAsync();
        await act2.Should().NotThrowAsync();
        (await host.ContactOfAsync(c2)).Should().NotBe(r1!.Contact!.Id);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("n/a")]
    [InlineData("-")]
    public async Task Placeholder_InContactForm_KeepsTheRealFields(string placeholder)
    {
        await using var host = TestHost.Create();
        var (c, token) = await host.StartAsync();
        var act = async () => await host.Chat.Visitors.SubmitContactFormAsync(host.Ws, c, token,
            new ContactForm { Name = "Ada Lovelace", Email = "ada@example.com", Phone = placeholder });
        await act.Should().NotThrowAsync();
        var act2 = async () => await host.Chat.Visitors.SubmitContactFormAsync(host.Ws, c, token,
            new ContactForm { Name = "Ada Lovelace", Email = placeholder, Phone = "06 12 34 56 77" });
        await act2.Should().NotThrowAsync();
        var contact = await host.Chat.Identity.FindByConversationAsync(host.Ws, c);
        contact!.Identifiers.Should().Contain(l => l.Identifier.Value == "ada@example.com");
        contact.Identifiers.Should().Contain(l => l.Identifier.Value == "+33612345677");
    }

    [Theory]
    [InlineData("null")]
    [InlineData("n/a")]
    [InlineData("-")]
    public async Task Placeholder_TypedAsName_DoesNotNameTheLead(string placeholder)
    {
        await using var host = TestHost.Create();
        var r = await host.ChatAsync("webchat", handle: "v-n", name: placeholder, email: "someone@example.com");
        r.Result.Contact!.Name.Should().NotBe(placeholder);
    }
}
