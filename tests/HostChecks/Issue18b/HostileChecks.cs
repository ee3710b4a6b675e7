using FluentAssertions;
using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using Xunit;

namespace LiveChat.Issue18b.Checks;

/// <summary>Hostile input arriving through another server than the conversation's grain: refused with the core's own exceptions, nothing stored.</summary>
public sealed class HostileChecks
{
    private static readonly WorkspaceId Acme = new("acme");
    private static readonly WorkspaceId Globex = new("globex");

    private static async Task<(Cluster, ConversationId, VisitorToken, AgentId, long)> AssignedAsync()
    {
        var cluster = await Cluster.StartAsync(3);
        var alice = await Support.OnlineAgentAsync(cluster[0], Acme, "alice");
        var (conversation, token) = await cluster[0].StartIdAsync(Acme, new StartConversationRequest());
        await cluster[0].Visitors.PostAsync(Acme, conversation, token, "hello", "v-0");
        await cluster[0].Conversations.ClaimAsync(Acme, conversation, alice);
        await cluster[0].Conversations.PostAgentMessageAsync(Acme, conversation, alice, "hi", "a-0");
        var last = (await cluster[0].Conversations.GetAsync(Acme, conversation)).LastSequence;
        return (cluster, conversation, token, alice, last);
    }

    [Fact]
    public async Task AnotherWorkspacesIds_ThroughOtherServers_NotFound_NothingChanges()
    {
        var (cluster, conversation, token, alice, last) = await AssignedAsync();
        await using var _c = cluster;
        var mallory = await Support.OnlineAgentAsync(cluster[1], Globex, "alice", "Mallory"); // same agent id, other workspace
        var before = await cluster[0].Conversations.GetAsync(Acme, conversation);

        foreach (var server in new[] { 1, 2 })
        {
            var chat = cluster[server];
            (await FluentActions.Awaiting(async () => await chat.Visitors.PostAsync(Globex, conversation, token, "x", "g-1"))
                .Should().ThrowAsync<ConversationNotFoundException>()).Which.ConversationId.Should().Be(conversation);
            await FluentActions.Awaiting(async () => await chat.Conversations.PostAgentMessageAsync(Globex, conversation, mallory, "x", "g-2"))
                .Should().ThrowAsync<ConversationNotFoundException>();
            await FluentActions.Awaiting(async () => await chat.Conversations.ClaimAsync(Globex, conversation, mallory))
                .Should().ThrowAsync<ConversationNotFoundException>();
            await FluentActions.Awaiting(async () => await chat.Conversations.AssignAsync(Globex, conversation, mallory))
                .Should().ThrowAsync<LiveChatException>();
            await FluentActions.Awaiting(async () => await chat.Conversations.EndAsync(Globex, conversation, mallory))
                .Should().ThrowAsync<ConversationNotFoundException>();
            await FluentActions.Awaiting(async () => await chat.Visitors.EndAsync(Globex, conversation, token))
                .Should().ThrowAsync<ConversationNotFoundException>();
            await FluentActions.Awaiting(async () => await chat.Visitors.SubmitContactFormAsync(Globex, conversation, token, new ContactForm { Name = "Eve", Email = "eve@evil.example" }))
                .Should().ThrowAsync<ConversationNotFoundException>();
            await FluentActions.Awaiting(async () => await chat.Details.AddNoteAsync(Globex, conversation, mallory, "note"))
                .Should().ThrowAsync<ConversationNotFoundException>();
            await FluentActions.Awaiting(async () => await chat.Conversations.GetAsync(Globex, conversation))
                .Should().ThrowAsync<ConversationNotFoundException>();
        }

        var after = await cluster[2].Conversations.GetAsync(Acme, conversation);
        after.LastSequence.Should().Be(last);
        after.State.Should().Be(before.State);
        after.AssignedAgentId.Should().Be(alice);
        after.Version.Should().Be(before.Version, "nothing was written");
    }

    [Fact]
    public async Task OversizedText_ThroughAnotherServer_MessageTooLong_WithItsValues_NothingStored()
    {
        var (cluster, conversation, token, alice, last) = await AssignedAsync();
        await using var _c = cluster;
        var huge = new string('x', 100_000);
        var visitor = (await FluentActions.Awaiting(async () => await cluster[1].Visitors.PostAsync(Acme, conversation, token, huge, "big-1"))
            .Should().ThrowAsync<MessageTooLongException>()).Which;
        visitor.Length.Should().Be(huge.Length);
        visitor.MaxLength.Should().BeGreaterThan(0).And.BeLessThan(huge.Length);
        (await FluentActions.Awaiting(async () => await cluster[2].Conversations.PostAgentMessageAsync(Acme, conversation, alice, huge, "big-2"))
            .Should().ThrowAsync<MessageTooLongException>()).Which.Length.Should().Be(huge.Length);
        await FluentActions.Awaiting(async () => await cluster[2].Details.AddNoteAsync(Acme, conversation, alice, huge))
            .Should().ThrowAsync<ArgumentException>();
        await FluentActions.Awaiting(async () => await cluster[1].Visitors.SubmitContactFormAsync(Acme, conversation, token, new ContactForm { Name = new string('n', 5_000) }))
            .Should().ThrowAsync<ArgumentException>();
        (await cluster[0].Conversations.GetAsync(Acme, conversation)).LastSequence.Should().Be(last);
    }

