using FluentAssertions;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Crm;
using LiveChat.Core.Identity;
using LiveChat.Core.Playbooks;
using LiveChat.Core.Routing;
using LiveChat.Core.Storage;
using LiveChat.Core.Texts;

namespace LiveChat.Core.Testing.Storage;

/// <summary>One hostile call: which entry point, and the indices of the hostile values it takes from <see cref="HostileWorld"/>'s pools.</summary>
/// <param name="Call">The entry point's index in <see cref="HostileCalls.All"/>.</param>
/// <param name="Text">A text's index.</param>
/// <param name="OtherText">A second text's index.</param>
/// <param name="Workspace">A workspace's index.</param>
/// <param name="Conversation">A conversation's index.</param>
/// <param name="Agent">An agent's index.</param>
/// <param name="Token">A visitor token's index.</param>
/// <param name="Number">A number's index.</param>
/// <param name="Amount">An amount's index.</param>
public sealed record HostilePick(int Call, int Text, int OtherText, int Workspace, int Conversation, int Agent, int Token, int Number, int Amount)
{
    /// <inheritdoc />
    public override string ToString() => $"{HostileCalls.All[Call].Name}(text #{Text}, #{OtherText}; ws #{Workspace}; conversation #{Conversation}; agent #{Agent}; token #{Token}; number #{Number}; amount #{Amount})";
}

