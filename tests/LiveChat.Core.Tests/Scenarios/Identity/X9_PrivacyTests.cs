using System.Text.Encodings.Web;
using System.Text.Json;
using LiveChat.Core.Crm;
using LiveChat.Core.Identity;

namespace LiveChat.Core.Tests.Scenarios.Identity;

/// <summary>X9: export everything held on a contact; erase a contact, keeping only anonymous counts.</summary>
public sealed class X9_PrivacyTests
{
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Fact]
    public async Task Export_GathersTheContact_ItsAuditTrail_Transcripts_AndCrmFeed()
    {
        await using var h = new LiveChatHarness();
        var alice = await h.OnlineAgentAsync("alice");
        var (conversation, token) = await h.AssignedToAsync(alice);
        var contact = (await h.IdentifyAsync(conversation.Id, r => r with { Email = "ada@example.com", Name = "Ada" })).Contact!;
        await h.Chat.Visitors.PostAsync(h.Workspace, conversation.Id, token, "My order is late");
        await h.Chat.Conversations.EndAsync(h.Workspace, conversation.Id, alice);

        await h.SettleAsync(); // the transcript copy to the CRM follows the end off the caller's path
        var export = await h.Chat.Identity.ExportAsync(h.Workspace, contact.Id);

        export.Contact.Id.Should().Be(contact.Id);
        export.AuditTrail.Should().NotBeEmpty().And.OnlyContain(e => e.Concerns(contact.Id));
        export.Transcripts.Should().ContainSingle().Which.Messages.Should().Contain(m => m.Text == "My order is late");
        export.CrmRecord!.Email.Should().Be("ada@example.com");
        export.Activities.Select(a => a.Type).Should().Equal(CrmActivityType.AddedFromChat, CrmActivityType.Chat);
    }

    [Fact]
    public async Task Erase_RemovesIdentifiersMessageTextAndCrmLinks_AndKeepsOnlyAnonymousCounts()
    {
        await using var h = IdentityHarness.French();
        var alice = await h.OnlineAgentAsync("alice");
        var (conversation, token) = await h.AssignedToAsync(alice);
        var contact = (await h.IdentifyAsync(conversation.Id, r => r with { Email = "bea@example.com", Phone = "06 12 34 56 78", Name = "Béa" })).Contact!;
        await h.Chat.Visitors.PostAsync(h.Workspace, conversation.Id, token, "Call me on 06 12 34 56 78");
        await h.Chat.Conversations.PostAgentMessageAsync(h.Workspace, conversation.Id, alice, "Sure Béa");
        var lastSequence = (await h.Chat.Conversations.GetAsync(h.Workspace, conversation.Id)).LastSequence;

        var summary = await h.Chat.Identity.EraseAsync(h.Workspace, contact.Id, "dpo", "GDPR art. 17 request #12");

        summary.Conversations.Should().Be(1);
        summary.Messages.Should().Be(lastSequence);
        var erased = await h.Chat.Identity.GetContactAsync(h.Workspace, contact.Id);
        erased.Erasure.Should().Be(summary);
        erased.Identifiers.Should().BeEmpty();
        erased.Fields.Should().BeEmpty();
        erased.Conversations.Should().BeEmpty();
        erased.CrmRecord.Should().BeNull();
        (await h.Chat.Crm.Gateway.FindAsync(h.Workspace, contact.CrmRecord!.Value)).Should().BeNull();
        (await h.Chat.Crm.Gateway.FindByEmailAsync(h.Workspace, "bea@example.com")).Should().BeEmpty();
        var messages = await h.Chat.Conversations.GetMessagesAsync(h.Workspace, conversation.Id);
        messages.Should().HaveCount((int)lastSequence).And.OnlyContain(m => m.Text == "[erased]");
        (await h.Chat.Conversations.GetAsync(h.Workspace, conversation.Id)).VisitorName.Should().Be("[erased]");
        (await h.Chat.Identity.FindAsync(h.Workspace, ContactIdentifier.Email("bea@example.com"))).Should().BeNull();
        var log = await h.Chat.Identity.GetLogAsync(h.Workspace);
        string.Join("\n", log.Select(e => JsonSerializer.Serialize(e, e.GetType(), Relaxed))).Should().NotContain("bea@example.com").And.NotContain("612345678").And.NotContain("Béa");
        await FluentActions.Awaiting(() => h.Chat.Identity.EraseAsync(h.Workspace, contact.Id, "dpo", "again").AsTask()).Should().ThrowAsync<ContactNotFoundException>();
    }

    [Fact]
    public async Task Erase_TakesContactsMergedIntoTheErasedOneAlong()
    {
        await using var h = new LiveChatHarness();
        var one = await h.StartOnAsync("webchat");
        var two = await h.StartOnAsync("telegram");
        var a = (await h.IdentifyAsync(one, r => r with { Email = "cy@example.com" })).Contact!;
        var b = (await h.IdentifyAsync(two, r => r with { ChannelHandle = "tg-cy" })).Contact!;
        await h.Chat.Identity.MergeAsync(h.Workspace, a.Id, b.Id, "agent:alice", "same");

        await h.Chat.Identity.EraseAsync(h.Workspace, a.Id, "dpo", "request");

        (await h.Chat.Identity.GetContactAsync(h.Workspace, b.Id)).Erasure.Should().NotBeNull();
        (await h.Chat.Identity.GetContactAsync(h.Workspace, b.Id)).Identifiers.Should().BeEmpty();
        (await h.Chat.Crm.Gateway.FindAsync(h.Workspace, b.CrmRecord!.Value)).Should().BeNull();
    }
}
