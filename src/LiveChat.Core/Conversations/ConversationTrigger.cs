namespace LiveChat.Core.Conversations;

/// <summary>What moves a conversation from one <see cref="ConversationState"/> to another.</summary>
public enum ConversationTrigger
{
    /// <summary>The visitor asked for a human, and at least one agent is available.</summary>
    RequestAgent = 0,

    /// <summary>The visitor asked for a human, and nobody is available: the offline flow takes over.</summary>
    NoAgentAvailable = 1,

    /// <summary>An agent claims the conversation, or it is assigned or reassigned to one.</summary>
    Assign = 2,

    /// <summary>The conversation is ended by the visitor, an agent or the host.</summary>
    End = 3,

    /// <summary>The owner went offline or silent and the conversation goes back to the queue (feature R6).</summary>
    Requeue = 4,
}
