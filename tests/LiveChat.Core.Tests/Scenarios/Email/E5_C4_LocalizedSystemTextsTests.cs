using LiveChat.Core.Conversations;
using LiveChat.Core.Email;
using LiveChat.Core.Texts;

namespace LiveChat.Core.Tests.Scenarios.Email;

/// <summary>
/// E5, C4: every text the SDK shows a visitor or an agent comes from the one localized catalogue, in the conversation's
/// language (its channel's, then its workspace's): the system messages of routing and assignment, the default visitor
/// name, the contact-form labels and the e-mails' words; overridable for every workspace or one.
/// </summary>
public sealed class E5_C4_LocalizedSystemTextsTests
{
    [Fact]
    public async Task AFrenchWorkspace_ReadsEverySystemTextInFrench_InTheChatAndInTheTranscriptEmail()
    {
        await using var s = new EmailScenario();
        s.Chat.Email.Configure(s.Workspace, s.Chat.Email.GetSettings(s.Workspace) with { DefaultLanguage = "fr" });
        var alice = await s.H.OnlineAgentAsync("alice");
        var bob = await s.H.OnlineAgentAsync("bob");
        var started = await s.H.StartAsync();
        var id = started.Conversation.Id;
        await s.Chat.Conversations.RequestAgentAsync(s.Workspace, id);
        await s.Chat.Visitors.SubmitContactFormAsync(s.Workspace, id, started.VisitorToken, new ContactForm { Email = "lea@example.fr", Phone = "+33612345678" });
        await s.Chat.Conversations.AssignAsync(s.Workspace, id, bob);
        await s.Chat.Conversations.EndAsync(s.Workspace, id, bob);

        var messages = await s.Chat.Conversations.GetMessagesAsync(s.Workspace, id);
        var system = messages.Where(m => m.Sender.Kind == SenderKind.System).ToList();
        system.Select(m => m.Text).Should().Equal(
            "Nous vous mettons en relation avec un conseiller.",
            "Agent alice a rejoint la conversation.",
            "E-mail: lea@example.fr\nTéléphone: +33612345678",
            "Agent alice a transféré la conversation à Agent bob.",
            "La conversation est terminée.");
        system.Should().OnlyContain(m => m.Sender.DisplayName == "Système");
        started.Conversation.VisitorName.Should().Be("Visiteur");

        await s.Chat.Visitors.SendTranscriptAsync(s.Workspace, id, started.VisitorToken);
        await s.SettleAsync();
        var mail = s.Sent.Should().ContainSingle().Which;
        mail.TextBody.Should().Contain("Voici une copie de votre conversation.").And.Contain("Agent alice a rejoint la conversation.")
            .And.NotContain("joined").And.NotContain("Visitor").And.NotContain("System").And.NotContain("has ended");
        _ = alice;
    }

    [Fact]
    public async Task AFrenchPlaybook_MakesAWorkspaceThatNamesNoLanguageFrench_AndAWorkspacesOwnLanguageStillWins()
    {
        // Outside checker, issue 15: a French playbook's conversation read "Alice joined the conversation." after "Bonjour !".
        await using var s = new EmailScenario();
        var alice = await s.H.OnlineAgentAsync("alice");
        await s.Chat.Playbooks.PublishAsync(s.Workspace, Scenarios.Playbooks.SeedPlaybooks.Full("fr"));
        var french = await s.H.StartAsync();

        await s.Chat.Conversations.ClaimAsync(s.Workspace, french.Conversation.Id, alice);
        await s.Chat.Conversations.EndAsync(s.Workspace, french.Conversation.Id, alice);

        var system = (await s.Chat.Conversations.GetMessagesAsync(s.Workspace, french.Conversation.Id)).Where(m => m.Sender.Kind == SenderKind.System).ToList();
        system.Select(m => m.Text).Should().Equal("Agent alice a rejoint la conversation.", "La conversation est terminée.");
        system.Should().OnlyContain(m => m.Sender.DisplayName == "Système");

        s.Chat.Email.Configure(s.Workspace, s.Chat.Email.GetSettings(s.Workspace) with { DefaultLanguage = "de" });
        var german = await s.H.StartAsync();
        await s.Chat.Conversations.ClaimAsync(s.Workspace, german.Conversation.Id, alice);
        (await s.Chat.Conversations.GetMessagesAsync(s.Workspace, german.Conversation.Id)).Should().Contain(m => m.Text == TextCatalog.BuiltIn("de", SystemText.AgentJoined).Replace("{0}", "Agent alice", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AChannelsLanguage_WinsOverTheWorkspaces_ForTheQueuedMessageAndTheVisitorName()
    {
        await using var s = new EmailScenario();
        s.Chat.Email.Configure(s.Workspace, s.Chat.Email.GetSettings(s.Workspace) with
        {
            DefaultLanguage = "fr",
            ChannelLanguages = System.Collections.Immutable.ImmutableDictionary<string, string>.Empty.Add("webchat-de", "de"),
        });
        var german = await s.Chat.Conversations.StartAsync(s.Workspace, new StartConversationRequest { Channel = "webchat-de" });

        var handoff = await s.Chat.Conversations.RequestAgentAsync(s.Workspace, german.Conversation.Id);

        handoff.Outcome.Should().Be(HandoffOutcome.Offline);
        german.Conversation.VisitorName.Should().Be("Besucher");
        (await s.Chat.Conversations.GetMessagesAsync(s.Workspace, german.Conversation.Id)).Should().ContainSingle()
            .Which.Text.Should().Be(TextCatalog.BuiltIn("de", SystemText.NobodyAvailable)).And.StartWith("Gerade ist kein Mitarbeiter verfügbar.");
    }

    [Fact]
    public async Task AWorkspacesOverride_ChangesItsTextsAndEmailWords_AndNoOtherWorkspaces()
    {
        await using var s = new EmailScenario();
        var other = new WorkspaceId("globex");
        s.Chat.Playbooks.Texts.Set("en", SystemText.AgentJoined, "{0} is here to help.", s.Workspace);
        s.Chat.Playbooks.Texts.Set("en", SystemText.TranscriptIntro, "Your chat with us, as promised.", s.Workspace);
        var alice = await s.H.OnlineAgentAsync("alice");
        await s.H.OnlineAgentAsync("alice", workspace: other);
        var (mine, token) = await s.H.AssignedToAsync(alice);
        var theirs = await s.H.StartAsync(workspace: other);
        await s.Chat.Conversations.ClaimAsync(other, theirs.Conversation.Id, alice);

        await s.Chat.Visitors.SendTranscriptAsync(s.Workspace, mine.Id, token, "ana@example.com");
        await s.SettleAsync();

        (await s.Chat.Conversations.GetMessagesAsync(s.Workspace, mine.Id)).Should().Contain(m => m.Text == "Agent alice is here to help.");
        (await s.Chat.Conversations.GetMessagesAsync(other, theirs.Conversation.Id)).Should().Contain(m => m.Text == "Agent alice joined the conversation.");
        s.Sent.Should().ContainSingle().Which.TextBody.Should().StartWith("Your chat with us, as promised.");
        s.Chat.Playbooks.Texts.Get("en", SystemText.TranscriptIntro, other).Should().Be("Here is a copy of your conversation.");
    }
}
