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
        var output = await ReadmeBlocks.CaptureConsoleAsync(async () =>
        {
            // identity:begin
            var services = new ServiceCollection();
            services.AddLiveChat();
            await using var provider = services.BuildServiceProvider();
            var chat = provider.GetRequiredService<LiveChatEngine>();
            var acme = new WorkspaceId("acme");

            // Numbers typed without a country code are French ones.
            await chat.Identity.ConfigureAsync(acme, new IdentitySettings { DefaultRegion = "FR" });

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
        });

        output.Should().Contain("Marie Dupont: 2 conversations, CRM record lead-1");
    }

    [Fact]
    public void Readme_IdentityBlock_IsTheCodeThisTestRuns()
        => ReadmeBlocks.InReadme("## Identity and CRM").Should().Be(ReadmeBlocks.InSource(ReadmeBlocks.SourceFile(), "identity"));
}
