using LiveChat.Core;
using Microsoft.AspNetCore.SignalR;

namespace LiveChat.AspNetCore.Internal;

/// <summary>What the visitor hub knows about one connection: its widget's workspace and, once started or resumed, its conversation.</summary>
/// <remarks>
/// Kept in the connection's features, which already exist, rather than <c>Context.Items</c>, which would add a dictionary to
/// every idle visitor. Read and written by that connection's hub calls only, which SignalR runs one at a time per connection.
/// </remarks>
internal sealed class VisitorConnection(WorkspaceId workspace, VisitorCredential? presented)
{
    private FixedWindow? _posts;

    public WorkspaceId Workspace { get; } = workspace;

    /// <summary>The credential the request carried (cookie or Authorization header), not yet checked.</summary>
    public VisitorCredential? Presented { get; } = presented;

    /// <summary>The credential of the conversation this connection was authorized for, for the calls a session does not offer.</summary>
    public VisitorCredential? Session { get; set; }

    /// <summary>
    /// The core's session for that conversation (issue 15): the token was checked once, when the connection started or
    /// resumed, and posts, handoff requests, read cursors and the end go through it without hashing the token again. Each
    /// call still checks, on the one read it makes, that the stored hash matches and the conversation's state allows it.
    /// </summary>
    public Core.Conversations.VisitorSession? Authorized { get; set; }

    /// <summary>The connection's post window (feature W7), made on its first limited call: an idle visitor holds none.</summary>
    public FixedWindow Posts
    {
        get
        {
            if (Volatile.Read(ref _posts) is { } posts)
            {
                return posts;
            }

            Interlocked.CompareExchange(ref _posts, new FixedWindow(), null);
            return _posts;
        }
    }

    /// <summary>The visitor state of a connection the visitor hub accepted.</summary>
    public static VisitorConnection Of(HubCallerContext context)
        => context.Features.Get<VisitorConnection>() ?? throw new InvalidOperationException("The connection was not accepted by the visitor hub.");
}
