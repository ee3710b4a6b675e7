using System.Runtime.CompilerServices;
using LiveChat.Core.Conversations;
using LiveChat.Core.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace LiveChat.Core.Tests.Docs;

/// <summary>Keeps the README's identity example compiling and working: the code below is the README's block, verbatim.</summary>
public sealed class ReadmeIdentityTests
{
    [Fact]
    public async Task IdentityExample_FilesBothConversationsUnderOneLead()
    {
        var output = new StringWriter();
        var console = Console.Out;
        Console.SetOut(output);
        try
        {
            // identity:begin
            var services = new ServiceCollection();
            services.AddLiveChat();
            await using var provider = services.BuildServiceProvider();
            var chat = provider.GetRequiredService<LiveChatEngine>();
            var acme = new WorkspaceId("acme");

            // Numbers typed without a country code are French ones.
            chat.Identity.Configure(acme, new IdentitySettings { DefaultRegion = "FR" });

            // Monday on Instagram: nobody matches, so a contact and a CRM lead named after the client are created.
            var (instagram, _) = await chat.Conversations.StartAsync(acme, new StartConversationRequest { Channel = "instagram" });
            await chat.Identity.IdentifyAsync(acme, new IdentifyRequest
            {
                ConversationId = instagram.Id,
                ChannelHandle = "ig-4711",
                Name = "Marie Dupont",
                Phone = "06 12 34 56 78",
            });

            // Friday on the website: the same phone in another format finds her, and her e-mail is added.
            var (website, _) = await chat.Conversations.StartAsync(acme);
            var result = await chat.Identity.IdentifyAsync(acme, new IdentifyRequest
            {
                ConversationId = website.Id,
                Phone = "+33 6 12 34 56 78",
                Email = "marie@example.fr",
            });

            var marie = result.Contact!;
            Console.WriteLine($"{marie.Name}: {marie.Conversations.Length} conversations, CRM record {marie.CrmRecord}");
            // identity:end

            result.HistoryVisibleToVisitor.Should().BeFalse("a typed phone number proves nothing to show the visitor");
        }
        finally
        {
            Console.SetOut(console);
        }

        output.ToString().Should().Contain("Marie Dupont: 2 conversations, CRM record lead-1");
    }

    [Fact]
    public void Readme_IdentityBlock_IsTheCodeThisTestRuns()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
        var section = readme.IndexOf("## Identity and CRM", StringComparison.Ordinal);
        section.Should().BePositive();
        var start = readme.IndexOf("```csharp\n", section, StringComparison.Ordinal) + "```csharp\n".Length;
        var block = readme[start..readme.IndexOf("```", start, StringComparison.Ordinal)];

        var source = File.ReadAllText(ThisFile());
        var begin = source.IndexOf("// identity:begin", StringComparison.Ordinal);
        var code = source[(source.IndexOf('\n', begin) + 1)..source.IndexOf("            // identity:end", StringComparison.Ordinal)];

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
