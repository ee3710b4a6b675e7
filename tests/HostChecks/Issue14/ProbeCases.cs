// Non-text hostile inputs: default structs, null objects, undefined enum values, another workspace's ids, negative and
// huge numbers.
using System.Collections.Immutable;
using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Crm;
using LiveChat.Core.Email;
using LiveChat.Core.Identity;
using LiveChat.Core.Routing;
using LiveChat.Core.Storage;

namespace LiveChat.Issue14.Checks;

public sealed record ProbeCase(
    string Name,
    Func<World, Task<object?>> Call,
    bool MustRefuse = true,
    bool RequireArgumentException = false,
    Func<World, object?, List<string>, Task>? Verify = null);

public static class ProbeCases
{
    private static readonly WorkspaceId NoWs = default;
    private static readonly AgentId NoAgent = default;
    private static readonly ConversationId NoConv = default;
    private static readonly VisitorToken NoToken = default;

    // Rule (fault 1): every public value type rejects its default with a specific ArgumentException before anything changes.
    public static readonly ProbeCase[] Defaults =
    [
        D("money.details.update", w => w.Chat.Details.UpdateAsync(w.A, w.Owned, w.Alice, new ConversationDetailsUpdate { DealValue = default(Money) })),
        D("money.details.update.ended", w => w.Chat.Details.UpdateAsync(w.A, w.Ended, w.Bob, new ConversationDetailsUpdate { DealValue = new Money() })),
        D("workspace.start", w => w.Chat.Conversations.StartAsync(NoWs)),
        D("workspace.get", w => w.Chat.Conversations.GetAsync(NoWs, w.Owned)),
        D("workspace.visitorPost", w => w.Chat.Visitors.PostAsync(NoWs, w.Owned, w.OwnedToken, "x")),
        D("workspace.inbox", w => w.Chat.Inbox.ListAsync(NoWs, w.Alice, InboxFolder.Mine)),
        D("workspace.register", w => w.Chat.Agents.RegisterAsync(NoWs, new AgentRegistration(new AgentId("zed"), "Zed", 1))),
        D("workspace.defineTeam", w => w.Chat.Agents.DefineTeamAsync(NoWs, new Team(new TeamId("t"), "T"))),
        D("workspace.agents.list", w => w.Chat.Agents.ListAsync(NoWs)),
        D("workspace.details", w => w.Chat.Details.UpdateAsync(NoWs, w.Owned, w.Alice, new ConversationDetailsUpdate { PersonName = "x" })),
        D("workspace.identify", w => w.Chat.Identity.IdentifyAsync(NoWs, new IdentifyRequest { ConversationId = w.Owned, Email = "x@example.com" })),
        D("workspace.identity.contacts", w => w.Chat.Identity.GetContactsAsync(NoWs)),
        D("workspace.crm.note", w => w.Chat.Crm.AddNoteAsync(NoWs, w.Lead, w.Alice, "x")),
        D("workspace.email.configure", w => { w.Chat.Email.Configure(NoWs, new EmailSettings { Sender = EmailAddress.Create("s@x.example") }); return Task.FromResult<object?>(null); }),
        D("workspace.identity.configure", w => { w.Chat.Identity.Configure(NoWs, new IdentitySettings()); return Task.FromResult<object?>(null); }),
        D("workspace.playbook.publish", w => w.Chat.Playbooks.PublishAsync(NoWs, TextCases.SimplePlaybook("Hi"))),
        D("agent.claim", w => w.Chat.Conversations.ClaimAsync(w.A, w.Waiting, NoAgent)),
        D("agent.assign", w => w.Chat.Conversations.AssignAsync(w.A, w.Waiting, NoAgent)),
        D("agent.post", w => w.Chat.Conversations.PostAgentMessageAsync(w.A, w.Owned, NoAgent, "x")),
        D("agent.end", w => w.Chat.Conversations.EndAsync(w.A, w.Waiting, endedBy: NoAgent)),
        D("agent.details", w => w.Chat.Details.UpdateAsync(w.A, w.Waiting, NoAgent, new ConversationDetailsUpdate { PersonName = "x" })),
        D("agent.note", w => w.Chat.Details.AddNoteAsync(w.A, w.Waiting, NoAgent, "x")),
        D("agent.inbox", w => w.Chat.Inbox.ListAsync(w.A, NoAgent, InboxFolder.Unassigned)),
        D("agent.register", w => w.Chat.Agents.RegisterAsync(w.A, new AgentRegistration(NoAgent, "Nobody", 1))),
        D("agent.status", w => w.Chat.Agents.SetStatusAsync(w.A, NoAgent, AgentStatus.Online)),
        D("agent.heartbeat", w => w.Chat.Agents.HeartbeatAsync(w.A, NoAgent)),
        D("agent.markRead", w => w.Chat.Conversations.MarkReadAsync(w.A, w.Owned, NoAgent, 1)),
        D("agent.crm.lead", w => w.Chat.Crm.CreateLeadAsync(w.A, w.Waiting, NoAgent)),
        D("agent.routingTarget", w => w.Chat.Conversations.RequestAgentAsync(w.A, w.Bot, RoutingTarget.ToAgent(NoAgent))),
        D("agent.identity.leadOwner", w => { w.Chat.Identity.Configure(w.A, new IdentitySettings { LeadOwner = NoAgent }); return Task.FromResult<object?>(null); }),
        D("conversation.get", w => w.Chat.Conversations.GetAsync(w.A, NoConv)),
        D("conversation.visitorPost", w => w.Chat.Visitors.PostAsync(w.A, NoConv, w.OwnedToken, "x")),
        D("conversation.claim", w => w.Chat.Conversations.ClaimAsync(w.A, NoConv, w.Alice)),
        D("conversation.details", w => w.Chat.Details.UpdateAsync(w.A, NoConv, w.Alice, new ConversationDetailsUpdate { PersonName = "x" })),
        D("conversation.identify", w => w.Chat.Identity.IdentifyAsync(w.A, new IdentifyRequest { ConversationId = NoConv, Email = "nobody@example.com" })),
        D("conversation.crm.lead", w => w.Chat.Crm.CreateLeadAsync(w.A, NoConv, w.Alice)),
        D("token.post", w => w.Chat.Visitors.PostAsync(w.A, w.Owned, NoToken, "x")),
        D("token.view", w => w.Chat.Visitors.GetConversationAsync(w.A, w.Owned, NoToken)),
        D("token.messages", w => w.Chat.Visitors.GetMessagesAsync(w.A, w.Owned, NoToken)),
        D("token.end", w => w.Chat.Visitors.EndAsync(w.A, w.Owned, NoToken)),
        D("token.requestAgent", w => w.Chat.Visitors.RequestAgentAsync(w.A, w.Bot, NoToken)),
        D("token.contactForm", w => w.Chat.Visitors.SubmitContactFormAsync(w.A, w.Owned, NoToken, new ContactForm { Name = "x" })),
        D("token.transcript", w => w.Chat.Visitors.SendTranscriptAsync(w.A, w.Owned, NoToken, "x@example.com")),
        D("token.markRead", w => w.Chat.Visitors.MarkReadAsync(w.A, w.Owned, NoToken, 1)),
        D("team.define", w => w.Chat.Agents.DefineTeamAsync(w.A, new Team(default, "Nameless"))),
        D("team.fallback", w => w.Chat.Agents.DefineTeamAsync(w.A, new Team(new TeamId("t2"), "T2", default(TeamId)))),
        D("team.inRegistration", w => w.Chat.Agents.RegisterAsync(w.A, new AgentRegistration(new AgentId("carol"), "Carol", 1) { Teams = [default(TeamId)] })),
        D("team.routingTarget", w => w.Chat.Agents.IsAvailableAsync(w.A, RoutingTarget.ToTeam(default))),
        D("team.agentFallback", w => w.Chat.Conversations.RequestAgentAsync(w.A, w.Bot, RoutingTarget.ToAgent(w.Alice, default(TeamId)))),
        D("contact.get", w => w.Chat.Identity.GetContactAsync(w.A, default)),
        D("contact.merge", w => w.Chat.Identity.MergeAsync(w.A, w.Contact, default, "alice", "dup")),
        D("contact.correct", w => w.Chat.Identity.CorrectFieldAsync(w.A, default, "name", "x", "alice", "typo")),
        D("contact.erase", w => w.Chat.Identity.EraseAsync(w.A, default, "alice", "gdpr")),
        D("crmRecord.note", w => w.Chat.Crm.AddNoteAsync(w.A, default, w.Alice, "x")),
        D("crmRecord.view", w => w.Chat.Crm.ViewAsync(w.A, default)),
        D("crmRecord.phone", w => w.Chat.Crm.SetPhoneAsync(w.A, default, w.Alice, "+33612345678")),
        D("emailAddress.sender", w => { w.Chat.Email.Configure(w.A, new EmailSettings { Sender = default(EmailAddress) }); return Task.FromResult<object?>(null); }),
        D("identifier.null", w => w.Chat.Identity.IdentifyAsync(w.A, new IdentifyRequest { ConversationId = w.Waiting, Identifiers = [null!] })),
        // A default ImmutableArray may be read as empty: only a clean outcome is required here.
        new("default.identifier.default-array", async w => await w.Chat.Identity.IdentifyAsync(w.A, new IdentifyRequest { ConversationId = w.Waiting, Email = "w@example.com", Identifiers = default }),
            MustRefuse: false, RequireArgumentException: true),
        D("identify.fields.nullValue", w => w.Chat.Identity.IdentifyAsync(w.A, new IdentifyRequest
            { ConversationId = w.Waiting, Email = "w@example.com", Fields = ImmutableDictionary<string, string>.Empty.Add("company", null!) })),
        D("null.identifyRequest", w => w.Chat.Identity.IdentifyAsync(w.A, null!)),
        D("null.contactForm", w => w.Chat.Visitors.SubmitContactFormAsync(w.A, w.Owned, w.OwnedToken, null!)),
        D("null.detailsUpdate", w => w.Chat.Details.UpdateAsync(w.A, w.Owned, w.Alice, null!)),
        D("null.registration", w => w.Chat.Agents.RegisterAsync(w.A, null!)),
        D("null.team", w => w.Chat.Agents.DefineTeamAsync(w.A, null!)),
        D("null.playbook", w => w.Chat.Playbooks.PublishAsync(w.A, null!)),
        D("null.emailSettings", w => { w.Chat.Email.Configure(w.A, null!); return Task.FromResult<object?>(null); }),
        D("null.identitySettings", w => { w.Chat.Identity.Configure(w.A, null!); return Task.FromResult<object?>(null); }),
        D("enum.agentStatus", w => w.Chat.Agents.SetStatusAsync(w.A, w.Alice, (AgentStatus)99)),
        D("enum.inboxFolder", w => w.Chat.Inbox.ListAsync(w.A, w.Alice, (InboxFolder)99)),
        D("enum.createdResultKind", w => w.Chat.Details.AddCreatedResultAsync(w.A, w.Owned, w.Alice, (CreatedResultKind)99, "id-1", "Title")),
        D("enum.routingTargetKind", w => w.Chat.Conversations.RequestAgentAsync(w.A, w.Bot, new RoutingTarget((RoutingTargetKind)99))),
        D("immutableArray.default.teams", w => w.Chat.Agents.RegisterAsync(w.A, new AgentRegistration(new AgentId("carol"), "Carol", 1) { Teams = null! })),
    ];

