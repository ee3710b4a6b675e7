using System.Collections.Concurrent;
using System.Globalization;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Email;
using LiveChat.Core.Identity;
using LiveChat.Core.Internal;
using LiveChat.Core.Storage;

namespace LiveChat.Core.Crm;

/// <summary>
/// The CRM as agents use it from a conversation (features C7, I7, I8): create a lead or a deal from the details panel,
/// even after the conversation ended, add notes, notify a record's owner, edit a lead's phone, and view records through
/// the workspace's field layouts.
/// </summary>
/// <remarks>
/// Thread-safe. Records go to the registered <see cref="ICrmGateway"/>, <see cref="InMemoryCrm"/> by default. Once the engine
/// is disposed, every write (lead, deal, note, owner notice, phone) is refused with <see cref="EngineStoppedException"/>
/// before it changes anything; reads still work.
/// </remarks>
public sealed class CrmService
{
    private const int MaxTextLength = 4000;
    private readonly ConcurrentDictionary<(WorkspaceId, CrmRecordKind), CrmFieldLayout> _layouts = new();
    private readonly IConversationStore _store;
    private readonly AgentResolver _resolver;
    private readonly ConversationDetailsService _details;
    private readonly IdentityService _identity;
    private readonly TimeProvider _time;
    private readonly IEmailStore _emails;
    private readonly WorkspaceLocales _locales;
    private readonly BackgroundWork _work;

    internal CrmService(
        IConversationStore store, AgentResolver resolver, ConversationDetailsService details, IdentityService identity, ICrmGateway gateway, IEmailStore emails, TimeProvider time,
        WorkspaceLocales locales, BackgroundWork work)
    {
        _work = work;
        _locales = locales;
        _emails = emails;
        _store = store;
        _resolver = resolver;
        _details = details;
        _identity = identity;
        Gateway = gateway;
        _time = time;
    }

    /// <summary>The CRM port itself, for finding records by e-mail, phone or id.</summary>
    public ICrmGateway Gateway { get; }

