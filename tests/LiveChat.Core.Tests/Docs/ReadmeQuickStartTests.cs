using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace LiveChat.Core.Tests.Docs;

/// <summary>Keeps the README's quick start compiling and working: the code below is the README's block, verbatim.</summary>
public sealed class ReadmeQuickStartTests
{
    [Fact]
    public async Task QuickStart_RunsACompleteConversation()
    {
        var output = await ReadmeBlocks.CaptureConsoleAsync(async () =>
        {
            // quick-start:begin
            var services = new ServiceCollection();
            services.AddLiveChat(options => options.BotDisplayName = "Leo");
            await using var provider = services.BuildServiceProvider();
            var chat = provider.GetRequiredService<LiveChatEngine>();

            var acme = new WorkspaceId("acme");
            var alice = new AgentId("alice");
            await chat.Agents.RegisterAsync(acme, new AgentRegistration(alice, "Alice", MaxConcurrentConversations: 3));
            await chat.Agents.SetStatusAsync(acme, alice, AgentStatus.Online);

            // A visitor opens the widget. Keep the token in the visitor's browser only.
            var (conversation, visitorToken) = await chat.Conversations.StartAsync(acme);
            await chat.Conversations.PostBotMessageAsync(acme, conversation.Id, "Hi! How can I help?");
            await chat.Visitors.PostAsync(acme, conversation.Id, visitorToken, "I need a quote", clientMessageId: "msg-1");

            // The visitor asks for a human: the router gives the conversation to an available agent (round robin by default).
            var handoff = await chat.Visitors.RequestAgentAsync(acme, conversation.Id, visitorToken);
            await chat.Conversations.PostAgentMessageAsync(acme, conversation.Id, alice, "Hello, Alice here!");
            await chat.Conversations.EndAsync(acme, conversation.Id, endedBy: alice);

            var transcript = await chat.Conversations.GetTranscriptAsync(acme, conversation.Id);
            Console.WriteLine(transcript.ToPlainText());
            // quick-start:end

            handoff.Should().Be(HandoffOutcome.Assigned);
            transcript.EndedAt.Should().NotBeNull();
        });

        output.Should().Contain("Leo: Hi! How can I help?").And.Contain("Alice: Hello, Alice here!");
    }

    [Fact]
    public async Task Readme_RoutingExample_Runs_AndAliceAcceptsTheOffer()
    {
        // routing:begin
        var services = new ServiceCollection();
        services.AddLiveChat(o =>
        {
            o.Routing.Mode = RoutingMode.Offer;                    // Assign (default), Offer or Alert
            o.Routing.Strategy = RoutingStrategy.LeastBusy;        // RoundRobin (default), StrictRoundRobin, LeastBusy, Manual, or your own
            o.Routing.OfferTimeout = TimeSpan.FromSeconds(30);     // the lease of one offer
            o.Routing.PresenceTimeout = TimeSpan.FromSeconds(60);  // how long a heartbeat lasts
            o.Routing.RequeuePolicy = RequeuePolicy.Requeue;       // or Keep
            o.Routing.RequeueAfter = TimeSpan.FromMinutes(2);      // grace before an absent agent's chats are requeued
        });
        await using var provider = services.BuildServiceProvider();
        var chat = provider.GetRequiredService<LiveChatEngine>();

        var acme = new WorkspaceId("acme");
        var alice = new AgentId("alice");
        var sales = new TeamId("sales");
        await chat.Agents.DefineTeamAsync(acme, new Team(new TeamId("support"), "Support"));
        await chat.Agents.DefineTeamAsync(acme, new Team(sales, "Sales", FallbackTeam: new TeamId("support")));
        await chat.Agents.RegisterAsync(acme, new AgentRegistration(alice, "Alice", 3) { Teams = [sales] });
        await chat.Agents.SetStatusAsync(acme, alice, AgentStatus.Online);
        await chat.Agents.HeartbeatAsync(acme, alice); // from the agent's client, every ~20 s

        var (conversation, _) = await chat.Conversations.StartAsync(acme);
        if (await chat.Agents.IsAvailableAsync(acme, RoutingTarget.ToTeam(sales)))
        {
            // Offer mode: Alice receives an AgentNotification of kind Offered and accepts with its token.
            var handoff = await chat.Conversations.RequestAgentAsync(acme, conversation.Id, RoutingTarget.ToTeam(sales));
            var offer = handoff.Conversation.Routing!.Offer!;
            await chat.Conversations.AcceptOfferAsync(acme, conversation.Id, offer.AgentId, offer.Token);
        }

        // routing:end
        (await chat.Conversations.GetAsync(acme, conversation.Id)).AssignedAgentId.Should().Be(alice);
    }

    [Theory]
    [InlineData("## Quick start", "quick-start")]
    [InlineData("## Routing", "routing")]
    public void Readme_CodeBlocks_AreTheCodeTheseTestsRun(string section, string marker)
        => ReadmeBlocks.InReadme(section).Should().Be(ReadmeBlocks.InSource(ReadmeBlocks.SourceFile(), marker));
}
