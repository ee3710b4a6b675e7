// EXPECTED API (not in 0.1.0-s6.1's docs; compiled only with -p:ExpectedApi=true).
// The README's "Scale out on Orleans" snippet shows UseOrleans without UsePostgreSql, and the docs say the store "must be
// shared by every silo". A host copying the snippet onto two servers gets one in-memory store per server. What a host
// would expect: the mistake is refused when a second silo joins a cluster whose servers do not share a durable store
// (an OptionsValidationException / InvalidOperationException at start, or a logged error), never silent divergence
// where each server sees different conversations. The lead can adapt the expected exception type or turn this into a
// docs fix (mark the snippet single-server only).
using FluentAssertions;
using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;

namespace LiveChat.Issue18.Checks;

public sealed class ExpectedApiSharedStore
{
    [ClusterFact]
    public async Task TwoServersWithoutASharedStore_AreRefusedAtStart_OrBehaveAsOne()
    {
        Cluster? cluster = null;
        try
        {
            cluster = await Cluster.StartAsync(new ClusterSetup { Servers = 2, SharedStore = false });
        }
        catch (Exception e) when (e is InvalidOperationException or Microsoft.Extensions.Options.OptionsValidationException)
        {
            return; // refused at start with a clear error: what a host wants
        }

        await using (cluster)
        {
            var ws = Ids.Workspace("nostore");
            var (c, t) = await cluster.A.Chat.Conversations.StartAsync(ws);
            await cluster.A.Chat.Visitors.RequestAgentAsync(ws, c.Id, t);
            await TimersInAClusterTests.OnlineAsync(cluster.B, ws, new AgentId("alice"));
            var readOnB = async () => await cluster.B.Chat.Conversations.GetAsync(ws, c.Id);
            await readOnB.Should().NotThrowAsync("servers of one cluster see the same conversations");
            await Wait.UntilAsync(async () => (await cluster.A.Chat.Conversations.GetAsync(ws, c.Id)).State == ConversationState.Assigned,
                TimeSpan.FromSeconds(20), "assigned when an agent came online on B");
        }
    }
}
