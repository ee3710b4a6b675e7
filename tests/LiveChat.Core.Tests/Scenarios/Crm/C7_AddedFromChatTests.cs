using LiveChat.Core.Crm;
using LiveChat.Core.Tests.Scenarios.Identity;
using LiveChat.Core.Tests.Scenarios.Playbooks;

namespace LiveChat.Core.Tests.Scenarios.Crm;

/// <summary>
/// C7 (seed 001): "the lead card says the lead was added from Chat". Every record the SDK creates from a conversation
/// states its source (channel, conversation number), and its activity feed has an entry saying so.
/// </summary>
public sealed class C7_AddedFromChatTests
{
    [Fact]
    public async Task ALeadFromTheDetailsPanel_StatesItsChannelAndConversationNumber_AndItsFeedSaysSo()
    {
        await using var h = new LiveChatHarness();
        var alice = await h.OnlineAgentAsync("alice");
        await h.StartAsync();
        var started = await h.UntrackedWithEmailAsync(alice, "noor@example.com");
        var conversation = started.Conversation;

        var lead = await h.Chat.Crm.CreateLeadAsync(h.Workspace, conversation.Id, alice);

        lead.Origin.Should().Be(new CrmRecordOrigin("webchat", conversation.Id, conversation.Number));
        conversation.Number.Should().Be(2);
        var entry = (await h.Chat.Crm.Gateway.ListActivitiesAsync(h.Workspace, lead.Id, CrmActivityType.AddedFromChat)).Should().ContainSingle().Subject;
        entry.Text.Should().Contain("#2").And.Contain("webchat");
        entry.AgentId.Should().Be(alice);
        entry.OccurredAt.Should().Be(h.Clock.GetUtcNow());
    }

    [Fact]
    public async Task ALeadChatTrackingFiles_StatesItsOrigin_AndItsFeedSaysSo()
    {
        await using var h = new LiveChatHarness();
        var conversation = await h.StartOnAsync("instagram");

        var result = await h.IdentifyAsync(conversation, r => r with { ChannelHandle = "ig-77", Name = "Pia" });

        var lead = (await h.Chat.Crm.Gateway.FindAsync(h.Workspace, result.Contact!.CrmRecord!.Value))!;
        lead.Origin.Should().BeEquivalentTo(new { Channel = "instagram", ConversationId = conversation, ConversationNumber = 1L });
        (await h.Chat.Crm.Gateway.ListActivitiesAsync(h.Workspace, lead.Id)).Select(a => a.Type).Should().Equal(CrmActivityType.AddedFromChat);
    }

    [Fact]
    public async Task APlaybooksLeadAndDeal_StateTheirOrigin_AndTheirFeedsSaySo()
    {
        await using var h = new PlaybookHarness();
        await h.PublishAsync(CrmScenario.LeadAndDealPlaybook());

        var visitor = await h.StartAsync();

        foreach (var id in (await h.RunAsync(visitor)).CrmRecords)
        {
            (await h.Chat.Crm.Gateway.FindAsync(h.Workspace, id))!.Origin!.ConversationId.Should().Be(visitor.Conversation.Id);
            (await h.Chat.Crm.Gateway.ListActivitiesAsync(h.Workspace, id, CrmActivityType.AddedFromChat)).Should().ContainSingle();
        }
    }

    [Theory]
    [InlineData("en", "Added from chat: conversation #1 on instagram")]
    [InlineData("fr", "Ajouté depuis le chat : conversation n°1 sur instagram")]
    [InlineData("cs", "Přidáno z chatu: konverzace č. 1 na kanálu instagram")]
    [InlineData("de", "Aus dem Chat hinzugefügt: Unterhaltung Nr. 1 auf instagram")]
    [InlineData("es", "Añadido desde el chat: conversación n.º 1 en instagram")]
    public async Task TheFeedEntry_SpeaksTheLanguageOfTheConversationsChannel(string language, string expected)
    {
        await using var h = new LiveChatHarness();
        h.Chat.Email.Configure(h.Workspace, h.Chat.Email.GetSettings(h.Workspace) with
        {
            DefaultLanguage = language == "fr" ? "de" : "fr",
            ChannelLanguages = System.Collections.Immutable.ImmutableDictionary<string, string>.Empty.Add("instagram", language),
        });
        var conversation = await h.StartOnAsync("instagram");

        var result = await h.IdentifyAsync(conversation, r => r with { ChannelHandle = "ig-77", Name = "Pia" });

        (await h.Chat.Crm.Gateway.ListActivitiesAsync(h.Workspace, result.Contact!.CrmRecord!.Value, CrmActivityType.AddedFromChat))
            .Should().ContainSingle().Which.Text.Should().Be(expected, "like the transcript copied to the CRM, the feed speaks the conversation's language (E5)");
    }

    [Fact]
    public async Task TheFeedEntry_FollowsTheHostsOverrideOfTheCatalogue()
    {
        await using var h = new LiveChatHarness();
        h.Chat.Playbooks.Texts.Set("en", Core.Texts.SystemText.AddedFromChat, "From the chat ({1}, n. {0})", h.Workspace);
        var conversation = await h.StartOnAsync("instagram");

        var result = await h.IdentifyAsync(conversation, r => r with { ChannelHandle = "ig-77", Name = "Pia" });

        (await h.Chat.Crm.Gateway.ListActivitiesAsync(h.Workspace, result.Contact!.CrmRecord!.Value, CrmActivityType.AddedFromChat))
            .Should().ContainSingle().Which.Text.Should().Be("From the chat (instagram, n. 1)");
    }
}
