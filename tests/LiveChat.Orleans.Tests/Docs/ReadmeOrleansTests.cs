using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Tests.Docs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Hosting;

namespace LiveChat.Orleans.Tests.Docs;

/// <summary>Keeps the README's Orleans section compiling and working: the code below is the README's block, verbatim.</summary>
public sealed class ReadmeOrleansTests
{
    [Fact]
    public async Task ScaleOut_AssignsAQueuedRequest_WhenAnAgentComesOnline()
    {
        var output = await ReadmeBlocks.CaptureConsoleAsync(async () =>
        {
            // orleans:begin
            var builder = Host.CreateApplicationBuilder();
            builder.Services.AddLiveChat(o => o.BotDisplayName = "Leo")
                .UseOrleans(silo => silo.UseLocalhostClustering(siloPort: 21111, gatewayPort: 31111));
            using var host = builder.Build();
            await host.StartAsync();

            var chat = host.Services.GetRequiredService<LiveChatEngine>();
            var acme = new WorkspaceId("acme");
            var alice = new AgentId("alice");
            await chat.Agents.RegisterAsync(acme, new AgentRegistration(alice, "Alice", MaxConcurrentConversations: 3));
            var (conversation, visitorToken) = await chat.Conversations.StartAsync(acme);
            await chat.Visitors.RequestAgentAsync(acme, conversation.Id, visitorToken); // nobody is online: the request waits
            await chat.Agents.SetStatusAsync(acme, alice, AgentStatus.Online);          // the workspace's router grain assigns it
            var assigned = await chat.Conversations.GetAsync(acme, conversation.Id);
            Console.WriteLine($"{assigned.State} to {assigned.AssignedAgentId}");
            await host.StopAsync();
            // orleans:end
        });

        output.Should().Contain("Assigned to alice");
    }

    [Fact]
    public void Readme_ShowsExactlyThisCode()
        => ReadmeBlocks.InReadme("## Scale out on Orleans").Should().Be(ReadmeBlocks.InSource(ReadmeBlocks.SourceFile(), "orleans"));
}
