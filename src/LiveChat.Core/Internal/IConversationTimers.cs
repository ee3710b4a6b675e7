using LiveChat.Core.Conversations;
using LiveChat.Core.Storage;

namespace LiveChat.Core.Internal;

/// <summary>
/// Arms the due work whose subject is a conversation (the contact-form and transcript-offer delays, the unread-reply
/// window: features P7, E3, E4) somewhere other than this process's timers. A cluster arms it on the conversation's
/// grain, which owns it and runs it between the conversation's commands (X7, LiveChat.Orleans). Not registered by
/// default: then each <see cref="DueWorkScheduler"/> arms its own timers, on the engine's clock.
/// </summary>
/// <remarks>
/// Whoever holds the timer, it runs the item through <see cref="DueWorkSweep.RunArmedAsync"/> when it fires, so the
/// store's completion still lets exactly one try carry it out. The item is in the store before it is armed, so a timer
/// lost with its process is the sweep's to run. Implementations are thread-safe and never wait on the conversation:
/// the caller may be one of its own commands.
/// </remarks>
internal interface IConversationTimers
{
    /// <summary>
    /// Arms the conversation's item of <paramref name="kind"/> to come due at <paramref name="dueAt"/>: in place of one
    /// armed before with <paramref name="replace"/> (the item was scheduled anew), else only if none is armed (the
    /// instant was read from the store, and a newer one may be armed already).
    /// </summary>
    void Arm(WorkspaceId workspace, ConversationId conversationId, DueWorkKind kind, DateTimeOffset dueAt, bool replace);

    /// <summary>Disarms the conversation's item of <paramref name="kind"/>; returns whether this process had armed one not yet due.</summary>
    bool Disarm(WorkspaceId workspace, ConversationId conversationId, DueWorkKind kind);

    /// <summary>Whether this process armed the conversation's item of <paramref name="kind"/> and it has not come due yet.</summary>
    bool IsArmed(WorkspaceId workspace, ConversationId conversationId, DueWorkKind kind);

    /// <summary>How many items of <paramref name="kind"/> this process armed that have not come due yet. For tests and diagnostics: it counts them one by one.</summary>
    int CountArmed(DueWorkKind kind);
}
