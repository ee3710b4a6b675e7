namespace LiveChat.Core.Playbooks;

/// <summary>Tags the conversation (feature P6); see <see cref="Conversations.ConversationDetails.Tags"/>.</summary>
public sealed record TagAction : FollowUpAction
{
    /// <summary>The tag, at most 64 characters.</summary>
    public required string Tag { get; init; }
}
