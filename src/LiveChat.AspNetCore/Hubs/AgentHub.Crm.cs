using LiveChat.AspNetCore.Internal;
using LiveChat.AspNetCore.Wire;
using LiveChat.Core.Crm;

namespace LiveChat.AspNetCore.Hubs;

/// <summary>The agent hub's details panel and CRM calls (features C7, I8, C10).</summary>
public sealed partial class AgentHub
{
    /// <summary>The details panel: deal value, person, organization, notes, tags and created results.</summary>
    public async Task<ConversationDetailsView> GetDetails(string conversationId)
        => WireMapper.Details(await _engine.Conversations.GetAsync(Workspace, WireMapper.ConversationId(conversationId), Context.ConnectionAborted).ConfigureAwait(false));

    /// <summary>Changes the details panel.</summary>
    public async Task<ConversationDetailsView> UpdateDetails(string conversationId, ConversationDetailsChange change)
        => WireMapper.Details(await _engine.Details.UpdateAsync(
            Workspace, WireMapper.ConversationId(conversationId), AgentId, WireMapper.DetailsUpdate(change), Context.ConnectionAborted).ConfigureAwait(false));

    /// <summary>Adds an agents-only note to the conversation; visitors never see it.</summary>
    public async Task<ConversationDetailsView> AddNote(string conversationId, string text)
        => WireMapper.Details(await _engine.Details.AddNoteAsync(Workspace, WireMapper.ConversationId(conversationId), AgentId, text, Context.ConnectionAborted).ConfigureAwait(false));

    /// <summary>Whether "Create lead" applies to the conversation and why not (seed 001, feature C7): offer the button only when it does.</summary>
    public async Task<WireLeadEligibility> GetLeadEligibility(string conversationId)
    {
        var decision = await _engine.Crm.GetLeadEligibilityAsync(Workspace, WireMapper.ConversationId(conversationId), Context.ConnectionAborted).ConfigureAwait(false);
        return new WireLeadEligibility(decision.CanCreate, decision.Refusal.ToString(), decision.MatchingRecord?.Id.Value);
    }

    /// <summary>Creates a lead in the CRM from the conversation, for a new client only (<see cref="LiveChatHubErrors.Conflict"/> when the client is known; see <see cref="GetLeadEligibility"/>).</summary>
    public async Task<CrmCard> CreateLead(string conversationId, string? title = null)
        => await CardAsync(await _engine.Crm.CreateLeadAsync(Workspace, WireMapper.ConversationId(conversationId), AgentId, title, Context.ConnectionAborted).ConfigureAwait(false)).ConfigureAwait(false);

    /// <summary>Creates a deal in the CRM from the conversation.</summary>
    public async Task<CrmCard> CreateDeal(string conversationId, string title)
        => await CardAsync(await _engine.Crm.CreateDealAsync(Workspace, WireMapper.ConversationId(conversationId), AgentId, title, Context.ConnectionAborted).ConfigureAwait(false)).ConfigureAwait(false);

    /// <summary>The CRM record the conversation's contact is matched to, with the workspace's field layout (feature I8); <see langword="null"/> when none.</summary>
    public async Task<CrmCard?> GetMatchedRecord(string conversationId)
    {
        var id = WireMapper.ConversationId(conversationId);
        _ = await _engine.Conversations.GetAsync(Workspace, id, Context.ConnectionAborted).ConfigureAwait(false);
        var contact = await _engine.Identity.FindByConversationAsync(Workspace, id, Context.ConnectionAborted).ConfigureAwait(false);
        return contact?.CrmRecord is { } record
            ? WireMapper.Card(await _engine.Crm.ViewAsync(Workspace, record, Context.ConnectionAborted).ConfigureAwait(false))
            : null;
    }

    /// <summary>Leaves a note for the owner of a CRM record and notifies them (feature C10).</summary>
    public async Task NotifyOwner(string recordId, string message)
        => await _engine.Crm.NotifyOwnerAsync(Workspace, new CrmRecordId(recordId), AgentId, message, Context.ConnectionAborted).ConfigureAwait(false);

    private async Task<CrmCard> CardAsync(CrmRecord record)
        => WireMapper.Card(await _engine.Crm.ViewAsync(Workspace, record.Id, Context.ConnectionAborted).ConfigureAwait(false));
}
