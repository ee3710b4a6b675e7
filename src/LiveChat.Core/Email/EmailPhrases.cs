using LiveChat.Core.Texts;

namespace LiveChat.Core.Email;

/// <summary>
/// The words of the built-in templates in one language, from the <see cref="TextCatalog"/>; the subjects are Liquid
/// sources. A value, so that templates built from equal words are compiled once.
/// </summary>
internal sealed record EmailPhrases(
    string Conversation,
    string Started,
    string Ended,
    string TranscriptSubject,
    string TranscriptIntro,
    string UnreadSubject,
    string UnreadIntro,
    string OfflineSubject,
    string OfflineIntro,
    string YourQuestion,
    string MoreReplies,
    string Continue)
{
    /// <summary>The words in <paramref name="language"/>, <paramref name="workspace"/>'s overrides first; the built-in ones without a catalogue.</summary>
    public static EmailPhrases From(TextCatalog? texts, string language, WorkspaceId? workspace)
    {
        return new(
            T(SystemText.EmailConversation), T(SystemText.EmailStarted), T(SystemText.EmailEnded),
            T(SystemText.TranscriptSubject), T(SystemText.TranscriptIntro),
            T(SystemText.UnreadSubject), T(SystemText.UnreadIntro),
            T(SystemText.OfflineSubject), T(SystemText.OfflineIntro),
            T(SystemText.YourQuestion), T(SystemText.MoreReplies), T(SystemText.ContinueConversation));

        string T(SystemText key) => texts?.Get(language, key, workspace) ?? TextCatalog.BuiltIn(language, key);
    }
}
