using LiveChat.Core;

namespace LiveChat.AspNetCore.Internal;

/// <summary>What the visitor hub knows about one connection: its widget's workspace and, once started or resumed, its conversation.</summary>
/// <remarks>Read and written by that connection's hub calls only, which SignalR runs one at a time per connection.</remarks>
internal sealed class VisitorConnection(WorkspaceId workspace, VisitorCredential? presented)
{
    public WorkspaceId Workspace { get; } = workspace;

    /// <summary>The credential the request carried (cookie or Authorization header), not yet checked.</summary>
    public VisitorCredential? Presented { get; } = presented;

    /// <summary>
    /// The conversation this connection was authorized for. Every visitor call presents its token to the SDK, which checks
    /// it again. When the core's VisitorSession lands (issue 15), this is the one place to keep it instead, so a call no
    /// longer re-hashes the token.
    /// </summary>
    public VisitorCredential? Session { get; set; }
}
