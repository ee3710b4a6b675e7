using System.Reflection;
using LiveChat.Core.Conversations;
using LiveChat.Core.Playbooks;
using Stateless;

namespace LiveChat.Core.Tests.Scenarios.Playbooks;

/// <summary>The runtime on Stateless: one machine per playbook version, state on the conversation, versions kept, no two threads in a machine.</summary>
public sealed class PlaybookRuntimeTests
{
    [Fact]
    public async Task ManyConversations_ShareOneMachinePerVersion()
    {
        await using var h = new PlaybookHarness();
        await h.PublishAsync(SeedPlaybooks.Full());

        for (var i = 0; i < 50; i++)
        {
            await h.SayAsync(await h.StartAsync(), i % 2 == 0 ? "yes" : "no");
        }

        ((PlaybookService)h.Services.GetService(typeof(PlaybookService))!).CompiledMachines.Should().Be(1);
    }

    [Fact]
    public void AWaitingConversation_HoldsNoStateMachine_OnlyItsRunRecord()
    {
        static IEnumerable<Type> FieldTypes(Type t) => t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic).Select(f => f.FieldType);

        FieldTypes(typeof(PlaybookRun)).Should().NotContain(t => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(StateMachine<,>));
        FieldTypes(typeof(PlaybookRun)).Should().OnlyContain(t => t.Namespace!.StartsWith("System", StringComparison.Ordinal) || t.Namespace!.StartsWith("LiveChat.Core", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AWaitingConversation_CostsLessThanOneKilobyte()
    {
        var store = new InMemoryPlaybookRunStore();
        var workspace = new WorkspaceId("acme");
        const int count = 20_000;
        var ids = Enumerable.Range(0, count).Select(_ => new ConversationId(Guid.NewGuid())).ToArray();
        var playbook = SeedPlaybooks.Full();
        var before = GC.GetTotalMemory(forceFullCollection: true);

        foreach (var id in ids)
        {
            await store.TryReplaceAsync(workspace, id, null, new PlaybookRun { PlaybookId = playbook.Id, Version = playbook.Version, CardId = "route" });
        }

        var perConversation = (GC.GetTotalMemory(forceFullCollection: true) - before) / (double)count;
        store.Count.Should().Be(count);
        perConversation.Should().BeLessThan(1024, "a waiting conversation holds its run record and a dictionary entry, nothing else");
    }

    [Fact]
    public async Task RunningConversations_FinishOnTheVersionTheyStartedWith()
    {
        await using var h = new PlaybookHarness();
        await h.PublishAsync(SeedPlaybooks.Full());
        var old = await h.StartAsync();
        await h.SayAsync(old, "no");

        var edited = SeedPlaybooks.Full(version: 2) with
        {
            Cards = [.. SeedPlaybooks.Full().Cards.Select(c => c is ChoiceQuestionCard q ? q with { Text = "Why are you here?" } : c)],
        };
        await h.PublishAsync(edited);
        var fresh = await h.StartAsync();
        await h.SayAsync(fresh, "no");
        await h.SayAsync(old, "9");

        (await h.LastBotTextAsync(old)).Should().StartWith("Please pick one of the options:");
        (await h.BotSaysAsync(old)).Should().Contain(t => t.StartsWith("What brings you here?", StringComparison.Ordinal));
        (await h.RunAsync(old)).Version.Should().Be(1);
        (await h.LastBotTextAsync(fresh)).Should().StartWith("Why are you here?");
        (await h.RunAsync(fresh)).Version.Should().Be(2);
        h.Chat.Playbooks.GetVersion(h.Workspace, "website", 1).Should().NotBeNull();
    }

    [Fact]
    public async Task ConcurrentVisitors_OnOneMachine_EachFollowTheirOwnPath()
    {
        await using var h = new PlaybookHarness();
        await h.PublishAsync(SeedPlaybooks.Full());
        var visitors = new List<StartedConversation>();
        for (var i = 0; i < 40; i++)
        {
            visitors.Add(await h.StartAsync());
        }

        await Parallel.ForEachAsync(Enumerable.Range(0, visitors.Count), async (i, _) =>
        {
            var v = visitors[i];
            await h.SayAsync(v, "no");
            await h.SayAsync(v, i % 2 == 0 ? "Pricing" : "Just browsing");
            if (i % 2 == 0)
            {
                await h.SayAsync(v, (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        });

        for (var i = 0; i < visitors.Count; i++)
        {
            var run = await h.RunAsync(visitors[i]);
            if (i % 2 == 0)
            {
                run.Should().BeEquivalentTo(new { CardId = "offline-email", Status = PlaybookRunStatus.Waiting });
                run.Answers["seats"].Should().Be((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                run.Should().BeEquivalentTo(new { CardId = "browse-end", Status = PlaybookRunStatus.Finished });
            }
        }

        h.Logs.Messages.Should().NotContain(m => m.Contains("failed", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task TwoAnswersAtOnce_OnOneConversation_AreTakenOneAfterTheOther()
    {
        await using var h = new PlaybookHarness();
        await h.PublishAsync(SeedPlaybooks.Full());
        var visitor = await h.StartAsync();

        await Task.WhenAll(Task.Run(() => h.SayAsync(visitor, "no")), Task.Run(() => h.SayAsync(visitor, "no")));

        var run = await h.RunAsync(visitor);
        run.CardId.Should().Be("need", "one 'no' answered the routing question, the other was refused by the choice question");
        (await h.LastBotTextAsync(visitor)).Should().StartWith("Please pick one of the options:");
    }

    [Fact]
    public async Task AConversationStartedBeforeThePublication_GetsTheGreetingOnItsFirstMessage()
    {
        await using var h = new PlaybookHarness();
        var visitor = await h.StartAsync();
        await h.PublishAsync(SeedPlaybooks.Full());

        await h.SayAsync(visitor, "hello");

        (await h.BotSaysAsync(visitor)).Should().HaveCount(2);
        (await h.RunAsync(visitor)).CardId.Should().Be("route");
    }
}
