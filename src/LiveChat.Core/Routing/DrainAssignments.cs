using LiveChat.Core.Conversations;

namespace LiveChat.Core.Routing;

/// <summary>
/// The drain's assignments in flight (features R3–R8): each holds its agent's seat from the decision on, and the seat
/// becomes an open conversation exactly once, at the earlier of two moments: the commit returns to the drain, or the
/// conversation's reaction sees the assignment. The later of the two then counts nothing, so the placement is neither
/// missed while the reaction runs off the drain's path nor counted twice.
/// </summary>
/// <remarks>Not thread-safe: used under its <see cref="WorkspaceRouter"/>'s lock.</remarks>
internal sealed class DrainAssignments
{
    /// <summary>The agent's ordinal, and the version the commit stored once it returned (0 before).</summary>
    private readonly Dictionary<ConversationId, (int Ordinal, long Committed)> _pending = [];

    /// <summary>How an assignment a reaction sees relates to the drain's.</summary>
    public enum Seen
    {
        /// <summary>Not the drain's: the reaction counts it.</summary>
        Other = 0,

        /// <summary>The drain's, its commit not yet returned: the reaction turns the held seat into an open conversation.</summary>
        First = 1,

        /// <summary>The drain's, counted already when its commit returned: nothing to count.</summary>
        Counted = 2,
    }

    /// <summary>The drain decided <paramref name="conversationId"/> for the agent at <paramref name="ordinal"/> and holds their seat.</summary>
    public void Decided(ConversationId conversationId, int ordinal) => _pending[conversationId] = (ordinal, 0);

    /// <summary>
    /// The commit stored the assignment as <paramref name="version"/>. Returns whether the drain turns the seat into an
    /// open conversation now: <see langword="false"/> when the reaction did already.
    /// </summary>
    public bool Committed(ConversationId conversationId, long version)
    {
        if (!_pending.TryGetValue(conversationId, out var pending) || pending.Committed != 0)
        {
            return false;
        }

        _pending[conversationId] = (pending.Ordinal, version);
        return true;
    }

    /// <summary>The commit assigned nothing. Returns whether the seat is still held for it, to give back.</summary>
    public bool Abandoned(ConversationId conversationId)
        => _pending.TryGetValue(conversationId, out var pending) && pending.Committed == 0 && _pending.Remove(conversationId);

    /// <summary>A reaction sees <paramref name="conversationId"/> assigned to the agent at <paramref name="ordinal"/>, stored as <paramref name="version"/>.</summary>
    public Seen Assigned(ConversationId conversationId, int ordinal, long version)
    {
        if (!_pending.TryGetValue(conversationId, out var pending) || pending.Ordinal != ordinal
            || (pending.Committed != 0 && pending.Committed != version))
        {
            return Seen.Other;
        }

        _pending.Remove(conversationId);
        return pending.Committed == 0 ? Seen.First : Seen.Counted;
    }
}