    // X2: another workspace's ids are never resolved; the call is refused and neither workspace changes.
    public static readonly ProbeCase[] ForeignIds =
    [
        F("get", w => w.Chat.Conversations.GetAsync(w.A, w.Foreign)),
        F("transcript", w => w.Chat.Conversations.GetTranscriptAsync(w.A, w.Foreign)),
        F("messages", w => w.Chat.Conversations.GetMessagesAsync(w.A, w.Foreign)),
        F("visitorPost.foreignConversation", w => w.Chat.Visitors.PostAsync(w.A, w.Foreign, w.ForeignToken, "x")),
        F("visitorPost.foreignToken", w => w.Chat.Visitors.PostAsync(w.A, w.Owned, w.ForeignToken, "x")),
        F("visitorPost.otherConversationsToken", w => w.Chat.Visitors.PostAsync(w.A, w.Waiting, w.OwnedToken, "x")),
        F("visitorPost.tokenIntoB", w => w.Chat.Visitors.PostAsync(w.B, w.Foreign, w.OwnedToken, "x")),
        F("claim", w => w.Chat.Conversations.ClaimAsync(w.A, w.Foreign, w.Bob)),
        F("assign.agentOfB", w => w.Chat.Conversations.AssignAsync(w.A, w.Foreign, w.Alice)),
        F("end", w => w.Chat.Conversations.EndAsync(w.A, w.Foreign)),
        F("postAgent", w => w.Chat.Conversations.PostAgentMessageAsync(w.A, w.Foreign, w.Alice, "x")),
        F("details", w => w.Chat.Details.UpdateAsync(w.A, w.Foreign, w.Alice, new ConversationDetailsUpdate { PersonName = "x" })),
        F("note", w => w.Chat.Details.AddNoteAsync(w.A, w.Foreign, w.Alice, "x")),
        F("markRead", w => w.Chat.Conversations.MarkReadAsync(w.A, w.Foreign, w.Alice, 1)),
        F("identify", w => w.Chat.Identity.IdentifyAsync(w.A, new IdentifyRequest { ConversationId = w.Foreign, Email = "eve@example.com" })),
        F("contact.get", w => w.Chat.Identity.GetContactAsync(w.A, w.ForeignContact)),
        F("contact.correct", w => w.Chat.Identity.CorrectFieldAsync(w.A, w.ForeignContact, "name", "Eve", "alice", "x")),
        F("contact.merge", w => w.Chat.Identity.MergeAsync(w.A, w.Contact, w.ForeignContact, "alice", "x")),
        F("contact.erase", w => w.Chat.Identity.EraseAsync(w.A, w.ForeignContact, "alice", "x")),
        F("crm.note", w => w.Chat.Crm.AddNoteAsync(w.A, w.ForeignLead, w.Alice, "x")),
        F("crm.view", w => w.Chat.Crm.ViewAsync(w.A, w.ForeignLead)),
        F("crm.lead", w => w.Chat.Crm.CreateLeadAsync(w.A, w.Foreign, w.Alice)),
        F("transcriptMail", w => w.Chat.Visitors.SendTranscriptAsync(w.A, w.Foreign, w.ForeignToken, "eve@example.com")),
        new("foreign.email.recipient", async w => await w.Chat.Email.GetRecipientAsync(w.A, w.Foreign), MustRefuse: false,
            Verify: (w, r, f) => { if (r is not null) f.Add("another workspace's visitor address was returned"); return Task.CompletedTask; }),
        new("foreign.visitorHistory", async w => await w.Chat.Identity.GetVisitorHistoryAsync(w.A, w.Foreign), MustRefuse: false,
            Verify: (w, r, f) =>
            {
                // Echoing the id given back is harmless; any other conversation is a leak across workspaces.
                if (r is IReadOnlyList<ConversationId> list && list.Any(id => !id.Equals(w.Foreign)))
                    f.Add($"a conversation of another workspace was resolved; its history returned [{string.Join(", ", list)}] (foreign id {w.Foreign})");
                return Task.CompletedTask;
            }),
    ];

