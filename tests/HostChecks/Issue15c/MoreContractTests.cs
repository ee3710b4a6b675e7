using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using FluentAssertions;
using LiveChat.Core;
using LiveChat.Core.Conversations;
using Xunit;
using Xunit.Abstractions;

namespace Outside;

public class MoreContractTests(ITestOutputHelper output)
{
    private static readonly WorkspaceId Acme = new("acme");

    [Fact]
    public void EveryPublicException_IsLiveChatOrArgument_WithADefinedCategory()
    {
        var types = typeof(LiveChatEngine).Assembly.GetExportedTypes()
            .Concat(typeof(Microsoft.Extensions.DependencyInjection.SqliteLiveChatBuilderExtensions).Assembly.GetExportedTypes())
            .Where(t => typeof(Exception).IsAssignableFrom(t) && !t.IsAbstract).ToList();
        types.Should().NotBeEmpty();
        foreach (var t in types)
        {
            (typeof(LiveChatException).IsAssignableFrom(t) || typeof(ArgumentException).IsAssignableFrom(t))
                .Should().BeTrue($"{t.Name} must be a LiveChatException or an ArgumentException");
            var e = (Exception)RuntimeHelpers.GetUninitializedObject(t);
            var category = LiveChatException.CategoryOf(e);
            category.Should().NotBeNull(t.Name);
            Enum.IsDefined(category!.Value).Should().BeTrue();
            output.WriteLine($"{t.Name}: {category} {category.Value.ToHttpStatusCode()}");
        }
    }

    [Fact]
    public void MalformedDictionaryKey_IsJsonException()
    {
        var act = () => JsonSerializer.Deserialize<Dictionary<ConversationId, int>>("{\"nope\": 1}");
        act.Should().Throw<JsonException>();
        var ws = () => JsonSerializer.Deserialize<Dictionary<WorkspaceId, int>>($"{{\"{new string('w', 300)}\": 1}}");
        ws.Should().Throw<JsonException>();
    }

    [Fact]
    public async Task IdempotentRetry_SurvivesRestart()
    {
        var db = Harness.NewDbPath("idem");
        ConversationId id; string tok; long seq;
        await using (var a = Harness.Build(db))
        {
            var (c, t) = await a.Chat.Conversations.StartAsync(Acme);
            id = c.Id; tok = t.Value;
            seq = (await a.Chat.Visitors.PostAsync(Acme, id, t, "hello", "cm-1")).Sequence;
        }
        await using var b = Harness.Build(db);
        var again = await b.Chat.Visitors.PostAsync(Acme, id, new VisitorToken(tok), "hello", "cm-1");
        again.Sequence.Should().Be(seq);
        var conflict = async () => await b.Chat.Visitors.PostAsync(Acme, id, new VisitorToken(tok), "changed", "cm-1");
        await conflict.Should().ThrowAsync<IdempotencyConflictException>();
        (await b.Chat.Conversations.GetMessagesAsync(Acme, id)).Count(m => m.Text == "hello").Should().Be(1);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task VisitorSession_AfterDispose_IsEngineStopped(bool sqlite)
    {
        var host = Harness.Build(sqlite ? Harness.NewDbPath("session") : null);
        var (c, t) = await host.Chat.Conversations.StartAsync(Acme);
        var session = await host.Chat.Visitors.AuthorizeAsync(Acme, c.Id, t);
        await host.DisposeAsync();
        var ex = await Record.ExceptionAsync(async () => await session.PostAsync("late"));
        ex.Should().BeOfType<EngineStoppedException>($"the session's post is a write refused after dispose (EngineStoppedException docs); got {ex}");
    }

    [Fact]
    public async Task SecondLiveHost_AnswersARunTheFirstStarted()
    {
        var db = Harness.NewDbPath("two-live-run");
        await using var a = Harness.Build(db);
        await using var b = Harness.Build(db); // B started before the playbook existed
        (await b.Chat.Playbooks.GetActiveAsync(Acme)).Should().BeNull();
        await a.Chat.Playbooks.PublishAsync(Acme, Harness.TwoStepPlaybook());
        var (c, t) = await a.Chat.Conversations.StartAsync(Acme);
        await b.Chat.Visitors.PostAsync(Acme, c.Id, new VisitorToken(t.Value), "Sales");
        var msgs = await b.Chat.Conversations.GetMessagesAsync(Acme, c.Id);
        msgs.Should().Contain(m => m.Text.Contains("SECOND-QUESTION"), "over SQLite every visitor message is offered to the bot, which reads the run (docs)");
        msgs.Count(m => m.Text.Contains("GREETING-TEXT")).Should().Be(1);
    }

    [Fact]
    public async Task ConcurrentAnswers_ThroughTwoHosts_TakeOnePath()
    {
        var db = Harness.NewDbPath("two-live-race");
        await using var a = Harness.Build(db);
        await using var b = Harness.Build(db);
        await a.Chat.Playbooks.PublishAsync(Acme, Harness.TwoStepPlaybook());
        var (c, t) = await a.Chat.Conversations.StartAsync(Acme);
        var p1 = a.Chat.Visitors.PostAsync(Acme, c.Id, t, "Sales", "x1").AsTask();
        var p2 = b.Chat.Visitors.PostAsync(Acme, c.Id, new VisitorToken(t.Value), "Other", "x2").AsTask();
        await Task.WhenAll(p1, p2);
        var msgs = await a.Chat.Conversations.GetMessagesAsync(Acme, c.Id);
        var bot = msgs.Where(m => m.Sender.Kind == SenderKind.Bot).Select(m => m.Text).ToList();
        output.WriteLine(string.Join(" | ", msgs.Select(m => $"{m.Sequence}:{m.Sender.Kind}:{m.Text}")));
        bot.Count(x => x.Contains("GREETING-TEXT")).Should().Be(1);
        bot.Count(x => x.Contains("SECOND-QUESTION")).Should().BeLessThanOrEqualTo(1);
        bot.Count(x => x.Contains("BYE-TEXT")).Should().BeLessThanOrEqualTo(1);
        var run = await a.Chat.Playbooks.GetRunAsync(Acme, c.Id);
        run!.Answers.Should().ContainKey("topic");
    }
}
