using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Storage;
using LiveChat.Storage.HostDriver;

namespace LiveChat.Orleans.SiloHost;

/// <summary>
/// Steady load through this silo until disposed: visitors start conversations, post, ask for a human and post again;
/// this silo's agents answer and end what they own, claim from the unassigned folder now and then, and go offline and
/// back online. Each acknowledged call prints one line: <c>CONV WS CONV</c>, <c>MSG WS CONV CLIENT-ID SEQUENCE</c>,
/// <c>REQ WS CONV OUTCOME</c>, <c>CLAIM WS CONV AGENT</c>, <c>END WS CONV</c>, <c>ONLINE</c>/<c>OFFLINE WS AGENT</c>.
/// Calls that lose a race the domain refuses (a claimed, ended or full conversation) are part of the load, not errors.
/// </summary>
internal sealed class SteadyLoad : IAsyncDisposable
{
    /// <summary>How often each worker acts: a human pace, so the machine's two cores are not saturated by the driver.</summary>
    private static readonly TimeSpan Pace = TimeSpan.FromMilliseconds(100);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _workers;

    private SteadyLoad(Func<CancellationToken, Task[]> start) => _workers = Task.WhenAll(start(_stop.Token));

    public static SteadyLoad Start(LiveChatEngine chat, Presence presence, WorkspaceId ws, int visitors, AgentId[] agents)
        => new(stop => [
            .. Enumerable.Range(0, visitors).Select(_ => Task.Run(() => VisitorAsync(chat, ws, stop))),
            .. agents.Select((agent, i) => Task.Run(() => AgentAsync(chat, presence, ws, agent, i, stop))),
        ]);

    /// <summary>One visitor: starts, posts, leaves an address when given, asks for a human and posts again.</summary>
    public static async Task<ConversationId> VisitAsync(LiveChatEngine chat, WorkspaceId ws, string? email, int messages, CancellationToken stop = default)
    {
        var (conversation, token) = await chat.Conversations.StartAsync(ws, cancellationToken: stop);
        Acknowledgements.Write($"CONV {ws} {conversation.Id}");
        await PostAsync(chat, ws, conversation.Id, token, "q0", stop);
        if (email is not null)
        {
            await chat.Visitors.SubmitContactFormAsync(ws, conversation.Id, token, new ContactForm { Email = email }, stop);
        }

        var outcome = await chat.Visitors.RequestAgentAsync(ws, conversation.Id, token, cancellationToken: stop);
        Acknowledgements.Write($"REQ {ws} {conversation.Id} {outcome}");
        for (var m = 1; m < messages; m++)
        {
            await PostAsync(chat, ws, conversation.Id, token, $"q{m}", stop);
        }

        return conversation.Id;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _workers.ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    private static async Task PostAsync(LiveChatEngine chat, WorkspaceId ws, ConversationId id, VisitorToken token, string clientId, CancellationToken stop)
    {
        var message = await chat.Visitors.PostAsync(ws, id, token, $"message {clientId}", clientId, stop);
        Acknowledgements.Write($"MSG {ws} {id} {clientId} {message.Sequence}");
    }

    private static async Task VisitorAsync(LiveChatEngine chat, WorkspaceId ws, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            await Quietly(() => VisitAsync(chat, ws, email: null, messages: 3, stop));
            await Pause(stop);
        }
    }

    private static async Task AgentAsync(LiveChatEngine chat, Presence presence, WorkspaceId ws, AgentId agent, int index, CancellationToken stop)
    {
        await Quietly(() => presence.SetAsync(ws, agent, online: true));
        Acknowledgements.Write($"ONLINE {ws} {agent}");
        var random = new Random(HashCode.Combine(Environment.ProcessId, index));
        while (!stop.IsCancellationRequested)
        {
            await Quietly(async () =>
            {
                var mine = await chat.Inbox.ListAsync(ws, agent, InboxFolder.Mine, cancellationToken: stop);
                foreach (var conversation in mine.Items.Take(2))
                {
                    await chat.Conversations.PostAgentMessageAsync(ws, conversation.Id, agent, "On it.", cancellationToken: stop);
                    await chat.Conversations.EndAsync(ws, conversation.Id, agent, stop);
                    Acknowledgements.Write($"END {ws} {conversation.Id}");
                }

                if (random.Next(3) == 0)
                {
                    var waiting = await chat.Inbox.ListAsync(ws, agent, InboxFolder.Unassigned, pageSize: 10, cancellationToken: stop);
                    if (waiting.Items.Count > 0)
                    {
                        var target = waiting.Items[random.Next(waiting.Items.Count)];
                        await chat.Conversations.ClaimAsync(ws, target.Id, agent, stop);
                        Acknowledgements.Write($"CLAIM {ws} {target.Id} {agent}");
                    }
                }

                if (random.Next(30) == 0)
                {
                    await presence.SetAsync(ws, agent, online: false);
                    Acknowledgements.Write($"OFFLINE {ws} {agent}");
                    await Pause(stop);
                    await presence.SetAsync(ws, agent, online: true);
                    Acknowledgements.Write($"ONLINE {ws} {agent}");
                }
            });
            await Pause(stop);
        }
    }

    private static Task Pause(CancellationToken stop) => Task.Delay(Pace, stop).ContinueWith(_ => { }, TaskScheduler.Default);

    /// <summary>Runs one step; a race the domain refuses, a stop or a cluster hiccup (a dead silo) skips the step.</summary>
    private static async Task Quietly(Func<Task> step)
    {
        try
        {
            await step();
        }
        catch (Exception ex) when (ex is ConversationAlreadyClaimedException or AgentCapacityExceededException
            or ConversationEndedException or OperationCanceledException or InvalidOperationException or TimeoutException
            or global::Orleans.Runtime.OrleansException)
        {
            Console.Error.WriteLine($"step skipped: {ex.GetType().Name} {ex.Message}");
        }
    }
}
