namespace LiveChat.Core.Conversations;

/// <summary>Who wrote a message (feature C3).</summary>
public enum SenderKind
{
    /// <summary>The website visitor.</summary>
    Visitor = 0,

    /// <summary>The bot (playbook).</summary>
    Bot = 1,

    /// <summary>An agent of the workspace.</summary>
    Agent = 2,

    /// <summary>The SDK itself: agent joined, reassigned, ended.</summary>
    System = 3,
}
