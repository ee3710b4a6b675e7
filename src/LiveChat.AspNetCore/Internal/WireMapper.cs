using System.Globalization;
using LiveChat.AspNetCore.Wire;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Crm;
using LiveChat.Core.Playbooks;
using LiveChat.Core.Storage;
using LiveChat.Core.Transport;

namespace LiveChat.AspNetCore.Internal;

/// <summary>
/// The one place where core types become the hub contract's wire records. Hubs never send a core record as it is, so
/// what a client sees (and a visitor never sees) is decided here.
/// </summary>
internal static class WireMapper
{
    public static WireMessage Message(ChatMessage message, bool forAgent) => new(
        message.ConversationId.ToString(),
        message.Sequence,
        Sender(message.Sender.Kind),
        message.Sender.DisplayName,
        forAgent ? message.Sender.AgentId?.Value : null,
        message.Text,
        message.ClientMessageId,
        message.SystemEvent == SystemEvent.None ? null : message.SystemEvent.ToString(),
        message.SentAt);

    public static VisitorState Visitor(VisitorConversationView view) => new(
        view.Id.ToString(), view.Number, view.State.ToString(), view.CounterpartName, view.LastSequence, view.StartedAt, view.EndedAt, view.Version);

    /// <summary>The visitor's part of a stored record: the same fields <see cref="VisitorConversationView"/> exposes, nothing more.</summary>
    public static VisitorState Visitor(Conversation c) => new(
        c.Id.ToString(), c.Number, c.State.ToString(), c.CounterpartName, c.LastSequence, c.StartedAt, c.EndedAt, c.Version);

    /// <summary>The visitor's part of an event's view.</summary>
    public static VisitorState Visitor(ConversationView view) => Visitor(view.ToVisitorView());

    public static VisitorFormRequest Form(PlaybookFormRequested form) => new(form.ConversationId.ToString(), form.Kind.ToString(), form.Text, form.Language);

    /// <summary>
    /// A stored conversation in one agent's reply: the offer's token only when the offer is addressed to
    /// <paramref name="viewer"/>, so an inbox page or a claim result never hands another agent's token out (feature R7).
    /// </summary>
    public static AgentConversation Agent(Conversation c, AgentId viewer)
    {
        var offer = c.State == ConversationState.Unassigned ? c.Routing?.Offer : null;
        return new(
            c.Id.ToString(), c.Number, c.State.ToString(), c.Channel, c.VisitorName,
            c.AssignedAgentId?.Value, c.AssignedAgentId is null ? null : c.CounterpartName,
            c.LastSequence, c.Version, c.StartedAt, c.EndedAt, offer?.AgentId.Value, offer?.AgentId == viewer ? offer.Token : null, offer?.ExpiresAt);
    }

    /// <summary>An event's view, pushed to the whole workspace: with the stored version it was taken at, never an offer token.</summary>
    public static AgentConversation Agent(ConversationView v) => new(
        v.Id.ToString(), v.Number, v.State.ToString(), v.Channel, v.VisitorName,
        v.AssignedAgentId?.Value, v.AssignedAgentId is null ? null : v.CounterpartName,
        v.LastSequence, v.Version, v.StartedAt, v.EndedAt, v.PendingOffer?.AgentId.Value, null, v.PendingOffer?.ExpiresAt);

    public static AgentAlert Alert(AgentNotification n) => new(
        n.ConversationId.ToString(), n.Kind.ToString(), n.AgentId.Value, n.OccurredAt, n.MessageSequence, n.Offer?.Token, n.Offer?.ExpiresAt);

    public static InboxPage Page(InboxFolder folder, Page<Conversation> page, AgentId viewer)
        => new(folder.ToString(), [.. page.Items.Select(c => Agent(c, viewer))], page.ContinuationToken);

    public static AgentSummary Agent(Agent agent, bool present) => new(
        agent.Id.Value, agent.DisplayName, agent.Status.ToString(), present, agent.OpenConversations, agent.MaxConcurrentConversations);

    public static ConversationDetailsView Details(Conversation c)
    {
        var d = c.Details;
        return new(
            c.Id.ToString(), d.DealValue?.Amount, d.DealValue?.Currency, d.PersonName, d.OrganizationName, d.Qualified, [.. d.Tags],
            [.. d.Notes.Select(n => new WireNote(n.AuthorId.Value, n.Text, n.CreatedAt))],
            [.. c.CreatedResults.Select(r => new WireCreatedResult(r.Kind.ToString(), r.ExternalId, r.Title, r.CreatedBy.Value, r.CreatedAt))]);
    }

    public static ConversationDetailsUpdate DetailsUpdate(ConversationDetailsChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.DealValue is null != change.DealCurrency is null)
        {
            throw new ArgumentException("Give the deal value's amount and currency together.", nameof(change));
        }

        return new ConversationDetailsUpdate
        {
            DealValue = change.DealValue is { } amount ? new Money(amount, change.DealCurrency!) : null,
            PersonName = change.PersonName,
            OrganizationName = change.OrganizationName,
        };
    }

    public static CrmCard Card(CrmRecordView view) => new(
        view.Record.Id.Value, view.Record.Kind.ToString(), view.Record.Name, view.Record.Owner?.Value,
        [.. view.Fields.Select(f => new CrmCardField(f.Field.ToString(), f.Value))]);

    public static WireTranscript Transcript(Transcript transcript) => new(
        transcript.Conversation.Id.ToString(), [.. transcript.Messages.Select(m => Message(m, forAgent: true))], transcript.ToPlainText());

    public static ConversationId ConversationId(string? id)
        => Core.Conversations.ConversationId.TryParse(id, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : throw new ArgumentException("The conversation id is not one: 32 hexadecimal digits in 8-4-4-4-12 groups.", nameof(id));

    private static string Sender(SenderKind kind) => kind switch
    {
        SenderKind.Visitor => "visitor",
        SenderKind.Bot => "bot",
        SenderKind.Agent => "agent",
        _ => "system",
    };
}
