using LiveChat.Core.Texts;
// Every public entry point that takes text, with a read-back check for what it accepts.
using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Email;
using LiveChat.Core.Identity;
using LiveChat.Core.Playbooks;
using LiveChat.Core.Routing;
using LiveChat.Core.Storage;

namespace LiveChat.Issue14.Checks;

public sealed record TextCase(
    string Name,
    Func<World, string?, Task<object?>> Call,
    Func<World, string?, object?, List<string>, Task>? Verify = null);

public static class TextCases
{
    private static readonly SystemText AnyText = Enum.GetValues<SystemText>()[0];

    public static readonly TextCase[] All =
    [
        new("conversations.start.visitorName",
            async (w, s) => { var r = await w.Chat.Conversations.StartAsync(w.A, new StartConversationRequest { VisitorName = s }); w.Known.Add((w.A, r.Conversation.Id)); return r; },
            async (w, s, r, f) =>
            {
                var started = (StartedConversation)r!;
                var read = await w.Chat.Conversations.GetAsync(w.A, started.Conversation.Id);
                Same(f, "visitor name read back", started.Conversation.VisitorName, read.VisitorName);
            }),
        new("conversations.start.channel",
            async (w, s) => { var r = await w.Chat.Conversations.StartAsync(w.A, new StartConversationRequest { Channel = s }); w.Known.Add((w.A, r.Conversation.Id)); return r; },
            async (w, s, r, f) =>
            {
                var started = (StartedConversation)r!;
                var read = await w.Chat.Conversations.GetAsync(w.A, started.Conversation.Id);
                Same(f, "channel read back", started.Conversation.Channel, read.Channel);
            }),
        new("visitors.post.text",
            async (w, s) => await w.Chat.Visitors.PostAsync(w.A, w.Owned, w.OwnedToken, s!, clientMessageId: "hostile-1"),
            (w, s, r, f) => VerifyMessage(w, w.Owned, s, (ChatMessage)r!, f,
                () => w.Chat.Visitors.PostAsync(w.A, w.Owned, w.OwnedToken, s!, clientMessageId: "hostile-1").AsTask())),
        new("visitors.post.clientMessageId",
            async (w, s) => await w.Chat.Visitors.PostAsync(w.A, w.Owned, w.OwnedToken, "retry me", clientMessageId: s),
            (w, s, r, f) => VerifyMessage(w, w.Owned, "retry me", (ChatMessage)r!, f,
                s is null ? null : () => w.Chat.Visitors.PostAsync(w.A, w.Owned, w.OwnedToken, "retry me", clientMessageId: s).AsTask(),
                expectedClientId: s)),
        new("conversations.postBot.text",
            async (w, s) => await w.Chat.Conversations.PostBotMessageAsync(w.A, w.Bot, s!, clientMessageId: "bot-hostile"),
            (w, s, r, f) => VerifyMessage(w, w.Bot, s, (ChatMessage)r!, f,
                () => w.Chat.Conversations.PostBotMessageAsync(w.A, w.Bot, s!, clientMessageId: "bot-hostile").AsTask())),
        new("conversations.postAgent.text",
            async (w, s) => await w.Chat.Conversations.PostAgentMessageAsync(w.A, w.Owned, w.Alice, s!, clientMessageId: "agent-hostile"),
            (w, s, r, f) => VerifyMessage(w, w.Owned, s, (ChatMessage)r!, f,
                () => w.Chat.Conversations.PostAgentMessageAsync(w.A, w.Owned, w.Alice, s!, clientMessageId: "agent-hostile").AsTask())),
        new("conversations.postAgent.clientMessageId",
            async (w, s) => await w.Chat.Conversations.PostAgentMessageAsync(w.A, w.Owned, w.Alice, "agent retry", clientMessageId: s),
            (w, s, r, f) => VerifyMessage(w, w.Owned, "agent retry", (ChatMessage)r!, f,
                s is null ? null : () => w.Chat.Conversations.PostAgentMessageAsync(w.A, w.Owned, w.Alice, "agent retry", clientMessageId: s).AsTask(),
                expectedClientId: s)),
        new("details.update.personName",
            async (w, s) => await w.Chat.Details.UpdateAsync(w.A, w.Owned, w.Alice, new ConversationDetailsUpdate { PersonName = s }),
            async (w, s, r, f) => Same(f, "person name read back", ((Conversation)r!).Details.PersonName, (await w.Chat.Conversations.GetAsync(w.A, w.Owned)).Details.PersonName)),
        new("details.update.organizationName",
            async (w, s) => await w.Chat.Details.UpdateAsync(w.A, w.Owned, w.Alice, new ConversationDetailsUpdate { OrganizationName = s }),
            async (w, s, r, f) => Same(f, "organization read back", ((Conversation)r!).Details.OrganizationName, (await w.Chat.Conversations.GetAsync(w.A, w.Owned)).Details.OrganizationName)),
        new("details.addNote.text",
            async (w, s) => await w.Chat.Details.AddNoteAsync(w.A, w.Owned, w.Alice, s!),
            async (w, s, r, f) =>
            {
                Same(f, "note acknowledged as given", s, ((Conversation)r!).Details.Notes.Last().Text);
                Same(f, "note read back", ((Conversation)r!).Details.Notes.Last().Text, (await w.Chat.Conversations.GetAsync(w.A, w.Owned)).Details.Notes.Last().Text);
            }),
        new("details.addCreatedResult.externalId",
            async (w, s) => await w.Chat.Details.AddCreatedResultAsync(w.A, w.Owned, w.Alice, CreatedResultKind.Deal, s!, "Deal title"),
            async (w, s, r, f) => Same(f, "external id read back", ((Conversation)r!).CreatedResults.Last().ExternalId, (await w.Chat.Conversations.GetAsync(w.A, w.Owned)).CreatedResults.Last().ExternalId)),
        new("details.addCreatedResult.title",
            async (w, s) => await w.Chat.Details.AddCreatedResultAsync(w.A, w.Owned, w.Alice, CreatedResultKind.Deal, "deal-77", s!),
            async (w, s, r, f) => Same(f, "title read back", ((Conversation)r!).CreatedResults.Last().Title, (await w.Chat.Conversations.GetAsync(w.A, w.Owned)).CreatedResults.Last().Title)),
        new("agents.register.displayName",
            async (w, s) => await w.Chat.Agents.RegisterAsync(w.A, new AgentRegistration(new AgentId("carol"), s!, 2)),
            async (w, s, r, f) => Same(f, "display name read back", ((Agent)r!).DisplayName, (await w.Chat.Agents.GetAsync(w.A, new AgentId("carol"))).DisplayName)),
        new("agents.defineTeam.name",
            async (w, s) => await w.Chat.Agents.DefineTeamAsync(w.A, new Team(new TeamId("support"), s!)),
            async (w, s, r, f) => Same(f, "team name read back", ((Team)r!).Name, (await w.Chat.Agents.ListTeamsAsync(w.A)).Single(t => t.Id.Value == "support").Name)),
        new("visitors.contactForm.name",
            async (w, s) => await w.Chat.Visitors.SubmitContactFormAsync(w.A, w.Owned, w.OwnedToken, new ContactForm { Name = s, Email = "form@example.com" })),
        new("visitors.contactForm.phone",
            async (w, s) => await w.Chat.Visitors.SubmitContactFormAsync(w.A, w.Owned, w.OwnedToken, new ContactForm { Name = "Vera", Phone = s })),
        new("visitors.contactForm.email",
            async (w, s) => await w.Chat.Visitors.SubmitContactFormAsync(w.A, w.Owned, w.OwnedToken, new ContactForm { Name = "Vera", Email = s })),
        new("identity.identify.name",
            async (w, s) => await w.Chat.Identity.IdentifyAsync(w.A, new IdentifyRequest { ConversationId = w.Waiting, Name = s, Email = "wanda@example.com" })),
        new("identity.identify.channelHandle",
            async (w, s) => await w.Chat.Identity.IdentifyAsync(w.A, new IdentifyRequest { ConversationId = w.Waiting, ChannelHandle = s })),
        new("identity.identify.fieldValue",
            async (w, s) => await w.Chat.Identity.IdentifyAsync(w.A, new IdentifyRequest
            {
                ConversationId = w.Waiting, Email = "wanda@example.com",
                Fields = System.Collections.Immutable.ImmutableDictionary<string, string>.Empty.Add("company", s!),
            })),
        new("identity.correctField.value",
            async (w, s) => await w.Chat.Identity.CorrectFieldAsync(w.A, w.Contact, "name", s!, "alice", "typo")),
        new("identity.correctField.reason",
            async (w, s) => await w.Chat.Identity.CorrectFieldAsync(w.A, w.Contact, "name", "Vera Verdi", "alice", s!)),
        new("crm.createLead.title",
            async (w, s) => await w.Chat.Crm.CreateLeadAsync(w.A, w.Owned, w.Alice, s)),
        new("crm.addNote.text",
            async (w, s) => await w.Chat.Crm.AddNoteAsync(w.A, w.Lead, w.Alice, s!)),
        new("crm.notifyOwner.message",
            async (w, s) => await w.Chat.Crm.NotifyOwnerAsync(w.A, w.Lead, w.Alice, s!)),
        new("crm.setPhone.phone",
            async (w, s) => await w.Chat.Crm.SetPhoneAsync(w.A, w.Lead, w.Alice, s!, "FR")),
        new("email.sendTranscript.address",
            async (w, s) => await w.Chat.Visitors.SendTranscriptAsync(w.A, w.Owned, w.OwnedToken, s, clientRequestId: "t-1")),
        new("email.sendTranscript.clientRequestId",
            async (w, s) => await w.Chat.Visitors.SendTranscriptAsync(w.A, w.Owned, w.OwnedToken, "vera@example.com", clientRequestId: s)),
        new("email.configure.workspaceName",
            async (w, s) => { w.Chat.Email.Configure(w.A, new EmailSettings { Sender = EmailAddress.Create("support@a.example"), WorkspaceName = s }); return null; },
            (w, s, r, f) =>
            {
                // Blank meaning "no name" is fine; anything else must read back as given.
                var read = w.Chat.Email.GetSettings(w.A).WorkspaceName;
                if (!(string.IsNullOrWhiteSpace(s) && read is null)) Same(f, "workspace name read back", s, read);
                return Task.CompletedTask;
            }),
        new("email.configure.senderDisplayName",
            async (w, s) => { w.Chat.Email.Configure(w.A, new EmailSettings { Sender = EmailAddress.Create("support@a.example", s) }); return null; }),
        new("email.getDelivery.id",
            async (w, s) => await w.Chat.Email.GetDeliveryAsync(s!)),
        new("playbooks.texts.set",
            async (w, s) => { w.Chat.Playbooks.Texts.Set("en", AnyText, s!); return null; },
            (w, s, r, f) => { Same(f, "system text read back", s, w.Chat.Playbooks.Texts.Get("en", AnyText)); return Task.CompletedTask; }),
        new("playbooks.publish.cardText",
            async (w, s) => await w.Chat.Playbooks.PublishAsync(w.A, SimplePlaybook(s!)),
            (w, s, r, f) =>
            {
                var active = w.Chat.Playbooks.GetActive(w.A);
                Same(f, "card text read back", s, ((MessageCard)active.Cards[0]).Text);
                var again = PlaybookJson.Deserialize(PlaybookJson.Serialize(active));
                Same(f, "card text after a JSON round trip", s, ((MessageCard)again.Cards[0]).Text);
                return Task.CompletedTask;
            }),
        new("playbooks.json.deserialize",
            // The text placed raw in a JSON string: a lone surrogate becomes an invalid "\ud800" escape, NUL a "\u0000" one.
            async (w, s) => PlaybookJson.Deserialize(PlaybookJson.Serialize(SimplePlaybook("placeholder-text"))
                .Replace("placeholder-text", JsonEscape(s ?? ""), StringComparison.Ordinal))),
        new("inbox.list.continuationToken",
            async (w, s) => await w.Chat.Inbox.ListAsync(w.A, w.Alice, InboxFolder.Mine, 10, s),
            (w, s, r, f) =>
            {
                if (!string.IsNullOrEmpty(s)) f.Add($"a continuation token the inbox never made was accepted: {World.T(s)}");
                return Task.CompletedTask;
            }),
        new("visitorToken.value",
            async (w, s) => await w.Chat.Visitors.PostAsync(w.A, w.Owned, new VisitorToken(s!), "who am I?"),
            (w, s, r, f) => { f.Add($"a forged visitor token was accepted: {World.T(s)}"); return Task.CompletedTask; }),
    ];

