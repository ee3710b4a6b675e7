using FluentAssertions;
using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using Xunit;

namespace Outside;

/// <summary>Each write is the first of its kind on this engine, and comes after the provider was disposed.</summary>
public class FirstCallAfterDisposeTests
{
    private static readonly WorkspaceId Acme = new("acme");

    [Theory]
    [InlineData("visitor post")]
    [InlineData("session post")]
    [InlineData("agent post")]
    [InlineData("bot post")]
    [InlineData("handoff")]
    [InlineData("visitor end")]
    [InlineData("claim")]
    [InlineData("contact form")]
    [InlineData("set status")]
    public async Task FirstWriteAfterDispose_IsEngineStopped(string what)
    {
        var db = Harness.NewDbPath("first-after-dispose");
        var host = Harness.Build(db);
        var chat = host.Chat;
        var alice = new AgentId("alice");
        await chat.Agents.RegisterAsync(Acme, new AgentRegistration(alice, "Alice", 2));
        var (c, t) = await chat.Conversations.StartAsync(Acme);
        var session = await chat.Visitors.AuthorizeAsync(Acme, c.Id, t);
        await host.DisposeAsync();
        Func<Task> call = what switch
        {
            "visitor post" => async () => await chat.Visitors.PostAsync(Acme, c.Id, t, "late"),
            "session post" => async () => await session.PostAsync("late"),
            "agent post" => async () => await chat.Conversations.PostAgentMessageAsync(Acme, c.Id, alice, "late"),
            "bot post" => async () => await chat.Conversations.PostBotMessageAsync(Acme, c.Id, "late"),
            "handoff" => async () => await chat.Visitors.RequestAgentAsync(Acme, c.Id, t),
            "visitor end" => async () => await chat.Visitors.EndAsync(Acme, c.Id, t),
            "claim" => async () => await chat.Conversations.ClaimAsync(Acme, c.Id, alice),
            "contact form" => async () => await chat.Visitors.SubmitContactFormAsync(Acme, c.Id, t, new ContactForm { Name = "Jan" }),
            "set status" => async () => await chat.Agents.SetStatusAsync(Acme, alice, AgentStatus.Online),
            _ => throw new ArgumentOutOfRangeException(nameof(what)),
        };
        var ex = await Record.ExceptionAsync(call);
        ex.Should().BeOfType<EngineStoppedException>($"'{what}' after dispose: got {ex?.GetType().FullName}: {ex?.Message}");

        await using var again = Harness.Build(db);
        var conv = await again.Chat.Conversations.GetAsync(Acme, c.Id);
        conv.State.Should().Be(ConversationState.BotFlow);
        (await again.Chat.Conversations.GetMessagesAsync(Acme, c.Id)).Should().NotContain(m => m.Text == "late");
    }
}
