namespace LiveChat.Core.Playbooks;

/// <summary>Where a conversation's playbook run is.</summary>
public enum PlaybookRunStatus
{
    /// <summary>The bot waits for the visitor at <see cref="PlaybookRun.CardId"/>.</summary>
    Waiting = 0,

    /// <summary>A live-chat card found someone available; routing has the conversation now.</summary>
    HandedOff = 1,

    /// <summary>The path ended; the bot says nothing more.</summary>
    Finished = 2,

    /// <summary>An agent took the conversation, or it ended, while the bot still had something to say.</summary>
    Stopped = 3,
}