    public static TextCase Get(string name) => All.Single(c => c.Name == name);

    public static Playbook SimplePlaybook(string text) => new()
    {
        Id = "hostile",
        Version = 1,
        Language = "en",
        StartCardId = "greet",
        Cards = [new MessageCard { Id = "greet", Text = text, Next = "bye" }, new EndCard { Id = "bye", Text = "Bye" }],
    };

    public static string JsonEscape(string s)
    {
        var sb = new System.Text.StringBuilder();
        foreach (var ch in s)
        {
            if (ch >= 0x20 && ch < 0x7F && ch != '"' && ch != '\\') sb.Append(ch);
            else sb.Append("\\u").Append(((int)ch).ToString("x4"));
        }
        return sb.ToString();
    }

    public static void Same(List<string> faults, string what, string? expected, string? actual)
    {
        if (!string.Equals(expected, actual, StringComparison.Ordinal))
            faults.Add($"{what}: expected {World.T(expected)}, read {World.T(actual)}");
    }

    /// <summary>
    /// A message accepted must be stored exactly as acknowledged (and, for the text, as given), read back the same
    /// from this engine and a fresh one, and a retry with the same client message id must return it (feature C3).
    /// </summary>
    public static async Task VerifyMessage(World w, ConversationId id, string? given, ChatMessage ack, List<string> f,
        Func<Task<ChatMessage>>? retry, string? expectedClientId = null)
    {
        Same(f, "acknowledged text differs from the text given", given, ack.Text);
        var read = (await w.Chat.Conversations.GetMessagesAsync(w.A, id, ack.Sequence - 1, 1)).SingleOrDefault();
        Same(f, "message read back", ack.Text, read?.Text);
        if (expectedClientId is not null) Same(f, "client message id read back", expectedClientId, read?.ClientMessageId);
        if (w.Env.Durable)
        {
            var fresh = (await w.Env.OpenFresh().Conversations.GetMessagesAsync(w.A, id, ack.Sequence - 1, 1)).SingleOrDefault();
            Same(f, "message read back by a fresh engine", ack.Text, fresh?.Text);
        }
        if (retry is not null)
        {
            try
            {
                var again = await retry();
                if (again.Sequence != ack.Sequence) f.Add($"identical retry stored a new message ({again.Sequence} != {ack.Sequence})");
            }
            catch (Exception e)
            {
                f.Add($"identical retry with the same client message id threw {e.GetType().Name}: {Probe.Short(e.Message)}");
            }
        }
    }
}
