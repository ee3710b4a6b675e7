using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Routing;
using LiveChat.Core.Storage;
using LiveChat.Core.Transport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Issue15b;

/// <summary>One host application's container: AddLiveChat with a FakeTimeProvider and a recording publisher.</summary>
public sealed class Chat : IAsyncDisposable
{
    public required ServiceProvider Provider { get; init; }
    public required LiveChatEngine Engine { get; init; }
    public required FakeTimeProvider Time { get; init; }
    public required RecordingPublisher Events { get; init; }
    private bool _disposed;

    public ConversationService Conversations => Engine.Conversations;
    public VisitorService Visitors => Engine.Visitors;
    public AgentService Agents => Engine.Agents;

    public static Chat Create(
        Action<LiveChatOptions>? configure = null,
        string? sqlitePath = null,
        Action<ILiveChatBuilder>? builder = null,
        FakeTimeProvider? time = null,
        RecordingPublisher? publisher = null,
        Action<IServiceCollection>? services = null)
    {
        time ??= new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        publisher ??= new RecordingPublisher();
        var sc = new ServiceCollection();
        sc.AddSingleton<TimeProvider>(time);
        sc.AddSingleton<ILiveChatEventPublisher>(publisher);
        services?.Invoke(sc);
        var b = sc.AddLiveChat(o => configure?.Invoke(o));
        if (sqlitePath is not null)
        {
            b.UseSqlite($"Data Source={sqlitePath}");
        }
        builder?.Invoke(b);
        var provider = sc.BuildServiceProvider();
        var engine = provider.GetRequiredService<LiveChatEngine>();
        return new Chat { Provider = provider, Engine = engine, Time = time, Events = publisher };
    }

    public async Task<AgentId> AgentAsync(WorkspaceId ws, string id, int capacity = 3, bool online = true, params string[] teams)
    {
        var agent = new AgentId(id);
        await Agents.RegisterAsync(ws, new AgentRegistration(agent, id.ToUpperInvariant(), capacity) { Teams = [.. teams.Select(t => new TeamId(t))] });
        if (online)
        {
            await Agents.SetStatusAsync(ws, agent, AgentStatus.Online);
        }
        return agent;
    }

    public async Task<(Conversation Conversation, VisitorToken Token)> StartAsync(WorkspaceId ws)
    {
        var (c, t) = await Conversations.StartAsync(ws);
        return (c, t);
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        await Provider.DisposeAsync();
    }
}

/// <summary>A host publisher (ILiveChatEventPublisher) that records every event in arrival order, and can be made slow.</summary>
public sealed class RecordingPublisher : ILiveChatEventPublisher
{
    private readonly object _gate = new();
    private readonly List<LiveChatEvent> _all = [];
    /// <summary>Runs before an event is recorded; may block (a slow publisher).</summary>
    public Func<LiveChatEvent, CancellationToken, Task>? Hook { get; set; }
    public int InFlight;
    public int MaxInFlightPerConversation;
    private readonly ConcurrentDictionary<ConversationId, int> _inFlightPer = new();

    public async ValueTask PublishAsync(LiveChatEvent e, CancellationToken cancellationToken)
    {
        var n = _inFlightPer.AddOrUpdate(e.ConversationId, 1, (_, v) => v + 1);
        lock (_gate) { MaxInFlightPerConversation = Math.Max(MaxInFlightPerConversation, n); }
        Interlocked.Increment(ref InFlight);
        try
        {
            if (Hook is { } hook) await hook(e, cancellationToken);
            lock (_gate) { _all.Add(e); }
        }
        finally
        {
            Interlocked.Decrement(ref InFlight);
            _inFlightPer.AddOrUpdate(e.ConversationId, 0, (_, v) => v - 1);
        }
    }

    public List<LiveChatEvent> Snapshot() { lock (_gate) { return [.. _all]; } }
    public List<LiveChatEvent> For(ConversationId id) { lock (_gate) { return _all.Where(e => e.ConversationId == id).ToList(); } }
    public List<AgentNotification> Notifications(ConversationId? id = null)
    {
        lock (_gate) { return _all.OfType<AgentNotification>().Where(n => id is null || n.ConversationId == id).ToList(); }
    }
    public void Clear() { lock (_gate) { _all.Clear(); } }
}

public static class Wait
{
    public static async Task UntilAsync(Func<bool> condition, string what, int seconds = 15)
    {
        var sw = Stopwatch.StartNew();
        while (!condition())
        {
            if (sw.Elapsed > TimeSpan.FromSeconds(seconds)) throw new TimeoutException($"Not within {seconds} s: {what}");
            await Task.Delay(10);
        }
    }

    public static async Task UntilAsync(Func<Task<bool>> condition, string what, int seconds = 15)
    {
        var sw = Stopwatch.StartNew();
        while (!await condition())
        {
            if (sw.Elapsed > TimeSpan.FromSeconds(seconds)) throw new TimeoutException($"Not within {seconds} s: {what}");
            await Task.Delay(10);
        }
    }

    /// <summary>The task's result, or a TimeoutException naming what did not answer.</summary>
    public static async Task<T> Within<T>(Task<T> task, string what, int seconds = 10)
    {
        var done = await Task.WhenAny(task, Task.Delay(TimeSpan.FromSeconds(seconds)));
        if (done != task) throw new TimeoutException($"No answer within {seconds} s: {what}");
        return await task;
    }

