namespace LiveChat.Core.Storage;

/// <summary>The agent inbox folders (feature C5).</summary>
public enum InboxFolder
{
    /// <summary>Conversations waiting for an agent, oldest first. Includes offline requests, which any agent may still claim.</summary>
    Unassigned = 0,

    /// <summary>The asking agent's own conversations, oldest first.</summary>
    Mine = 1,

    /// <summary>Ended conversations, most recently ended first. Visible to every agent of the workspace.</summary>
    Ended = 2,
}
