using System.Net;
using FluentAssertions;
using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Orleans;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Hosting;
using static Chk18c.H;

namespace Chk18c;

/// <summary>Area 5: what the README's "Scale out on Orleans" and docs/scale-out.md promise a host, public API only.</summary>
public class HostApiTests
{
    // UseOrleans XML doc: "ArgumentNullException: builder or configureSilo is null"; UseLiveChatPostgreSql XML doc:
    // "ArgumentNullException ... connectionString is null", "ArgumentException: connectionString is empty, blank or not a
    // valid Npgsql connection string".
    [Fact]
    public void UseOrleans_And_UseLiveChatPostgreSql_RefuseBadArguments_WithArgumentExceptions()
    {
        var services = new ServiceCollection();
        var lc = services.AddLiveChat();
        var nullConfigure = () => lc.UseOrleans(null!);
        nullConfigure.Should().Throw<ArgumentNullException>();
        var nullBuilder = () => OrleansLiveChatBuilderExtensions.UseOrleans(null!, _ => { });
        nullBuilder.Should().Throw<ArgumentNullException>();

        var seen = new List<Exception?>();
        foreach (var bad in new string?[] { null, "", "   ", "this is = not ; a = valid ; connection string ===", "Hostx=1;Nonsense=2" })
        {
            Exception? caught = null;
            var b = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            try
            {
                b.Services.AddLiveChat().UseOrleans(silo => silo.UseLiveChatPostgreSql(bad!));
                using var h = b.Build();
            }
            catch (Exception e) { caught = e; }
            seen.Add(caught);
            caught.Should().NotBeNull($"'{bad}' must be refused");
            (caught is ArgumentException || caught?.InnerException is ArgumentException).Should().BeTrue(
                $"'{bad}' -> {caught?.GetType().Name}: {caught?.Message}");
            if (bad is null) (caught is ArgumentNullException || caught?.InnerException is ArgumentNullException).Should().BeTrue();
        }
    }

    // LiveChatClusterOptions.DueWorkPartitions XML doc: "Default 8; at least 1" / "ArgumentOutOfRangeException: The value
    // is less than 1."
    [Fact]
    public void DueWorkPartitions_DefaultsToEight_AndRefusesLessThanOne()
    {
        var o = new LiveChatClusterOptions();
        o.DueWorkPartitions.Should().Be(8);
        var zero = () => o.DueWorkPartitions = 0;
        zero.Should().Throw<ArgumentOutOfRangeException>();
        var negative = () => o.DueWorkPartitions = -3;
        negative.Should().Throw<ArgumentOutOfRangeException>();
        o.DueWorkPartitions = 1;
        o.DueWorkPartitions.Should().Be(1);
    }

