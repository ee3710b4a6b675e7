using FluentAssertions.Equivalency;
using LiveChat.Core.Conversations;
using LiveChat.Core.Identity;

namespace LiveChat.Core.Tests.Scenarios.Identity;

/// <summary>Helpers for identity scenarios on top of <see cref="LiveChatHarness"/>.</summary>
internal static class IdentityHarness
{
    /// <summary>A harness whose workspace parses local numbers as French ones.</summary>
    public static LiveChatHarness French()
    {
        var h = new LiveChatHarness();
        h.Chat.Identity.Configure(h.Workspace, new IdentitySettings { DefaultRegion = "FR" });
        return h;
    }

    public static async Task<ConversationId> StartOnAsync(this LiveChatHarness h, string channel, string? visitorName = null)
        => (await h.Chat.Conversations.StartAsync(h.Workspace, new StartConversationRequest { Channel = channel, VisitorName = visitorName })).Conversation.Id;

    public static async Task<IdentifyResult> IdentifyAsync(this LiveChatHarness h, ConversationId conversation, Func<IdentifyRequest, IdentifyRequest>? with = null)
    {
        var request = new IdentifyRequest { ConversationId = conversation };
        return await h.Chat.Identity.IdentifyAsync(h.Workspace, with is null ? request : with(request));
    }

    /// <summary>Contacts compared member by member: records hold immutable arrays, which compare by reference otherwise.</summary>
    public static EquivalencyAssertionOptions<T> ByMembers<T>(EquivalencyAssertionOptions<T> options) => options.ComparingRecordsByMembers().WithStrictOrdering();
}
