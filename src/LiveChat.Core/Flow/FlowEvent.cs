using LiveChat.Core.Conversations;

namespace LiveChat.Core.Flow;

/// <summary>
/// What one commit of the write path produced, handed to the <see cref="ConversationDispatcher"/> once the change is
/// stored. Internal: reactors get the stored snapshots; hosts get the public events <see cref="PublicEvents"/> builds from it.
/// </summary>
/// <param name="Workspace">The conversation's workspace.</param>
/// <param name="ConversationId">The conversation the commit changed; reactors see its events in commit order.</param>
internal abstract record FlowEvent(WorkspaceId Workspace, ConversationId ConversationId);