    /// <summary>
    /// Whether a lead can be created from the conversation, and why not (seed 001, feature C7): "Create lead" is offered
    /// only when no CRM record matches the client (the contact's record, or a lead or person with the client's e-mail or
    /// phone) and an e-mail address is known (the contact's, or the one the visitor left for e-mails).
    /// </summary>
    /// <exception cref="ConversationNotFoundException">No such conversation.</exception>
    public async ValueTask<LeadEligibility> GetLeadEligibilityAsync(WorkspaceId workspace, ConversationId conversationId, CancellationToken cancellationToken = default)
    {
        Guard.Defined(workspace);
        Guard.Defined(conversationId);
        var conversation = await _store.FindConversationAsync(workspace, conversationId, cancellationToken).ConfigureAwait(false)
            ?? throw new ConversationNotFoundException(workspace, conversationId);
        var contact = await _identity.FindByConversationAsync(workspace, conversationId, cancellationToken).ConfigureAwait(false);
        return await DecideLeadAsync(conversation, contact, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Creates a lead from the conversation (feature C7), named after the details panel's person, the contact or the
    /// visitor, with the client's e-mail and phone, and lists it under the conversation's created results. It is assigned
    /// like every lead the SDK creates: to the workspace's <see cref="IdentitySettings.LeadOwner"/> or
    /// <see cref="IdentitySettings.LeadDistributionGroup"/>, else to the agent; <see cref="CrmRecord.Owner"/> says who.
    /// The lead states the conversation it was added from, its feed has an entry saying so (seed 001), and the contact is
    /// filed under it (created when the conversation has none), so that chat tracking finds it later.
    /// </summary>
    /// <exception cref="ConversationNotFoundException">No such conversation.</exception>
    /// <exception cref="NotAssignedAgentException">Another agent owns the conversation.</exception>
    /// <exception cref="ClientAlreadyInCrmException">A CRM record already matches the client (see <see cref="GetLeadEligibilityAsync"/>).</exception>
    /// <exception cref="NoEmailAddressException">The client gave no e-mail address.</exception>
    public async ValueTask<CrmRecord> CreateLeadAsync(
        WorkspaceId workspace, ConversationId conversationId, AgentId agentId, string? title = null, CancellationToken cancellationToken = default)
    {
        Guard.OptionalText(title, 200);
        var (conversation, contact) = await AuthorizeAsync(workspace, conversationId, agentId, cancellationToken).ConfigureAwait(false);
        var eligibility = await DecideLeadAsync(conversation, contact, cancellationToken).ConfigureAwait(false);
        if (eligibility.MatchingRecord is { } match)
        {
            throw new ClientAlreadyInCrmException(conversationId, match.Id);
        }

        var name = title ?? conversation.Details.PersonName ?? (contact?.Name is { Length: > 0 } contactName ? contactName : conversation.VisitorName);
        var draft = ChatRecords.Lead(
            _identity.GetSettings(workspace), name, eligibility.Email ?? throw new NoEmailAddressException(conversationId), ChatRecords.Phone(contact?.Identifiers), agentId);
        var lead = await ChatRecords.CreateAsync(Gateway, _locales, conversation, draft, agentId, cancellationToken).ConfigureAwait(false);

        // Chat tracking may have filed the client meanwhile: the record it found wins, and this one goes again. The record
        // the contact named when nothing matched is one the CRM no longer holds (deleted there): the new lead replaces it.
        var filed = await _identity.FileCrmRecordAsync(conversation, lead.Id, $"agent:{agentId}", contact?.CrmRecord, cancellationToken).ConfigureAwait(false);
        if (filed is { } other && other != lead.Id)
        {
            await Gateway.EraseAsync(workspace, lead.Id, CancellationToken.None).ConfigureAwait(false);
            throw new ClientAlreadyInCrmException(conversationId, other);
        }

        if (filed is not null && ChatRecords.Email(contact?.Identifiers) is null)
        {
            // The address came from the e-mail form: linked like any the client types, so chat tracking knows it next time.
            await _identity.IdentifyAsync(workspace, new IdentifyRequest { ConversationId = conversationId, Email = eligibility.Email }, cancellationToken).ConfigureAwait(false);
        }

        await _details.AddCreatedResultAsync(workspace, conversationId, agentId, CreatedResultKind.Lead, lead.Id.Value, lead.Name, cancellationToken).ConfigureAwait(false);
        return lead;
    }

    /// <summary>
    /// Creates a deal from the details panel (feature C7): its value, and the person and organization named there, each
    /// created in the CRM; every record created is listed under the conversation's created results.
    /// </summary>
    /// <exception cref="ConversationNotFoundException">No such conversation.</exception>
    /// <exception cref="NotAssignedAgentException">Another agent owns the conversation.</exception>
    public async ValueTask<CrmRecord> CreateDealAsync(
        WorkspaceId workspace, ConversationId conversationId, AgentId agentId, string title, CancellationToken cancellationToken = default)
    {
        Guard.NotNullOrWhiteSpace(title, 200);
        var (conversation, contact) = await AuthorizeAsync(workspace, conversationId, agentId, cancellationToken).ConfigureAwait(false);
        var details = conversation.Details;
        CrmRecordId? organization = null;
        if (details.OrganizationName is { } organizationName)
        {
            var created = await ChatRecords.CreateAsync(Gateway, _locales, conversation, new CrmRecordDraft { Kind = CrmRecordKind.Organization, Name = organizationName, Owner = agentId }, agentId, cancellationToken)
                .ConfigureAwait(false);
            await _details.AddCreatedResultAsync(workspace, conversationId, agentId, CreatedResultKind.Organization, created.Id.Value, created.Name, cancellationToken).ConfigureAwait(false);
            organization = created.Id;
        }

        CrmRecordId? person = null;
        if (details.PersonName is { } personName)
        {
            var created = await ChatRecords.CreateAsync(Gateway, _locales, conversation, new CrmRecordDraft
            {
                Kind = CrmRecordKind.Person,
                Name = personName,
                Email = ChatRecords.Email(contact?.Identifiers),
                Phone = ChatRecords.Phone(contact?.Identifiers),
                OrganizationId = organization,
                Owner = agentId,
            }, agentId, cancellationToken).ConfigureAwait(false);
            await _details.AddCreatedResultAsync(workspace, conversationId, agentId, CreatedResultKind.Person, created.Id.Value, created.Name, cancellationToken).ConfigureAwait(false);
            person = created.Id;
        }

        var deal = await ChatRecords.CreateAsync(Gateway, _locales, conversation, new CrmRecordDraft
        {
            Kind = CrmRecordKind.Deal,
            Name = title,
            Value = details.DealValue,
            PersonId = person ?? contact?.CrmRecord,
            OrganizationId = organization,
            Owner = agentId,
        }, agentId, cancellationToken).ConfigureAwait(false);
        await _details.AddCreatedResultAsync(workspace, conversationId, agentId, CreatedResultKind.Deal, deal.Id.Value, deal.Name, cancellationToken).ConfigureAwait(false);
        return deal;
    }

    /// <summary>Adds a note to a record's activity feed (feature I7).</summary>
    /// <exception cref="CrmRecordNotFoundException">No such record.</exception>
    /// <exception cref="AgentNotFoundException">No such agent.</exception>
    public async ValueTask<CrmActivity> AddNoteAsync(WorkspaceId workspace, CrmRecordId recordId, AgentId agentId, string text, CancellationToken cancellationToken = default)
    {
        Guard.NotNullOrWhiteSpace(text, MaxTextLength);
        _work.ThrowIfDisposed();
        await _resolver.RequireAsync(workspace, agentId, cancellationToken).ConfigureAwait(false);
        await RequireRecordAsync(workspace, recordId, cancellationToken).ConfigureAwait(false);
        return await Gateway.AddActivityAsync(workspace, new CrmActivity
        {
            RecordId = recordId,
            Type = CrmActivityType.Note,
            OccurredAt = _time.GetUtcNow(),
            Text = text,
            AgentId = agentId,
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Notifies the record's owner ("notify sales", feature I7), recorded in the activity feed.</summary>
    /// <exception cref="CrmRecordNotFoundException">No such record.</exception>
    /// <exception cref="CrmRecordHasNoOwnerException">The record has no owner.</exception>
    public async ValueTask<CrmActivity> NotifyOwnerAsync(WorkspaceId workspace, CrmRecordId recordId, AgentId agentId, string message, CancellationToken cancellationToken = default)
    {
        Guard.NotNullOrWhiteSpace(message, MaxTextLength);
        _work.ThrowIfDisposed();
        await _resolver.RequireAsync(workspace, agentId, cancellationToken).ConfigureAwait(false);
        var record = await RequireRecordAsync(workspace, recordId, cancellationToken).ConfigureAwait(false);
        var owner = record.Owner ?? throw new CrmRecordHasNoOwnerException(recordId);
        return await Gateway.AddActivityAsync(workspace, new CrmActivity
        {
            RecordId = recordId,
            Type = CrmActivityType.OwnerNotification,
            OccurredAt = _time.GetUtcNow(),
            Text = message,
            AgentId = agentId,
            NotifiedAgentId = owner,
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Adds or edits the phone of a lead or person (feature I7), parsed into E.164.</summary>
    /// <exception cref="InvalidIdentifierException">The number cannot be parsed.</exception>
    /// <exception cref="CrmRecordNotFoundException">No such record.</exception>
    public async ValueTask<CrmRecord> SetPhoneAsync(
        WorkspaceId workspace, CrmRecordId recordId, AgentId agentId, string phone, string? defaultRegion = null, CancellationToken cancellationToken = default)
    {
        var parsed = ContactIdentifier.Phone(phone, defaultRegion ?? _identity.GetSettings(workspace).DefaultRegion);
        _work.ThrowIfDisposed();
        await _resolver.RequireAsync(workspace, agentId, cancellationToken).ConfigureAwait(false);
        var record = await RequireRecordAsync(workspace, recordId, cancellationToken).ConfigureAwait(false);
        if (record.Kind is not (CrmRecordKind.Lead or CrmRecordKind.Person))
        {
            throw new ArgumentException($"A {record.Kind} has no phone number.", nameof(recordId));
        }

        return await Gateway.UpdateContactDetailsAsync(workspace, recordId, null, parsed.Value, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sets which fields agents see for one kind of record (feature I8).</summary>
    /// <exception cref="ArgumentException">No fields, a field twice, or a field the kind does not have.</exception>
    public void SetFieldLayout(WorkspaceId workspace, CrmFieldLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        Guard.Defined(workspace);
        if (layout.Fields.IsDefaultOrEmpty || layout.Fields.Distinct().Count() != layout.Fields.Length)
        {
            throw new ArgumentException("A layout lists at least one field, each once.", nameof(layout));
        }

        if (layout.Fields.FirstOrDefault(f => !CrmFieldLayout.Applies(layout.Kind, f)) is var wrong && !CrmFieldLayout.Applies(layout.Kind, wrong))
        {
            throw new ArgumentException($"A {layout.Kind} has no {wrong} field.", nameof(layout));
        }

        _layouts[(workspace, layout.Kind)] = layout;
    }

    /// <summary>The fields agents see for one kind of record (feature I8).</summary>
    public CrmFieldLayout GetFieldLayout(WorkspaceId workspace, CrmRecordKind kind)
        => _layouts.TryGetValue((Guard.Defined(workspace), kind), out var layout) ? layout : CrmFieldLayout.DefaultFor(kind);

    /// <summary>A record through its layout, as the agent's CRM widget shows it (feature I8).</summary>
    /// <exception cref="CrmRecordNotFoundException">No such record.</exception>
    public async ValueTask<CrmRecordView> ViewAsync(WorkspaceId workspace, CrmRecordId recordId, CancellationToken cancellationToken = default)
    {
        var record = await RequireRecordAsync(workspace, recordId, cancellationToken).ConfigureAwait(false);
        var values = new List<CrmFieldValue>();
        foreach (var field in GetFieldLayout(workspace, record.Kind).Fields)
        {
            values.Add(new CrmFieldValue(field, field switch
            {
                CrmField.Name => record.Name,
                CrmField.Email => record.Email,
                CrmField.Phone => record.Phone,
                CrmField.Owner => record.Owner?.Value,
                CrmField.Organization => record.OrganizationId?.Value,
                CrmField.Person => record.PersonId?.Value,
                CrmField.Value => record.Value?.ToString(),
                CrmField.CreatedAt => record.CreatedAt.ToString("O", CultureInfo.InvariantCulture),
                _ => null,
            }));
        }

        return new CrmRecordView(record, values);
    }

    private async ValueTask<CrmRecord> RequireRecordAsync(WorkspaceId workspace, CrmRecordId recordId, CancellationToken cancellationToken)
    {
        Guard.Defined(workspace);
        Guard.Defined(recordId);

        return await Gateway.FindAsync(workspace, recordId, cancellationToken).ConfigureAwait(false) ?? throw new CrmRecordNotFoundException(workspace, recordId);
    }

    /// <summary>The one decision behind <see cref="GetLeadEligibilityAsync"/> and <see cref="CreateLeadAsync"/> (seed 001).</summary>
    private async ValueTask<LeadEligibility> DecideLeadAsync(Conversation conversation, Contact? contact, CancellationToken cancellationToken)
    {
        var workspace = conversation.Workspace;
        var email = ChatRecords.Email(contact?.Identifiers)
            ?? (await _emails.FindRecipientAsync(workspace, conversation.Id, cancellationToken).ConfigureAwait(false))?.Address.Address;
        var phone = ChatRecords.Phone(contact?.Identifiers);
        var match = contact?.CrmRecord is { } filed ? await Gateway.FindAsync(workspace, filed, cancellationToken).ConfigureAwait(false) : null;
        match ??= email is null ? null : First(await Gateway.FindByEmailAsync(workspace, email, cancellationToken).ConfigureAwait(false));
        match ??= phone is null ? null : First(await Gateway.FindByPhoneAsync(workspace, phone, cancellationToken).ConfigureAwait(false));
        var refusal = match is not null ? LeadRefusal.RecordMatches : email is null ? LeadRefusal.NoEmail : LeadRefusal.None;
        return new LeadEligibility(refusal, match, email);

        static CrmRecord? First(IReadOnlyList<CrmRecord> found) => found.Count > 0 ? found[0] : null;
    }

    private async ValueTask<(Conversation Conversation, Contact? Contact)> AuthorizeAsync(
        WorkspaceId workspace, ConversationId conversationId, AgentId agentId, CancellationToken cancellationToken)
    {
        Guard.Defined(workspace);
        Guard.Defined(conversationId);
        _work.ThrowIfDisposed();
        var agent = await _resolver.RequireAsync(workspace, agentId, cancellationToken).ConfigureAwait(false);
        var conversation = await _store.FindConversationAsync(workspace, conversationId, cancellationToken).ConfigureAwait(false)
            ?? throw new ConversationNotFoundException(workspace, conversationId);

        // Checked before anything is created in the CRM, so that a refused agent leaves no orphan record behind.
        if (conversation.State == ConversationState.Assigned && conversation.AssignedAgentId != agent.Id)
        {
            throw new NotAssignedAgentException(conversation.Id, agent.Id);
        }

        return (conversation, await _identity.FindByConversationAsync(workspace, conversationId, cancellationToken).ConfigureAwait(false));
    }
}