    // Negative and huge numbers.
    public static readonly ProbeCase[] Numbers =
    [
        N("messages.after.-1", w => w.Chat.Conversations.GetMessagesAsync(w.A, w.Owned, -1)),
        N("messages.after.min", w => w.Chat.Conversations.GetMessagesAsync(w.A, w.Owned, long.MinValue)),
        N("messages.limit.0", w => w.Chat.Conversations.GetMessagesAsync(w.A, w.Owned, 0, 0)),
        N("messages.limit.-1", w => w.Chat.Conversations.GetMessagesAsync(w.A, w.Owned, 0, -1)),
        N("messages.limit.max", w => w.Chat.Conversations.GetMessagesAsync(w.A, w.Owned, 0, int.MaxValue)),
        N("visitorMessages.after.-1", w => w.Chat.Visitors.GetMessagesAsync(w.A, w.Owned, w.OwnedToken, -1)),
        N("visitorMessages.limit.max", w => w.Chat.Visitors.GetMessagesAsync(w.A, w.Owned, w.OwnedToken, 0, int.MaxValue)),
        N("inbox.pageSize.0", w => w.Chat.Inbox.ListAsync(w.A, w.Alice, InboxFolder.Mine, 0)),
        N("inbox.pageSize.-1", w => w.Chat.Inbox.ListAsync(w.A, w.Alice, InboxFolder.Mine, -1)),
        N("inbox.pageSize.max", w => w.Chat.Inbox.ListAsync(w.A, w.Alice, InboxFolder.Mine, int.MaxValue)),
        N("markRead.agent.-1", w => w.Chat.Conversations.MarkReadAsync(w.A, w.Owned, w.Alice, -1)),
        N("markRead.visitor.min", w => w.Chat.Visitors.MarkReadAsync(w.A, w.Owned, w.OwnedToken, long.MinValue)),
        new("markRead.agent.huge", async w => await w.Chat.Conversations.MarkReadAsync(w.A, w.Owned, w.Alice, long.MaxValue), MustRefuse: false,
            Verify: async (w, r, f) =>
            {
                // A cursor past the last message would hide every later message from the unread count for good.
                await w.Chat.Visitors.PostAsync(w.A, w.Owned, w.OwnedToken, "one more question");
                var unread = await w.Chat.Conversations.GetUnreadCountAsync(w.A, w.Owned, w.Alice);
                if (unread != 1) f.Add($"after MarkRead(long.MaxValue) a new visitor message counts {unread} unread, not 1");
            }),
        new("markRead.visitor.huge", async w => await w.Chat.Visitors.MarkReadAsync(w.A, w.Owned, w.OwnedToken, long.MaxValue), MustRefuse: false,
            Verify: async (w, r, f) =>
            {
                await w.Chat.Conversations.PostAgentMessageAsync(w.A, w.Owned, w.Alice, "one more answer");
                var unread = await w.Chat.Visitors.GetUnreadCountAsync(w.A, w.Owned, w.OwnedToken);
                if (unread != 1) f.Add($"after MarkRead(long.MaxValue) a new agent message counts {unread} unread, not 1");
            }),
        N("offer.accept.-1", w => w.Chat.Conversations.AcceptOfferAsync(w.A, w.Waiting, w.Alice, -1)),
        N("offer.accept.max", w => w.Chat.Conversations.AcceptOfferAsync(w.A, w.Waiting, w.Alice, long.MaxValue)),
        N("offer.decline.min", w => w.Chat.Conversations.DeclineOfferAsync(w.A, w.Waiting, w.Alice, long.MinValue)),
        N("capacity.0", w => w.Chat.Agents.RegisterAsync(w.A, new AgentRegistration(new AgentId("carol"), "Carol", 0))),
        N("capacity.-1", w => w.Chat.Agents.RegisterAsync(w.A, new AgentRegistration(new AgentId("carol"), "Carol", -1))),
        N("capacity.max", w => w.Chat.Agents.RegisterAsync(w.A, new AgentRegistration(new AgentId("carol"), "Carol", int.MaxValue))),
        N("capacity.shrinkBelowLoad", w => w.Chat.Agents.RegisterAsync(w.A, new AgentRegistration(w.Alice, "Alice", -5))),
        N("undoMerge.-1", w => w.Chat.Identity.UndoMergeAsync(w.A, -1, "alice", "x")),
        N("undoMerge.max", w => w.Chat.Identity.UndoMergeAsync(w.A, long.MaxValue, "alice", "x")),
        N("money.negative", w => w.Chat.Details.UpdateAsync(w.A, w.Owned, w.Alice, new ConversationDetailsUpdate { DealValue = new Money(-0.01m, "EUR") })),
        N("money.currency.nul", w => w.Chat.Details.UpdateAsync(w.A, w.Owned, w.Alice, new ConversationDetailsUpdate { DealValue = new Money(1m, "E\0R") })),
        N("money.currency.long", w => w.Chat.Details.UpdateAsync(w.A, w.Owned, w.Alice, new ConversationDetailsUpdate { DealValue = new Money(1m, "EURO") })),
        N("money.currency.nonAscii", w => w.Chat.Details.UpdateAsync(w.A, w.Owned, w.Alice, new ConversationDetailsUpdate { DealValue = new Money(1m, "ÉÙR") })),
        MoneyExact("money.max", decimal.MaxValue),
        MoneyExact("money.tiny", 0.0000000000000000000000000001m),
        MoneyExact("money.manyDigits", 123456789012345678.123456789m),
        MoneyExact("money.zero", 0m),
    ];

