using System.Globalization;
using LiveChat.Core.Conversations;
using Microsoft.Extensions.DependencyInjection;

namespace LiveChat.Core.Tests.Docs;

/// <summary>Keeps the README's error example compiling and working: the code below is the README's block, verbatim.</summary>
public sealed class ReadmeErrorsTests
{
    [Fact]
    public async Task ErrorsExample_MapsAMissingConversationTo404()
    {
        var output = await ReadmeBlocks.CaptureConsoleAsync(async () =>
        {
            // errors:begin
            var services = new ServiceCollection();
            services.AddLiveChat();
            await using var provider = services.BuildServiceProvider();
            var chat = provider.GetRequiredService<LiveChatEngine>();
            var acme = new WorkspaceId("acme");

            // A route value such as "/chats/{conversationId}" binds through IParsable; here it names no conversation.
            var conversationId = ConversationId.Parse("0190a8e4-7b1c-7d2e-9f00-123456789abc", CultureInfo.InvariantCulture);
            try
            {
                await chat.Conversations.GetAsync(acme, conversationId);
            }
            catch (Exception e) when (LiveChatException.CategoryOf(e) is { } category)
            {
                // In a minimal API: return Results.Problem(e.Message, statusCode: category.ToHttpStatusCode());
                Console.WriteLine($"{category}: HTTP {category.ToHttpStatusCode()}");
            }
            // errors:end
        });

        output.Should().Contain("NotFound: HTTP 404");
    }

    [Fact]
    public void Readme_ErrorsBlock_IsTheCodeThisTestRuns()
        => ReadmeBlocks.InReadme("## Errors").Should().Be(ReadmeBlocks.InSource(ReadmeBlocks.SourceFile(), "errors"));
}
