using LiveChat.Core.Conversations;
using LiveChat.Core.Identity;

namespace LiveChat.Core.Tests.Scenarios.Email;

/// <summary>E1: "introduce yourself": the agent sees the data in the chat, and it goes through identity resolution.</summary>
public sealed class E1_IntroduceYourselfTests
{
    [Fact]
    public async Task SubmitContactForm_NewVisitor_CreatesALead_AndTheAgentSeesTheDataInTheChat()
    {
        await using var s = new EmailScenario();
        var agent = await s.H.OnlineAgentAsync("alice");
        var started = await s.H.AssignedToAsync(agent);
        var id = started.Conversation.Id;

        var result = await s.Chat.Visitors.SubmitContactFormAsync(s.Workspace, id, started.VisitorToken,
            new ContactForm { Name = "Ana Nováková", Email = "ana@example.com", Phone = "+420 601 123 456" });

        result.Outcome.Should().Be(IdentifyOutcome.Created);
        result.Contact!.Name.Should().Be("Ana Nováková");
        result.Contact.CrmRecord.Should().NotBeNull("a new lead is created for a visitor nobody knows");
        var messages = await s.Chat.Conversations.GetMessagesAsync(s.Workspace, id);
        var shown = messages.Should().ContainSingle(m => m.SystemEvent == SystemEvent.ContactFormSubmitted).Which;
        shown.Text.Should().Contain("Ana Nováková").And.Contain("ana@example.com").And.Contain("+420 601 123 456");
        (await s.Chat.Conversations.GetAsync(s.Workspace, id)).VisitorName.Should().Be("Ana Nováková");
        (await s.Chat.Email.GetRecipientAsync(s.Workspace, id))!.Address.Address.Should().Be("ana@example.com");
    }

    [Fact]
    public async Task SubmitContactForm_KnownClient_AddsTheMissingFieldsToTheClientFound()
    {
        await using var s = new EmailScenario();
        var first = await s.H.StartAsync();
        var known = await s.Chat.Visitors.SubmitContactFormAsync(s.Workspace, first.Conversation.Id, first.VisitorToken,
            new ContactForm { Name = "Ben", Email = "ben@example.com" });
        var second = await s.H.StartAsync();

        var result = await s.Chat.Visitors.SubmitContactFormAsync(s.Workspace, second.Conversation.Id, second.VisitorToken,
            new ContactForm { Name = "Ben", Email = "ben@example.com", Phone = "+420 602 222 333" });

        result.Outcome.Should().Be(IdentifyOutcome.Matched);
        result.Contact!.Id.Should().Be(known.Contact!.Id);
        result.Contact.Conversations.Should().ContainSingle("a typed address never shows the visitor the contact's other conversations");
        var filed = await s.Chat.Identity.FindByConversationAsync(s.Workspace, second.Conversation.Id);
        filed!.Identifiers.Should().Contain(i => i.Identifier.Kind == IdentifierKind.Phone);
        filed.Conversations.Should().HaveCount(2);
    }

    [Fact]
    public async Task SubmitContactForm_MalformedEmail_ThrowsASpecificException_AndChangesNothing()
    {
        await using var s = new EmailScenario();
        var started = await s.H.StartAsync();
        var id = started.Conversation.Id;

        var act = async () => await s.Chat.Visitors.SubmitContactFormAsync(s.Workspace, id, started.VisitorToken,
            new ContactForm { Email = "eve@@example" });

        await act.Should().ThrowAsync<InvalidEmailAddressException>();
        (await s.Chat.Conversations.GetMessagesAsync(s.Workspace, id)).Should().NotContain(m => m.SystemEvent == SystemEvent.ContactFormSubmitted);
        (await s.Chat.Identity.FindByConversationAsync(s.Workspace, id)).Should().BeNull();
        (await s.Chat.Email.GetRecipientAsync(s.Workspace, id)).Should().BeNull();
    }

    [Fact]
    public async Task SubmitContactForm_ValidNameBesideAMalformedEmail_KeepsTheName_ReportsTheEmail_AndSavesNoAddress()
    {
        await using var s = new EmailScenario();
        var started = await s.H.StartAsync();
        var id = started.Conversation.Id;

        var result = await s.Chat.Visitors.SubmitContactFormAsync(s.Workspace, id, started.VisitorToken,
            new ContactForm { Name = "Noor", Email = "noor@@example" });

        result.IgnoredValues.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Field = "email", Raw = "noor@@example" });
        result.Contact!.Name.Should().Be("Noor");
        (await s.Chat.Conversations.GetAsync(s.Workspace, id)).VisitorName.Should().Be("Noor");
        (await s.Chat.Email.GetRecipientAsync(s.Workspace, id)).Should().BeNull("nothing is e-mailed to an address that is not one");
        var shown = (await s.Chat.Conversations.GetMessagesAsync(s.Workspace, id)).Should().ContainSingle(m => m.SystemEvent == SystemEvent.ContactFormSubmitted).Which;
        shown.Text.Should().Contain("Noor").And.NotContain("noor@@example");
    }

    [Fact]
    public async Task SubmitContactForm_EmptyForm_OrWrongToken_IsRefused()
    {
        await using var s = new EmailScenario();
        var started = await s.H.StartAsync();
        var other = await s.H.StartAsync();

        var empty = async () => await s.Chat.Visitors.SubmitContactFormAsync(s.Workspace, started.Conversation.Id, started.VisitorToken, new ContactForm());
        var stranger = async () => await s.Chat.Visitors.SubmitContactFormAsync(s.Workspace, started.Conversation.Id, other.VisitorToken, new ContactForm { Name = "Mallory" });

        await empty.Should().ThrowAsync<ArgumentException>();
        await stranger.Should().ThrowAsync<ConversationNotFoundException>();
    }

    [Fact]
    public async Task SubmitContactForm_HostileName_LosesItsLineBreaks()
    {
        await using var s = new EmailScenario();
        var started = await s.H.StartAsync();

        await s.Chat.Visitors.SubmitContactFormAsync(s.Workspace, started.Conversation.Id, started.VisitorToken,
            new ContactForm { Name = "Eve\r\nBcc: all@example.com <script>alert(1)</script>", Email = "eve@example.com" });

        var name = (await s.Chat.Conversations.GetAsync(s.Workspace, started.Conversation.Id)).VisitorName;
        name.Should().NotContain("\r").And.NotContain("\n");
        (await s.Chat.Email.GetRecipientAsync(s.Workspace, started.Conversation.Id))!.Address.DisplayName.Should().NotContain("\n");
    }

    [Fact]
    public async Task SubmitContactForm_NameFirst_ThenEmailAndPhone_FillsOneContact()
    {
        await using var s = new EmailScenario();
        var started = await s.H.StartAsync();
        var id = started.Conversation.Id;

        var named = await s.Chat.Visitors.SubmitContactFormAsync(s.Workspace, id, started.VisitorToken, new ContactForm { Name = "Chloé" });
        var completed = await s.Chat.Visitors.SubmitContactFormAsync(s.Workspace, id, started.VisitorToken,
            new ContactForm { Name = "Chloé", Email = "chloe@example.com", Phone = "+420 603 444 555" });

        completed.Contact!.Id.Should().Be(named.Contact!.Id);
        completed.Contact.Identifiers.Select(i => i.Identifier.Kind).Should().Contain([IdentifierKind.Email, IdentifierKind.Phone]);
        (await s.Chat.Conversations.GetMessagesAsync(s.Workspace, id)).Count(m => m.SystemEvent == SystemEvent.ContactFormSubmitted).Should().Be(2);
    }
}
