using System.Runtime.CompilerServices;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using Microsoft.Extensions.DependencyInjection;

namespace LiveChat.Core.Tests.Docs;

/// <summary>Keeps the README's quick start compiling and working: the code below is the README's block, verbatim.</summary>
public sealed class ReadmeQuickStartTests
{
    [Fact]
    public async Task QuickStart_RunsACompleteConversation()
    {
        var output = new StringWriter();
        var console = Console.Out;
        Console.SetOut(output);
        try
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

            // The visitor asks for a human: the first online agent with free capacity gets the conversation.
            var handoff = await chat.Visitors.RequestAgentAsync(acme, conversation.Id, visitorToken);
            await chat.Conversations.PostAgentMessageAsync(acme, conversation.Id, alice, "Hello, Alice here!");
            await chat.Conversations.EndAsync(acme, conversation.Id, endedBy: alice);

            var transcript = await chat.Conversations.GetTranscriptAsync(acme, conversation.Id);
            Console.WriteLine(transcript.ToPlainText());
            // quick-start:end

            handoff.Should().Be(HandoffOutcome.Assigned);
            transcript.EndedAt.Should().NotBeNull();
        }
        finally
        {
            Console.SetOut(console);
        }

        output.ToString().Should().Contain("Leo: Hi! How can I help?").And.Contain("Alice: Hello, Alice here!");
    }

    [Fact]
    public void Readme_QuickStartBlock_IsTheCodeThisTestRuns()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
        var start = readme.IndexOf("```csharp\n", StringComparison.Ordinal) + "```csharp\n".Length;
        var block = readme[start..readme.IndexOf("```", start, StringComparison.Ordinal)];

        var source = File.ReadAllText(ThisFile());
        var begin = source.IndexOf("// quick-start:begin", StringComparison.Ordinal);
        var code = source[(source.IndexOf('\n', begin) + 1)..source.IndexOf("            // quick-start:end", StringComparison.Ordinal)];

        Normalize(block).Should().Be(Normalize(code));
    }

    private static string Normalize(string code)
        => string.Join('\n', code.Replace("\r", "", StringComparison.Ordinal).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));

    private static string ThisFile([CallerFilePath] string path = "") => path;

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(Path.GetDirectoryName(ThisFile())!);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "LiveChat.Core.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("The repository root was not found above the test source.");
    }
}