    [Fact]
    public async Task UnstorableText_AndWrongToken_ThroughAnotherServer_CoreExceptionsNotOrleansOnes()
    {
        var (cluster, conversation, token, alice, last) = await AssignedAsync();
        await using var _c = cluster;
        await FluentActions.Awaiting(async () => await cluster[1].Visitors.PostAsync(Acme, conversation, token, "nul \0 inside", "nul-1"))
            .Should().ThrowAsync<ArgumentException>();
        await FluentActions.Awaiting(async () => await cluster[2].Conversations.PostAgentMessageAsync(Acme, conversation, alice, "lone \uD800 surrogate", "sur-1"))
            .Should().ThrowAsync<ArgumentException>();
        await FluentActions.Awaiting(async () => await cluster[1].Visitors.PostAsync(Acme, conversation, token, "ok", new string('k', 129)))
            .Should().ThrowAsync<ArgumentException>("a clientMessageId is at most 128 characters");
        var (_, otherToken) = await cluster[0].StartIdAsync(Acme, new StartConversationRequest());
        await FluentActions.Awaiting(async () => await cluster[2].Visitors.PostAsync(Acme, conversation, otherToken, "hijack", "h-1"))
            .Should().ThrowAsync<ConversationNotFoundException>("a wrong token looks exactly like a missing conversation");
        var bob = await Support.OnlineAgentAsync(cluster[2], Acme, "bob", "Bob");
        (await FluentActions.Awaiting(async () => await cluster[2].Conversations.PostAgentMessageAsync(Acme, conversation, bob, "not mine", "b-1"))
            .Should().ThrowAsync<NotAssignedAgentException>()).Which.AgentId.Should().Be(bob);
        (await cluster[1].Conversations.GetAsync(Acme, conversation)).LastSequence.Should().Be(last);
    }

    [Fact]
    public async Task MarkupInNamesAndText_ThroughAnotherServer_StoredExactlyAsGiven()
    {
        await using var cluster = await Cluster.StartAsync(3);
        const string visitorName = "<script>alert('v')</script>";
        const string agentName = "<img src=x onerror=alert(1)>";
        const string formName = "\"><svg/onload=alert(2)>";
        const string text = "<b>bold</b> & <a href=\"javascript:alert(3)\">click</a> \u202Eevil";
        var agent = new AgentId("alice");
        await cluster[2].Agents.RegisterAsync(Acme, new AgentRegistration(agent, agentName, 3));
        await cluster[2].Agents.SetStatusAsync(Acme, agent, AgentStatus.Online);
        await cluster[2].Agents.HeartbeatAsync(Acme, agent);
        var (conversation, token) = await cluster[0].StartIdAsync(Acme, new StartConversationRequest { VisitorName = visitorName });
        var posted = await cluster[1].Visitors.PostAsync(Acme, conversation, token, text, "m-1");
        await cluster[1].Visitors.SubmitContactFormAsync(Acme, conversation, token, new ContactForm { Name = formName, Email = "x@example.com" });
        await cluster[2].Conversations.ClaimAsync(Acme, conversation, agent);
        await cluster[1].Conversations.PostAgentMessageAsync(Acme, conversation, agent, text, "a-1");
        await cluster[0].Details.UpdateAsync(Acme, conversation, agent, new ConversationDetailsUpdate { PersonName = visitorName, OrganizationName = agentName });

        posted.Text.Should().Be(text);
        foreach (var i in cluster.Running)
        {
            var c = await cluster[i].Conversations.GetAsync(Acme, conversation);
            c.Details.PersonName.Should().Be(visitorName);
            c.Details.OrganizationName.Should().Be(agentName);
            var messages = await cluster[i].AllMessagesAsync(Acme, conversation);
            messages.Where(m => m.ClientMessageId is "m-1" or "a-1").Select(m => m.Text).Should().Equal(text, text);
            messages.Single(m => m.ClientMessageId == "a-1").Sender.DisplayName.Should().Be(agentName);
            messages.Single(m => m.ClientMessageId == "m-1").Sender.DisplayName.Should().BeOneOf(visitorName, formName);
        }
    }

    [Fact]
    public async Task ConversationReadThroughEachServer_EqualsTheOneWritten()
    {
        await using var cluster = await Cluster.StartAsync(3);
        var alice = await Support.OnlineAgentAsync(cluster[0], Acme, "alice");
        var (conversation, token) = await cluster[0].StartIdAsync(Acme, new StartConversationRequest { VisitorName = "Zoë 😀" });
        await cluster[1].Conversations.ClaimAsync(Acme, conversation, alice);
        await cluster[2].Details.UpdateAsync(Acme, conversation, alice, new ConversationDetailsUpdate
        {
            DealValue = new Money(1234.56m, "EUR"), PersonName = "Zoë Ångström", OrganizationName = "Ünïcode GmbH",
        });
        await cluster[1].Details.AddNoteAsync(Acme, conversation, alice, "note ✓");
        var views = new List<Conversation>();
        foreach (var i in cluster.Running)
        {
            views.Add(await cluster[i].Conversations.GetAsync(Acme, conversation));
        }

        views.Should().AllSatisfy(v => v.Should().Be(views[0]));
        views[0].Details.DealValue!.Value.Amount.Should().Be(1234.56m);
        views[0].VisitorName.Should().Be("Zoë 😀");
    }
}
