using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Crm;
using LiveChat.Core.Email;
using LiveChat.Core.Identity;
using LiveChat.Core.Playbooks;
using LiveChat.Core.Transport;

namespace LiveChat.Core;

/// <summary>
/// The SDK's entry point: resolve it from DI after <c>services.AddLiveChat()</c>. Each property groups the operations of
/// one area. Thread-safe; register and use it as a singleton.
/// </summary>
public sealed class LiveChatEngine
{
    internal LiveChatEngine(
        ConversationService conversations,
        VisitorService visitors,
        InboxService inbox,
        ConversationDetailsService details,
        AgentService agents,
        ChannelEventHub events,
        IdentityService identity,
        CrmService crm,
        EmailService email,
        PlaybookService playbooks)
    {
        Identity = identity;
        Crm = crm;
        Email = email;
        Playbooks = playbooks;
        Conversations = conversations;
        Visitors = visitors;
        Inbox = inbox;
        Details = details;
        Agents = agents;
        Events = events;
    }

    /// <summary>Conversations as the host, the bot and agents see them.</summary>
    public ConversationService Conversations { get; }

    /// <summary>The visitor's side, authorized by the visitor's token.</summary>
    public VisitorService Visitors { get; }

    /// <summary>The agent inbox folders.</summary>
    public InboxService Inbox { get; }

    /// <summary>The details panel and created results.</summary>
    public ConversationDetailsService Details { get; }

    /// <summary>Agents and their availability.</summary>
    public AgentService Agents { get; }

    /// <summary>The in-process event stream; subscribe to forward events to a real-time transport.</summary>
    public ChannelEventHub Events { get; }

    /// <summary>Chat tracking and the identity graph: contacts across channels, merges, detaches, privacy requests.</summary>
    public IdentityService Identity { get; }

    /// <summary>The CRM as agents use it: leads and deals from conversations, notes, notifications, field layouts.</summary>
    public CrmService Crm { get; }

    /// <summary>E-mail to visitors: sender and language settings, templates, and the outbox's delivery status (features E2–E6).</summary>
    public EmailService Email { get; }

    /// <summary>The bot: publish playbooks that greet, qualify, hand over and follow up on new conversations (features P1–P8).</summary>
    public PlaybookService Playbooks { get; }
}
