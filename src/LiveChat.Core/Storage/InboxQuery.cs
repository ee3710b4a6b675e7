using LiveChat.Core.Agents;

namespace LiveChat.Core.Storage;

/// <summary>A request for one page of an inbox folder.</summary>
/// <param name="Workspace">The workspace.</param>
/// <param name="Folder">The folder.</param>
/// <param name="AgentId">The asking agent; the owner for <see cref="InboxFolder.Mine"/>.</param>
/// <param name="PageSize">How many conversations at most.</param>
/// <param name="After">The position after which the page starts, or <see langword="null"/> for the first page.</param>
public sealed record InboxQuery(WorkspaceId Workspace, InboxFolder Folder, AgentId AgentId, int PageSize, InboxCursor? After);