/// <summary>
/// Every public entry point of the engine that takes input, driven with hostile values (issue 14). Each call returns the
/// check that what it accepted reads back exactly, or <see langword="null"/> when it only reads.
/// </summary>
public static class HostileCalls
{
    /// <summary>The calls, by name.</summary>
    public static IReadOnlyList<(string Name, Func<HostileWorld, HostilePick, Task<Func<Task>?>> Run)> All { get; } =
    [
        ("Conversations.StartAsync", async (w, p) =>
        {
            var started = await w.Chat.Conversations.StartAsync(W(w, p), new StartConversationRequest { Channel = T(p)!, VisitorName = T2(p) });
            return async () => (await w.Chat.Conversations.GetAsync(W(w, p), started.Conversation.Id)).VisitorName.Should().Be(T2(p) ?? started.Conversation.VisitorName);
        }),
        ("Conversations.PostBotMessageAsync", async (w, p) => ReadsBack(w, p, await w.Chat.Conversations.PostBotMessageAsync(W(w, p), C(w, p), T(p)!, T2(p)))),
        ("Conversations.PostAgentMessageAsync", async (w, p) => ReadsBack(w, p, await w.Chat.Conversations.PostAgentMessageAsync(W(w, p), C(w, p), A(w, p), T(p)!, T2(p)))),
        ("Conversations.RequestAgentAsync", async (w, p) => Done(await w.Chat.Conversations.RequestAgentAsync(W(w, p), C(w, p), RoutingTarget.ToAgent(A(w, p))))),
        ("Conversations.ClaimAsync", async (w, p) => Done(await w.Chat.Conversations.ClaimAsync(W(w, p), C(w, p), A(w, p)))),
        ("Conversations.AssignAsync", async (w, p) => Done(await w.Chat.Conversations.AssignAsync(W(w, p), C(w, p), A(w, p)))),
        ("Conversations.EndAsync", async (w, p) => Done(await w.Chat.Conversations.EndAsync(W(w, p), C(w, p), p.Agent == 0 ? null : A(w, p)))),
        ("Conversations.AcceptOfferAsync", async (w, p) => Done(await w.Chat.Conversations.AcceptOfferAsync(W(w, p), C(w, p), A(w, p), N(p)))),
        ("Conversations.DeclineOfferAsync", async (w, p) => Done(await w.Chat.Conversations.DeclineOfferAsync(W(w, p), C(w, p), A(w, p), N(p)))),
        ("Conversations.GetMessagesAsync", async (w, p) => Done(await w.Chat.Conversations.GetMessagesAsync(W(w, p), C(w, p), N(p), (int)Math.Clamp(N(p), int.MinValue, int.MaxValue)))),
        ("Conversations.GetTranscriptAsync", async (w, p) => Done(await w.Chat.Conversations.GetTranscriptAsync(W(w, p), C(w, p)))),
        ("Conversations.MarkReadAsync", async (w, p) => Done(await w.Chat.Conversations.MarkReadAsync(W(w, p), C(w, p), A(w, p), N(p)))),
        ("Visitors.PostAsync", async (w, p) => ReadsBack(w, p, await w.Chat.Visitors.PostAsync(W(w, p), C(w, p), V(w, p), T(p)!, T2(p)))),
        ("Visitors.GetMessagesAsync", async (w, p) => Done(await w.Chat.Visitors.GetMessagesAsync(W(w, p), C(w, p), V(w, p), N(p)))),
        ("Visitors.RequestAgentAsync", async (w, p) => Done(await w.Chat.Visitors.RequestAgentAsync(W(w, p), C(w, p), V(w, p)))),
        ("Visitors.MarkReadAsync", async (w, p) => Done(await w.Chat.Visitors.MarkReadAsync(W(w, p), C(w, p), V(w, p), N(p)))),
        ("Visitors.EndAsync", async (w, p) => Done(await w.Chat.Visitors.EndAsync(W(w, p), C(w, p), V(w, p)))),
        ("Visitors.SubmitContactFormAsync", async (w, p) =>
        {
            await w.Chat.Visitors.SubmitContactFormAsync(W(w, p), C(w, p), V(w, p), new ContactForm { Name = T(p), Email = T2(p), Phone = T2(p) });
            return async () => (await w.Chat.Conversations.GetAsync(W(w, p), C(w, p))).VisitorName.Should().NotBeNullOrEmpty();
        }),
        ("Visitors.SendTranscriptAsync", async (w, p) => Done(await w.Chat.Visitors.SendTranscriptAsync(W(w, p), C(w, p), V(w, p), T(p), T2(p)))),
        ("Inbox.ListAsync", async (w, p) => Done(await w.Chat.Inbox.ListAsync(W(w, p), A(w, p), (InboxFolder)(p.Number % 4), (int)Math.Clamp(N(p), int.MinValue, int.MaxValue), T(p)))),
        ("Details.UpdateAsync", async (w, p) =>
        {
            var update = new ConversationDetailsUpdate { DealValue = HostileWorld.Amounts[p.Amount], PersonName = T(p), OrganizationName = T2(p) };
            var updated = await w.Chat.Details.UpdateAsync(W(w, p), C(w, p), A(w, p), update);
            return async () =>
            {
                var read = (await w.Chat.Conversations.GetAsync(W(w, p), C(w, p))).Details;
                read.DealValue.Should().Be(updated.Details.DealValue);
                read.PersonName.Should().Be(T(p) ?? updated.Details.PersonName);
                read.OrganizationName.Should().Be(T2(p) ?? updated.Details.OrganizationName);
            };
        }),
        ("Details.AddNoteAsync", async (w, p) =>
        {
            await w.Chat.Details.AddNoteAsync(W(w, p), C(w, p), A(w, p), T(p)!);
            return async () => (await w.Chat.Conversations.GetAsync(W(w, p), C(w, p))).Details.Notes[^1].Text.Should().Be(T(p));
        }),
        ("Details.AddCreatedResultAsync", async (w, p) =>
        {
            await w.Chat.Details.AddCreatedResultAsync(W(w, p), C(w, p), A(w, p), (CreatedResultKind)(p.Number % 5), T(p)!, T2(p)!);
            return async () => (await w.Chat.Conversations.GetAsync(W(w, p), C(w, p))).CreatedResults[^1].Title.Should().Be(T2(p));
        }),
        ("Agents.RegisterAsync", async (w, p) =>
        {
            await w.Chat.Agents.RegisterAsync(W(w, p), new AgentRegistration(A(w, p), T(p)!, (int)Math.Clamp(N(p), int.MinValue, int.MaxValue)));
            return async () => (await w.Chat.Agents.GetAsync(W(w, p), A(w, p))).DisplayName.Should().Be(T(p));
        }),
        ("Agents.SetStatusAsync", async (w, p) => Done(await w.Chat.Agents.SetStatusAsync(W(w, p), A(w, p), (AgentStatus)(p.Number - 2)))),
        ("Agents.HeartbeatAsync", async (w, p) => Done(await w.Chat.Agents.HeartbeatAsync(W(w, p), A(w, p)))),
        ("Agents.DefineTeamAsync", async (w, p) =>
        {
            await w.Chat.Agents.DefineTeamAsync(W(w, p), new Team(p.Text == 0 ? default : new TeamId("team"), T(p)!, p.OtherText == 0 ? default(TeamId) : null));
            return async () => (await w.Chat.Agents.ListTeamsAsync(W(w, p))).Should().Contain(t => t.Name == T(p));
        }),
        ("Identity.IdentifyAsync", async (w, p) => Done(await w.Chat.Identity.IdentifyAsync(W(w, p), new IdentifyRequest
        {
            ConversationId = C(w, p), Name = T(p), Email = T2(p), ChannelHandle = T2(p),
        }))),
        ("Crm.CreateLeadAsync", async (w, p) => Done(await w.Chat.Crm.CreateLeadAsync(W(w, p), C(w, p), A(w, p), T(p)))),
        ("Crm.GetLeadEligibilityAsync", async (w, p) => Done(await w.Chat.Crm.GetLeadEligibilityAsync(W(w, p), C(w, p)))),
        ("Playbooks.Texts.Set", (w, p) =>
        {
            w.Chat.Playbooks.Texts.Set("en", SystemText.AgentJoined, T(p)!, W(w, p));
            return Task.FromResult<Func<Task>?>(() =>
            {
                w.Chat.Playbooks.Texts.Get("en", SystemText.AgentJoined, W(w, p)).Should().Be(T(p));
                return Task.CompletedTask;
            });
        }),
        ("Crm.CreateDealAsync", async (w, p) => Done(await w.Chat.Crm.CreateDealAsync(W(w, p), C(w, p), A(w, p), T(p)!))),
        ("Crm.AddNoteAsync", async (w, p) => Done(await w.Chat.Crm.AddNoteAsync(W(w, p), p.OtherText == 0 ? default : new CrmRecordId(T2(p)!), A(w, p), T(p)!))),
        ("Playbooks.PublishAsync", async (w, p) => Done(await w.Chat.Playbooks.PublishAsync(W(w, p), new Playbook
        {
            Id = "hostile",
            Version = (int)Math.Clamp(N(p), int.MinValue, int.MaxValue),
            Language = "en",
            StartCardId = "greet",
            Cards = [new MessageCard { Id = "greet", Text = T(p)!, Next = "bye" }, new EndCard { Id = "bye", Text = T2(p) }],
        }))),
        ("Identity.GetContactAsync", async (w, p) => Done(await w.Chat.Identity.GetContactAsync(W(w, p), p.Number % 2 == 0 ? default : new ContactId(Guid.NewGuid())))),
    ];

    private static WorkspaceId W(HostileWorld w, HostilePick p) => w.Workspaces[p.Workspace];

    private static ConversationId C(HostileWorld w, HostilePick p) => w.ConversationIds[p.Conversation];

    private static AgentId A(HostileWorld w, HostilePick p) => w.AgentIds[p.Agent];

    private static VisitorToken V(HostileWorld w, HostilePick p) => w.Tokens[p.Token];

    private static string? T(HostilePick p) => HostileWorld.Texts[p.Text];

    private static string? T2(HostilePick p) => HostileWorld.Texts[p.OtherText];

    private static long N(HostilePick p) => HostileWorld.Numbers[p.Number];

    private static Func<Task>? Done<T>(T ignored) => null;

    /// <summary>An accepted message reads back exactly: same text, same client message id, through the agent-side reader.</summary>
    private static Func<Task> ReadsBack(HostileWorld w, HostilePick p, ChatMessage posted) => async () =>
    {
        var read = await w.Chat.Conversations.GetMessagesAsync(W(w, p), C(w, p), posted.Sequence - 1, 1);
        read.Should().ContainSingle().Which.Should().BeEquivalentTo(posted);
        posted.Text.Should().Be(T(p));
    };
}
