using LiveChat.Core.Conversations;
using LiveChat.Core.Transport;

namespace LiveChat.Core.Playbooks;

/// <summary>
/// The bot asks the host's widget to show a form (feature P7): the contact form, or the transcript offer after the end.
/// </summary>
/// <remarks>For the visitor of the conversation (their widget shows the form); it carries nothing agents may not see either.</remarks>
/// <param name="Workspace">The workspace.</param>
/// <param name="ConversationId">The conversation.</param>
/// <param name="Kind">Which form.</param>
/// <param name="Text">The invitation, in <paramref name="Language"/>.</param>
/// <param name="Language">The playbook's language.</param>
/// <param name="OccurredAt">When.</param>
public sealed record PlaybookFormRequested(
    WorkspaceId Workspace, ConversationId ConversationId, PlaybookFormKind Kind, string Text, string Language, DateTimeOffset OccurredAt)
    : LiveChatEvent(Workspace, ConversationId, OccurredAt);