    public static Task<T> Within<T>(ValueTask<T> task, string what, int seconds = 10) => Within(task.AsTask(), what, seconds);
    public static Task Within(ValueTask task, string what, int seconds = 10) => Within(task.AsTask(), what, seconds);

    public static async Task Within(Task task, string what, int seconds = 10)
    {
        var done = await Task.WhenAny(task, Task.Delay(TimeSpan.FromSeconds(seconds)));
        if (done != task) throw new TimeoutException($"No answer within {seconds} s: {what}");
        await task;
    }
}

/// <summary>
/// The three store ports (plus eraser) in one interface, so that a DispatchProxy can decorate the embedded store and
/// be registered with the documented <c>builder.UseStore(sp =&gt; new MyStore(...))</c>.
/// </summary>
public interface IFullStore : IConversationStore, IAgentStore, IIdentityLogStore, IConversationEraser;

/// <summary>A decorating store: every call goes to the inner store, after an optional per-call gate.</summary>
public class GatedStore : DispatchProxy
{
    public object Inner = null!;
    /// <summary>Returns a task to await before the call runs (the call is held), or null to run it at once.</summary>
    public Func<MethodInfo, object?[]?, Task?>? Before;
    public ConcurrentDictionary<string, int> Calls { get; } = new();

    public static IFullStore Wrap(object inner, Func<MethodInfo, object?[]?, Task?>? before, out GatedStore proxy)
    {
        var p = DispatchProxy.Create<IFullStore, GatedStore>();
        proxy = (GatedStore)(object)p;
        proxy.Inner = inner;
        proxy.Before = before;
        return p;
    }

    protected override object? Invoke(MethodInfo? method, object?[]? args)
    {
        Calls.AddOrUpdate(method!.Name, 1, (_, v) => v + 1);
        var gate = Before?.Invoke(method, args);
        if (gate is null || gate.IsCompletedSuccessfully) return Call(method, args);
        var rt = method.ReturnType;
        if (rt == typeof(Task)) return AfterTask(gate, () => (Task)Call(method, args)!);
        if (rt == typeof(ValueTask)) return AfterValueTask(gate, () => (ValueTask)Call(method, args)!);
        if (rt.IsGenericType && rt.GetGenericTypeDefinition() == typeof(Task<>))
        {
            return typeof(GatedStore).GetMethod(nameof(AfterTaskOf), BindingFlags.NonPublic | BindingFlags.Static)!
                .MakeGenericMethod(rt.GetGenericArguments()[0]).Invoke(null, [gate, (Func<object?>)(() => Call(method, args))]);
        }
        if (rt.IsGenericType && rt.GetGenericTypeDefinition() == typeof(ValueTask<>))
        {
            return typeof(GatedStore).GetMethod(nameof(AfterValueTaskOf), BindingFlags.NonPublic | BindingFlags.Static)!
                .MakeGenericMethod(rt.GetGenericArguments()[0]).Invoke(null, [gate, (Func<object?>)(() => Call(method, args))]);
        }
        gate.GetAwaiter().GetResult();
        return Call(method, args);
    }

    private object? Call(MethodInfo method, object?[]? args)
    {
        try { return method.Invoke(Inner, args); }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }

    private static async Task AfterTask(Task gate, Func<Task> call) { await gate; await call(); }
    private static async ValueTask AfterValueTask(Task gate, Func<ValueTask> call) { await gate; await call(); }
    private static async Task<T> AfterTaskOf<T>(Task gate, Func<object?> call) { await gate; return await (Task<T>)call()!; }
    private static async ValueTask<T> AfterValueTaskOf<T>(Task gate, Func<object?> call) { await gate; return await (ValueTask<T>)call()!; }
}

public static class Checks
{
    /// <summary>Store-level invariants: no agent over capacity, the agent's counter equals what it owns, every owner defined.</summary>
    public static async Task AssertOwnershipAsync(Chat chat, WorkspaceId ws, IEnumerable<ConversationId> ids)
    {
        var owned = new Dictionary<AgentId, int>();
        foreach (var id in ids)
        {
            var c = await chat.Conversations.GetAsync(ws, id);
            if (c.State == ConversationState.Assigned)
            {
                c.AssignedAgentId.Should().NotBeNull($"{id} is Assigned");
                owned[c.AssignedAgentId!.Value] = owned.GetValueOrDefault(c.AssignedAgentId!.Value) + 1;
            }
            else if (c.State != ConversationState.Ended) // an ended conversation keeps its last agent, and counts in nobody's load
            {
                c.AssignedAgentId.Should().BeNull($"{id} is {c.State}: no owner (a conversation never half-assigned)");
            }
        }
        foreach (var agent in await chat.Agents.ListAsync(ws))
        {
            var mine = owned.GetValueOrDefault(agent.Id);
            mine.Should().BeLessThanOrEqualTo(agent.MaxConcurrentConversations, $"{agent.Id} holds no more than its capacity");
            agent.OpenConversations.Should().BeLessThanOrEqualTo(agent.MaxConcurrentConversations, $"{agent.Id}'s open count within capacity");
        }
    }
}
