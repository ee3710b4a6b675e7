namespace LiveChat.Core.Flow;

/// <summary>Which of a conversation's two ordered lanes a reactor runs in.</summary>
internal enum ReactorLane
{
    /// <summary>
    /// Reactions part of the caller's answer (routing's placement, the bot's reply): the request that committed waits for
    /// its own event here, and runs the lane itself when nobody else does.
    /// </summary>
    Answer = 0,

    /// <summary>Reactions nobody waits for (publishers, the transcript copy to the CRM): always off the caller's path.</summary>
    Notify = 1,
}