    // reference.md X1: "services.AddLiveChat(...) with options validated on start"; LiveChatOptionsValidator: "names every
    // invalid setting at once". A silo host with bad routing options does not start, and the error names each setting.
    [Fact]
    public async Task SiloHost_WithInvalidRoutingOptions_FailsToStart_NamingEverySetting()
    {
        var db = await Pg.CreateDatabaseAsync();
        try
        {
            var b = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            b.Services.AddLiveChat(o =>
                {
                    o.Routing.OfferTimeout = TimeSpan.Zero;
                    o.Routing.PresenceTimeout = TimeSpan.FromDays(3);
                })
                .UsePostgreSql(db)
                .UseOrleans(silo => silo.UseLiveChatPostgreSql(db)
                    .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = ("bad-" + Guid.NewGuid().ToString("N")[..6], "bad"))
                    .ConfigureEndpoints(IPAddress.Loopback, Cluster.FreePort(), Cluster.FreePort()));
            Exception? caught = null;
            IHost? host = null;
            try
            {
                host = b.Build();
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(40));
                await host.StartAsync(cts.Token);
                _ = host.Services.GetRequiredService<LiveChatEngine>();
            }
            catch (Exception e) { caught = e; }
            finally
            {
                if (host is not null)
                {
                    try { await host.StopAsync(); } catch { }
                    host.Dispose();
                }
            }
            caught.Should().NotBeNull();
            var all = caught!.ToString();
            (caught is OptionsValidationException || caught.InnerException is OptionsValidationException || caught.GetBaseException() is OptionsValidationException)
                .Should().BeTrue(caught.GetType().Name + ": " + caught.Message);
            all.Should().Contain("OfferTimeout").And.Contain("PresenceTimeout");
        }
        finally
        {
            await Pg.DropDatabaseAsync(db);
        }
    }

    // README / scale-out.md: "The silo logs one warning at start when the store is the in-memory default."
    [Fact]
    public async Task UseOrleansWithoutASharedStore_LogsOneWarningAtStart_AndWithPostgreSqlNone()
    {
        var sink = new LogSink();
        var b = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        b.Logging.ClearProviders();
        b.Logging.AddProvider(sink);
        b.Logging.SetMinimumLevel(LogLevel.Warning);
        var port = Cluster.FreePort();
        b.Services.AddLiveChat().UseOrleans(silo => silo.UseLocalhostClustering(port, Cluster.FreePort(), null, "svc-" + port, "cl-" + port));
        using (var host = b.Build())
        {
            await host.StartAsync();
            await Wait.UntilAsync(() => sink.Entries.Any(e => e.Category.Contains("LiveChat", StringComparison.Ordinal) &&
                                                              e.Message.Contains("memory", StringComparison.OrdinalIgnoreCase)),
                Wait.Long, "the in-memory store warning");
            await Task.Delay(1000);
            await host.StopAsync();
        }
        sink.Entries.Count(e => e.Category.Contains("LiveChat", StringComparison.Ordinal) && e.Message.Contains("memory", StringComparison.OrdinalIgnoreCase))
            .Should().Be(1, string.Join(" | ", sink.Entries.Select(e => e.Category + ": " + e.Message)));

        await using var c = await Cluster.StartAsync(1, record: false);
        await Task.Delay(1000);
        c.Logs.Entries.Where(e => e.Category.Contains("LiveChat", StringComparison.Ordinal) && e.Message.Contains("memory", StringComparison.OrdinalIgnoreCase))
            .Should().BeEmpty("the store is PostgreSQL");
    }

    // reference.md "Errors": "Every exception the SDK throws is a LiveChatException with a Category"; scale-out.md: "A core
    // exception raised in the grain comes back as itself with every property". Refusals decided in a grain on another
    // server reach the caller with their category and HTTP status.
    [Fact]
    public async Task RefusalsDecidedOnAnotherServer_ReachTheCallerAsCoreExceptions_WithTheirCategories()
    {
        await using var c = await Cluster.StartAsync(3, record: false);
        await c.RegisterOnlineAsync(c[0], "a1", 1);
        await c.RegisterOnlineAsync(c[0], "a2", 1);
        var (conv, token) = await c.StartConversationAsync(c[0]);
        await c[0].Chat.Visitors.PostAsync(c.Ws, conv.Id, token, "hello", "h1");
        await c[0].Chat.Conversations.ClaimAsync(c.Ws, conv.Id, A("a1"));

        async Task<Exception> Catch(Func<Task> f)
        {
            try { await f(); }
            catch (Exception e) { return e; }
            throw new Xunit.Sdk.XunitException("expected a refusal");
        }

        var claimed = await Catch(async () => await c[2].Chat.Conversations.ClaimAsync(c.Ws, conv.Id, A("a2")));
        claimed.Should().BeOfType<ConversationAlreadyClaimedException>();
        LiveChatException.CategoryOf(claimed).Should().Be(LiveChatErrorCategory.Conflict);
        LiveChatErrorCategory.Conflict.ToHttpStatusCode().Should().Be(409);

        var notMine = await Catch(async () => await c[1].Chat.Conversations.PostAgentMessageAsync(c.Ws, conv.Id, A("a2"), "hi", "x1"));
        notMine.Should().BeOfType<NotAssignedAgentException>();
        LiveChatException.CategoryOf(notMine).Should().Be(LiveChatErrorCategory.Forbidden);

        var other = new WorkspaceId("other-" + Guid.NewGuid().ToString("N")[..6]);
        var foreign = await Catch(async () => await c[1].Chat.Conversations.PostAgentMessageAsync(other, conv.Id, A("a1"), "hi", "x2"));
        LiveChatException.CategoryOf(foreign).Should().Be(LiveChatErrorCategory.NotFound, foreign.GetType().Name);
        var foreignRead = await Catch(async () => await c[1].Chat.Conversations.GetAsync(other, conv.Id));
        foreignRead.Should().BeOfType<ConversationNotFoundException>();

        var wrongToken = await Catch(async () => await c[2].Chat.Visitors.PostAsync(c.Ws, conv.Id, new VisitorToken(new string('x', 43)), "hi", "x3"));
        LiveChatException.CategoryOf(wrongToken).Should().Be(LiveChatErrorCategory.NotFound, wrongToken.GetType().Name);
        wrongToken.Message.Should().NotContain(token.Value);

        await c[2].Chat.Conversations.EndAsync(c.Ws, conv.Id, A("a1"));
        var ended = await Catch(async () => await c[1].Chat.Visitors.PostAsync(c.Ws, conv.Id, token, "still?", "x4"));
        ended.Should().BeOfType<ConversationEndedException>();
        LiveChatException.CategoryOf(ended).Should().Be(LiveChatErrorCategory.Conflict);

        var msgs = await c[0].Chat.Conversations.GetMessagesAsync(c.Ws, conv.Id);
        msgs.Should().NotContain(m => m.Text == "hi" || m.Text == "still?", "a refusal changes nothing");
    }

    // ConversationService/VisitorService XML docs: "cancellationToken: Cancels the call"; reference.md Errors: "nothing has
    // changed when it is thrown". A call made through another server with an already-cancelled token throws and stores nothing.
    private static async Task<(Cluster C, Conversation Conv, VisitorToken Token)> CancelSetupAsync()
    {
        var c = await Cluster.StartAsync(2, record: false);
        await c.RegisterOnlineAsync(c[0], "a1", 2);
        var (conv, token) = await c.StartConversationAsync(c[0]);
        await c[0].Chat.Visitors.PostAsync(c.Ws, conv.Id, token, "first", "f1"); // the conversation's grain is on S1
        return (c, conv, token);
    }

    private static CancellationToken Cancelled()
    {
        var cts = new CancellationTokenSource();
        cts.Cancel();
        return cts.Token;
    }

    [Fact]
    public async Task CancelledVisitorPostThroughAnotherServer_Throws_AndStoresNothing()
    {
        var (c, conv, token) = await CancelSetupAsync();
        await using var _ = c;
        var post = async () => await c[1].Chat.Visitors.PostAsync(c.Ws, conv.Id, token, "cancelled post", "c1", Cancelled());
        await post.Should().ThrowAsync<OperationCanceledException>();
        await Task.Delay(Wait.Quiet);
        var msgs = await c[0].Chat.Conversations.GetMessagesAsync(c.Ws, conv.Id);
        msgs.Select(m => m.Text).Should().NotContain("cancelled post", "the caller was told the post was cancelled");
    }

    [Fact]
    public async Task CancelledClaimThroughAnotherServer_Throws_AndAssignsNothing()
    {
        var (c, conv, _) = await CancelSetupAsync();
        await using var __ = c;
        var claim = async () => await c[1].Chat.Conversations.ClaimAsync(c.Ws, conv.Id, A("a1"), Cancelled());
        await claim.Should().ThrowAsync<OperationCanceledException>();
        await Task.Delay(Wait.Quiet);
        (await c.GetAsync(c[0], conv.Id)).AssignedAgentId.Should().BeNull("the caller was told the claim was cancelled");
        (await c.AgentAsync(c[0], "a1")).OpenConversations.Should().Be(0);
    }

    [Fact]
    public async Task CancelledStatusChangeThroughAnotherServer_Throws_AndChangesNothing()
    {
        var (c, _, _) = await CancelSetupAsync();
        await using var __ = c;
        var status = async () => await c[1].Chat.Agents.SetStatusAsync(c.Ws, A("a1"), AgentStatus.Away, Cancelled());
        await status.Should().ThrowAsync<OperationCanceledException>();
        await Task.Delay(Wait.Quiet);
        (await c.AgentAsync(c[0], "a1")).Status.Should().Be(AgentStatus.Online);
    }

    // Control for the three checks above: the same calls on the single-process engine (no UseOrleans) with an
    // already-cancelled token throw and change nothing, which is what the cluster is measured against.
    [Fact]
    public async Task Control_SingleProcess_CancelledPostAndClaim_Throw_AndChangeNothing()
    {
        var services = new ServiceCollection();
        services.AddLiveChat();
        await using var p = services.BuildServiceProvider();
        var chat = p.GetRequiredService<LiveChatEngine>();
        var ws = new WorkspaceId("control");
        await chat.Agents.RegisterAsync(ws, new AgentRegistration(A("a1"), "A1", 2));
        await chat.Agents.SetStatusAsync(ws, A("a1"), AgentStatus.Online);
        var (conv, token) = await chat.Conversations.StartAsync(ws);
        var post = async () => await chat.Visitors.PostAsync(ws, conv.Id, token, "cancelled post", "c1", Cancelled());
        await post.Should().ThrowAsync<OperationCanceledException>();
        var claim = async () => await chat.Conversations.ClaimAsync(ws, conv.Id, A("a1"), Cancelled());
        await claim.Should().ThrowAsync<OperationCanceledException>();
        (await chat.Conversations.GetMessagesAsync(ws, conv.Id)).Select(m => m.Text).Should().NotContain("cancelled post");
        (await chat.Conversations.GetAsync(ws, conv.Id)).AssignedAgentId.Should().BeNull();
    }

    // scale-out.md "Retries": "posts ... with their idempotency key (the store returns the first message)" go through
    // FrontDoorRetry; ClusterUnavailableException: "no Orleans type reaches a host". The server holding the conversation's
    // grain stops gracefully while visitors keep posting through the two others: every post through a survivor is
    // acknowledged, stored once, with contiguous sequences.
    [Fact]
    public async Task GracefulStopOfTheServerHoldingTheConversation_WhilePostsFlowThroughTheOthers_LosesAndDuplicatesNothing()
    {
        await using var c = await Cluster.StartAsync(3, record: false);
        var (conv, token) = await c.StartConversationAsync(c[0]);
        await c[0].Chat.Visitors.PostAsync(c.Ws, conv.Id, token, "m-first", "k-first"); // the grain is placed on S1
        var failures = new System.Collections.Concurrent.ConcurrentBag<Exception>();
        var acked = new System.Collections.Concurrent.ConcurrentDictionary<string, long>();
        var posts = Task.Run(async () =>
        {
            for (var i = 0; i < 30; i++)
            {
                var via = c[1 + i % 2];
                try
                {
                    var m = await via.Chat.Visitors.PostAsync(c.Ws, conv.Id, token, $"m{i}", $"k{i}");
                    acked[$"k{i}"] = m.Sequence;
                }
                catch (Exception e) { failures.Add(e); }
            }
        });
        await Task.Delay(300);
        await c.StopServerAsync(c[0]);
        await posts;

        failures.Should().BeEmpty("posts are retried through the window with their keys, and no Orleans type reaches a host: " +
            string.Join(" | ", failures.Select(e => e.GetType().FullName + ": " + e.Message)));
        var msgs = await c[1].Chat.Conversations.GetMessagesAsync(c.Ws, conv.Id, 0, 500);
        var visitor = msgs.Where(m => m.Sender.Kind == SenderKind.Visitor).ToList();
        visitor.Select(m => m.ClientMessageId).Should().OnlyHaveUniqueItems();
        foreach (var (key, seq) in acked) visitor.Should().ContainSingle(m => m.ClientMessageId == key && m.Sequence == seq, key);
        msgs.Select(m => m.Sequence).Should().Equal(Enumerable.Range(1, msgs.Count).Select(i => (long)i), "sequences are contiguous");
    }
}
