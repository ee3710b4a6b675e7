namespace LiveChat.Core.Email;

/// <summary>Which e-mail the SDK sends to a visitor; each has its own templates (feature E5).</summary>
public enum EmailKind
{
    /// <summary>A copy of the conversation, asked for by the visitor (feature E2).</summary>
    Transcript = 0,

    /// <summary>Agent replies the visitor has not seen for a while, or since closing the page (feature E4).</summary>
    UnreadMessages = 1,

    /// <summary>The reply to a visitor who left their contacts while nobody was available (feature E3).</summary>
    OfflineReply = 2,
}
