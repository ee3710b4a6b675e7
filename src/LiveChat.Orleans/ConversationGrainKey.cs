using LiveChat.Core;
using LiveChat.Core.Conversations;

namespace LiveChat.Orleans;

/// <summary>
/// The key of a <see cref="IConversationGrain"/>: the conversation's id as the Guid, its workspace's id as the key's
/// extension, so two workspaces never share a grain even if an id were reused across them.
/// </summary>
internal static class ConversationGrainKey
{
    /// <summary>The grain of <paramref name="conversationId"/> in <paramref name="workspace"/>.</summary>
    public static IConversationGrain Of(IGrainFactory grains, WorkspaceId workspace, ConversationId conversationId)
        => grains.GetGrain<IConversationGrain>(conversationId.Value, workspace.Value, null);

    /// <summary>The workspace of a conversation grain.</summary>
    public static WorkspaceId Workspace(IAddressable grain)
    {
        grain.GetPrimaryKey(out var workspace);
        return new WorkspaceId(workspace!);
    }

    /// <summary>The conversation of a conversation grain.</summary>
    public static ConversationId Conversation(IAddressable grain) => new(grain.GetPrimaryKey(out _));
}
