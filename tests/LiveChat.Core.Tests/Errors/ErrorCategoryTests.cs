using FluentAssertions;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using Xunit;

namespace LiveChat.Core.Tests.Errors;

/// <summary>Every exception the SDK throws has a category a host maps to an HTTP status in one line (issue 15, item 5).</summary>
public sealed class ErrorCategoryTests
{
    public static TheoryData<Type> ExceptionTypes()
    {
        var data = new TheoryData<Type>();
        foreach (var type in typeof(LiveChatException).Assembly.GetExportedTypes().Where(t => t.IsSubclassOf(typeof(Exception)) && !t.IsAbstract))
        {
            data.Add(type);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ExceptionTypes))]
    public void EveryPublicException_IsALiveChatExceptionOrAnArgumentException(Type type)
        => (type.IsSubclassOf(typeof(LiveChatException)) || type.IsSubclassOf(typeof(ArgumentException))).Should().BeTrue(
            $"{type.Name} must have a category: hosts map LiveChatException.CategoryOf to a status");

    [Fact]
    public void CategoryOf_EachKind_MapsToItsHttpStatus()
    {
        Status(new ConversationNotFoundException(new WorkspaceId("acme"), new ConversationId(Guid.NewGuid()))).Should().Be(404);
        Status(new ConversationEndedException(new ConversationId(Guid.NewGuid()), null)).Should().Be(409);
        Status(new NotAssignedAgentException(new ConversationId(Guid.NewGuid()), new AgentId("bob"))).Should().Be(403);
        Status(new NoEmailAddressException(new ConversationId(Guid.NewGuid()))).Should().Be(400);
        Status(new ArgumentException("bad")).Should().Be(400);
        Status(new StoreUnavailableException("commit", new TimeoutException())).Should().Be(503);
        Status(new EngineStoppedException()).Should().Be(503);
        LiveChatException.CategoryOf(new OperationCanceledException()).Should().BeNull();

        static int? Status(Exception e) => LiveChatException.CategoryOf(e)?.ToHttpStatusCode();
    }

    [Fact]
    public async Task VisitorToken_ToStringAndRefusals_NeverShowTheSecret()
    {
        await using var h = new Scenarios.LiveChatHarness();
        var (conversation, token) = await h.StartAsync("Jana");

        token.ToString().Should().NotContain(token.Value);
        $"{token}".Should().NotContain(token.Value);
        var refused = await h.Chat.Visitors.Invoking(v => v.PostAsync(h.Workspace, conversation.Id, new VisitorToken(token.Value + "x"), "hi").AsTask())
            .Should().ThrowAsync<ConversationNotFoundException>();
        refused.Which.Message.Should().NotContain(token.Value);
    }
}
