using LiveChat.Core.Conversations;
using LiveChat.Core.Tests.Scenarios;

namespace LiveChat.Core.Tests.Flow;

/// <summary>
/// X2 and issue 15: a token string that matched once is not hashed again on the next call of the same caller, and that
/// never lets it into a conversation whose stored hash is another, nor lets a wrong token in.
/// </summary>
public sealed class VisitorTokenVerificationTests
{
    [Fact]
    public void Matches_AfterTheSameStringMatchedOnce_StillRefusesAnotherHash()
    {
        var token = VisitorToken.New();
        var other = VisitorToken.New();
        var hash = token.ComputeHash();

        token.Matches(hash).Should().BeTrue();
        token.Matches(hash).Should().BeTrue("the remembered hash is compared again");
        token.Matches(other.ComputeHash()).Should().BeFalse("a remembered token still fits only its own hash");
        other.Matches(hash).Should().BeFalse();
        other.Matches(hash).Should().BeFalse("a string that never matched is not remembered");
    }

    [Fact]
    public void Matches_EqualTextInAnotherString_IsHashedAndMatches()
    {
        var token = VisitorToken.New();
        var hash = token.ComputeHash();
        token.Matches(hash).Should().BeTrue();

        var copy = new VisitorToken(new string(token.Value.AsSpan()));

        ReferenceEquals(copy.Value, token.Value).Should().BeFalse();
        copy.Matches(hash).Should().BeTrue();
        new VisitorToken(token.Value[..^1] + (token.Value[^1] == 'A' ? 'B' : 'A')).Matches(hash).Should().BeFalse();
    }

    [Fact]
    public async Task VisitorPost_WithATokenVerifiedOnItsOwnConversation_IsRefusedOnAnother()
    {
        await using var h = new LiveChatHarness();
        var (mine, token) = await h.StartAsync();
        var (theirs, _) = await h.StartAsync();
        await h.Chat.Visitors.PostAsync(h.Workspace, mine.Id, token, "hello");

        var act = async () => await h.Chat.Visitors.PostAsync(h.Workspace, theirs.Id, token, "let me in");

        await act.Should().ThrowAsync<ConversationNotFoundException>();
        (await h.Chat.Visitors.PostAsync(h.Workspace, mine.Id, token, "still mine")).Text.Should().Be("still mine");
    }
}
