using System.Reflection;
using LiveChat.Core.Conversations;
using Microsoft.Extensions.DependencyInjection;

namespace LiveChat.Core.Tests.Ids;

/// <summary>
/// X2: a conversation a host writes to a log shows every member but the visitor token's hash, which authorizes the
/// visitor's calls inside the SDK (a session, a grain's command).
/// </summary>
public sealed class ConversationToStringTests
{
    [Fact]
    public async Task ToString_AStartedConversation_ShowsEveryMemberByName_AndNeverTheTokenHash()
    {
        await using var provider = new ServiceCollection().AddLiveChat().Services.BuildServiceProvider();
        var chat = provider.GetRequiredService<LiveChatEngine>();
        var started = await chat.Conversations.StartAsync(new WorkspaceId("acme"), new StartConversationRequest { VisitorName = "Ann <script>" });

        var text = started.Conversation.ToString();

        started.Conversation.VisitorTokenHash.Should().NotBeNullOrEmpty();
        text.Should().NotContain(started.Conversation.VisitorTokenHash).And.Contain("VisitorTokenHash = (redacted)");
        text.Should().NotContain(started.VisitorToken.Value);
        text.Should().Contain(started.Conversation.Id.ToString()).And.Contain("VisitorName = Ann <script>");
        foreach (var property in typeof(Conversation).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            text.Should().Contain(property.Name + " = ", "a member added later must not drop out of the log line silently");
        }

        started.ToString().Should().NotContain(started.Conversation.VisitorTokenHash).And.NotContain(started.VisitorToken.Value);
    }
}
