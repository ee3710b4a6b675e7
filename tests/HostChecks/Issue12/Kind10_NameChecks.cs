using FluentAssertions;
using LiveChat.Core.Conversations;
using LiveChat.Core.Crm;
using Xunit;

namespace LiveChat.Issue12.Checks;

/// <summary>Kind 10: an unset name (the "Visitor" placeholder) is filled by a real name, not proposed.</summary>
public class Kind10_NameChecks
{
    private static async Task<string?> CrmNameAsync(TestHost host, LiveChat.Core.Identity.Contact contact)
    {
        if (contact.CrmRecord is not { } id) return null;
        var view = await host.Chat.Crm.ViewAsync(host.Ws, id);
        return view.Record.Name;
    }

    [Fact]
    public async Task Names_RealNameLater_FillsContactAndCrmLead()
    {
        await using var host = TestHost.Create();
        var (c, _) = await host.StartAsync();
        await host.IdentifyAsync(c, handle: "v-nameless", email: "zoe.bernard@example.fr");
        var later = await host.IdentifyAsync(c, handle: "v-nameless", name: "Zoé Bernard");
        later.ProposedChanges.Should().NotContain(p => p.Name == "name", "an unset name is filled, not proposed");
        later.Contact!.Name.Should().Be("Zoé Bernard");
        (await CrmNameAsync(host, later.Contact)).Should().Be("Zoé Bernard", "the CRM lead does not stay 'Visitor'");
    }

    [Fact]
    public async Task Names_RealNameLater_InAnotherConversation_Fills()
    {
        await using var host = TestHost.Create();
        var first = await host.ChatAsync("instagram", handle: "ig-nameless");
        var second = await host.ChatAsync("instagram", handle: "ig-nameless", name: "Zoé Bernard");
        second.Result.Contact!.Id.Should().Be(first.Result.Contact!.Id);
        second.Result.Contact.Name.Should().Be("Zoé Bernard");
        (await CrmNameAsync(host, second.Result.Contact)).Should().Be("Zoé Bernard");
    }

    [Fact]
    public async Task Names_RealNameLater_ThroughTheContactForm_Fills()
    {
        await using var host = TestHost.Create();
        var (c, token) = await host.StartAsync();
        await host.IdentifyAsync(c, handle: "v-form-nameless", phone: "06 12 34 56 70");
        await host.Chat.Visitors.SubmitContactFormAsync(host.Ws, c, token, new ContactForm { Name = "Zoé Bernard" });
        var contact = await host.Chat.Identity.FindByConversationAsync(host.Ws, c);
        contact!.Name.Should().Be("Zoé Bernard");
        (await CrmNameAsync(host, contact)).Should().Be("Zoé Bernard");
    }

    [Fact]
    public async Task Names_VisitorTypingVisitor_IsNotARealName_ThenRealNameFills()
    {
        await using var host = TestHost.Create();
        var (c, _) = await host.StartAsync();
        await host.IdentifyAsync(c, handle: "v-vv", name: "Visitor");
        var later = await host.IdentifyAsync(c, handle: "v-vv", name: "Zoé Bernard");
        later.Contact!.Name.Should().Be("Zoé Bernard");
    }

    [Fact]
    public async Task Names_RealNameIsNeverOverwrittenSilently()
    {
        // Control (I3): a differing real name is still a proposal.
        await using var host = TestHost.Create();
        var (c, _) = await host.StartAsync();
        await host.IdentifyAsync(c, handle: "v-named", name: "Zoé Bernard");
        var later = await host.IdentifyAsync(c, handle: "v-named", name: "Zoe B.");
        later.Contact!.Name.Should().Be("Zoé Bernard");
        later.ProposedChanges.Should().Contain(p => p.Name == "name");
    }
}
