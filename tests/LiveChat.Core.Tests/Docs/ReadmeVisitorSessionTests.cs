using Microsoft.Extensions.DependencyInjection;

namespace LiveChat.Core.Tests.Docs;

/// <summary>Keeps the README's visitor session example compiling and working: the code below is the README's block, verbatim.</summary>
public sealed class ReadmeVisitorSessionTests
{
    [Fact]
    public async Task VisitorSessionExample_PostsTwoMessages_WithOneTokenCheck()
    {
        var output = await ReadmeBlocks.CaptureConsoleAsync(async () =>
        {
            // visitor-session:begin
            var services = new ServiceCollection();
            services.AddLiveChat();
            await using var provider = services.BuildServiceProvider();
            var chat = provider.GetRequiredService<LiveChatEngine>();
            var acme = new WorkspaceId("acme");
            var (conversation, visitorToken) = await chat.Conversations.StartAsync(acme);

            // When the visitor's connection opens: one check of the token.
            var session = await chat.Visitors.AuthorizeAsync(acme, conversation.Id, visitorToken);

            // Every message on that connection: no token hash, one read and one write.
            await session.PostAsync("Hello!", clientMessageId: "msg-1");
            await session.PostAsync("Do you ship to Lyon?", clientMessageId: "msg-2");
            var messages = await session.GetMessagesAsync();
            Console.WriteLine($"{messages.Count} messages");
            // visitor-session:end
        });

        output.Should().Contain("2 messages");
    }

    [Fact]
    public void Readme_VisitorSessionBlock_IsTheCodeThisTestRuns()
        => ReadmeBlocks.InSource(ReadmeBlocks.SourceFile(), "visitor-session").Should().Be(ReadmeBlocks.InReadme("## Visitor sessions"));
}
