using System.Net;
using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Tests.Docs;
using LiveChat.Orleans.Tests.Postgres;
using LiveChat.Storage.PostgreSql.Tests;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Hosting;

namespace LiveChat.Orleans.Tests.Docs;

/// <summary>Keeps the README's Orleans section compiling and working: the code below is the README's block, verbatim.</summary>
public sealed class ReadmeOrleansTests
{
    [PostgresFact]
    public async Task ScaleOut_TwoServersOnOneStore_AssignAQueuedRequest_WhenAnAgentComesOnlineThroughTheOther()
    {
        await using var database = await TempDatabase.CreateAsync();
        var postgres = database.ConnectionString;
        var output = await ReadmeBlocks.CaptureConsoleAsync(async () =>
        {
            // orleans:begin
            async Task<IHost> StartServerAsync(int siloPort, int gatewayPort)
            {
                var builder = Host.CreateApplicationBuilder();
                builder.Services.AddLiveChat(o => o.BotDisplayName = "Leo")
                    .UsePostgreSql(postgres)                                      // the store every server shares
                    .UseOrleans(silo => silo
                        .UseLiveChatPostgreSql(postgres)                          // membership and reminders
                        .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = ("acme-prod", "livechat"))
                        .ConfigureEndpoints(IPAddress.Loopback, siloPort, gatewayPort)); // ports of its own on one machine
                var host = builder.Build();
                await host.StartAsync();
                return host;
            }

            using var serverA = await StartServerAsync(siloPort: 21111, gatewayPort: 31111);
            using var serverB = await StartServerAsync(siloPort: 21112, gatewayPort: 31112);
            var chatA = serverA.Services.GetRequiredService<LiveChatEngine>();
            var chatB = serverB.Services.GetRequiredService<LiveChatEngine>();
            var acme = new WorkspaceId("acme");
            var alice = new AgentId("alice");
            await chatA.Agents.RegisterAsync(acme, new AgentRegistration(alice, "Alice", MaxConcurrentConversations: 3));
            var (conversation, visitorToken) = await chatA.Conversations.StartAsync(acme);
            await chatA.Visitors.RequestAgentAsync(acme, conversation.Id, visitorToken); // nobody is online: the request waits
            await chatB.Agents.SetStatusAsync(acme, alice, AgentStatus.Online);          // through B: the router grain assigns it
            var assigned = await chatB.Conversations.GetAsync(acme, conversation.Id);
            Console.WriteLine($"{assigned.State} to {assigned.AssignedAgentId}");
            await serverB.StopAsync();
            await serverA.StopAsync();
            // orleans:end
        });

        output.Should().Contain("Assigned to alice");
    }

    [Fact]
    public void Readme_ShowsExactlyThisCode()
        => ReadmeBlocks.InReadme("## Scale out on Orleans").Should().Be(ReadmeBlocks.InSource(ReadmeBlocks.SourceFile(), "orleans"));
}