    private static ProbeCase D(string name, Func<World, object> call) =>
        new("default." + name, async w => await Await(call(w)), MustRefuse: true, RequireArgumentException: true);

    private static ProbeCase F(string name, Func<World, object> call) =>
        new("foreign." + name, async w => await Await(call(w)), MustRefuse: true);

    private static ProbeCase N(string name, Func<World, object> call) =>
        new("number." + name, async w => await Await(call(w)), MustRefuse: true);

    private static ProbeCase MoneyExact(string name, decimal amount) =>
        new("number." + name, async w => await w.Chat.Details.UpdateAsync(w.A, w.Owned, w.Alice, new ConversationDetailsUpdate { DealValue = new Money(amount, "USD") }),
            MustRefuse: false,
            Verify: async (w, r, f) =>
            {
                var expected = new Money(amount, "USD");
                var read = (await w.Chat.Conversations.GetAsync(w.A, w.Owned)).Details.DealValue;
                if (read != expected) f.Add($"deal value {amount} USD read back as {read}");
                if (w.Env.Durable)
                {
                    var fresh = (await w.Env.OpenFresh().Conversations.GetAsync(w.A, w.Owned)).Details.DealValue;
                    if (fresh != expected) f.Add($"deal value {amount} USD read back by a fresh engine as {fresh}");
                }
            });

    /// <summary>Awaits whatever the lambda returned (Task, ValueTask&lt;T&gt;, Task&lt;T&gt;) and gives its result.</summary>
    public static async Task<object?> Await(object o)
    {
        switch (o)
        {
            case Task t:
                await t;
                return t.GetType().IsGenericType ? t.GetType().GetProperty("Result")!.GetValue(t) : null;
            default:
                var type = o.GetType();
                if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ValueTask<>))
                {
                    var task = (Task)type.GetMethod("AsTask")!.Invoke(o, null)!;
                    await task;
                    return task.GetType().GetProperty("Result")!.GetValue(task);
                }
                if (o is ValueTask vt) { await vt; return null; }
                return o;
        }
    }

    public static IEnumerable<ProbeCase> Every => Defaults.Concat(ForeignIds).Concat(Numbers);
    public static ProbeCase Get(string name) => Every.Single(c => c.Name == name);
}
