using System.Collections.Immutable;
using System.Text.RegularExpressions;
using LiveChat.Core.Conversations;
using LiveChat.Core.Crm;
using LiveChat.Core.Email;
using LiveChat.Core.Internal;
using LiveChat.Core.Texts;

namespace LiveChat.Core.Identity;

/// <content>Chat tracking: resolving a conversation to one contact (features I2–I4, I6).</content>
public sealed partial class IdentityService
{
    private const int MaxFieldNameLength = 64;
    private const int MaxFieldValueLength = 500;
    private const int MaxIdentifiers = 20;
    private const string PlaceholderReason = "a placeholder, not a value";

    private const string NotSignable = "Only an external user id signed with the workspace secret is host-verified; "
        + "pass ChannelAsserted for contact details the host application has checked.";

    /// <summary>
    /// Resolves a conversation to one contact (feature I2): matches its identifiers exactly, attaches the conversation,
    /// links the new identifiers, fills missing fields (I3), and creates a contact and a CRM lead named after the client
    /// when nothing matches (I4). Conflicts become suggestions, never merges (I6). Calling it again with the same
    /// input changes nothing.
    /// </summary>
    /// <exception cref="ConversationNotFoundException">No such conversation in this workspace.</exception>
    /// <exception cref="InvalidIdentifierException">
    /// An empty or oversized handle; a malformed e-mail or an unparseable phone only when the request holds nothing valid
    /// besides: beside a valid value, it is set aside in <see cref="IdentifyResult.IgnoredValues"/> with its raw text.
    /// </exception>
    /// <exception cref="HostVerificationFailedException">An external user id with a signature that does not verify.</exception>
    /// <exception cref="ArgumentException">An empty or oversized name or field.</exception>
    /// <remarks>
    /// Decided through the <see cref="IIdentityPort"/>: in this process by default, or by the workspace's single writer
    /// when an adapter such as <c>LiveChat.Orleans</c> replaces it.
    /// </remarks>
    public async ValueTask<IdentifyResult> IdentifyAsync(WorkspaceId workspace, IdentifyRequest request, CancellationToken cancellationToken = default)
    {
        var port = Port;
        if (port is InProcessIdentity)
        {
            return (await IdentifyHereAsync(workspace, request, decide: true, cancellationToken).ConfigureAwait(false))!;
        }

        // Bad input is refused here, before it travels; the workspace's writer checks it again against the store.
        return await IdentifyHereAsync(workspace, request, decide: false, cancellationToken).ConfigureAwait(false)
            ?? await port.IdentifyAsync(workspace, request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// <see cref="IdentifyAsync"/> checked and, when <paramref name="decide"/>, decided here in this process's writer's
    /// turn (<see cref="InProcessIdentity"/>); without it, <see langword="null"/> for a request that needs a decision.
    /// </summary>
    internal async ValueTask<IdentifyResult?> IdentifyHereAsync(WorkspaceId workspace, IdentifyRequest request, bool decide, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        Guard.Defined(workspace);
        var conversation = await LoadConversationAsync(workspace, request.ConversationId, cancellationToken).ConfigureAwait(false);
        var settings = GetSettings(workspace);
        var tracking = settings.For(conversation.Channel);
        List<IgnoredValue>? ignored = null;
        var identifiers = BuildIdentifiers(request, conversation, settings, tracking, ref ignored);
        var fields = CheckFields(request, settings, ref ignored);
        if (identifiers.IsEmpty && fields.IsEmpty && ignored?.Find(v => v.Reason != PlaceholderReason && v.Field is "email" or "phone") is { } malformed)
        {
            // Nothing valid at all: refused with the specific exception of its bad field, as the contact form is.
            throw new InvalidIdentifierException(malformed.Field == "email" ? IdentifierKind.Email : IdentifierKind.Phone, $"is {malformed.Reason}");
        }

        if (!tracking.EnableChatTracking)
        {
            return new IdentifyResult(IdentifyOutcome.TrackingDisabled, null, [], [], [], false) { IgnoredValues = [.. ignored ?? []] };
        }

        if (!decide)
        {
            return null;
        }

        var result = await WriteAsync(workspace, book => IdentifyLockedAsync(book, conversation, identifiers, fields, tracking, cancellationToken), cancellationToken)
            .ConfigureAwait(false);
        return ignored is null ? result : result with { IgnoredValues = [.. ignored] };
    }

    /// <summary>
    /// Resolves a conversation again from the identifiers it gave before (feature I5), for example after a detach. An
    /// attached conversation stays where it is; a detached one never returns to a contact whose identifier was detached.
    /// </summary>
    /// <exception cref="ConversationNotFoundException">No such conversation, or it was never resolved.</exception>
    public ValueTask<IdentifyResult> ReResolveAsync(WorkspaceId workspace, ConversationId conversationId, CancellationToken cancellationToken = default)
    {
        Guard.Defined(workspace);
        Guard.Defined(conversationId);
        return Port.ReResolveAsync(workspace, conversationId, cancellationToken);
    }

    /// <summary><see cref="ReResolveAsync"/> written here, in this process's writer's turn (<see cref="InProcessIdentity"/>).</summary>
    internal async ValueTask<IdentifyResult> ReResolveHereAsync(WorkspaceId workspace, ConversationId conversationId, CancellationToken cancellationToken)
    {
        var conversation = await LoadConversationAsync(workspace, conversationId, cancellationToken).ConfigureAwait(false);
        var tracking = GetSettings(workspace).For(conversation.Channel);
        return await WriteAsync(workspace, book =>
        {
            var observed = Read(book, b => b.Observed(conversationId)) ?? throw new ConversationNotFoundException(workspace, conversationId);
            return IdentifyLockedAsync(book, conversation, observed.Identifiers, ImmutableDictionary<string, string>.Empty, tracking, cancellationToken);
        }, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<Conversation> LoadConversationAsync(WorkspaceId workspace, ConversationId conversationId, CancellationToken cancellationToken)
    {
        Guard.Defined(workspace);
        Guard.Defined(conversationId);
        return await _store.FindConversationAsync(workspace, conversationId, cancellationToken).ConfigureAwait(false)
            ?? throw new ConversationNotFoundException(workspace, conversationId);
    }

    private async ValueTask<IdentifyResult> IdentifyLockedAsync(
        IdentityBook book,
        Conversation conversation,
        ImmutableArray<ContactIdentifier> identifiers,
        ImmutableDictionary<string, string> fields,
        ChannelTracking tracking,
        CancellationToken cancellationToken)
    {
        IdentityPlan plan;
        lock (book.Gate)
        {
            var observed = book.Observed(conversation.Id);
            var known = observed is not null && identifiers.All(i => observed.Identifiers.Any(o => o.SameAs(i) && o.Verification >= i.Verification));
            if (known && book.FindByConversation(conversation.Id) is { } attached && AllRecorded(book, attached, fields))
            {
                // The hot path of a repeated call: nothing new to record, nothing to decide.
                var link = attached.Conversations.First(c => c.ConversationId == conversation.Id);
                return new IdentifyResult(IdentifyOutcome.Matched, attached, [], ProposedChanges(attached, fields), [], link.Verification >= VerificationLevel.ChannelAsserted);
            }

            plan = IdentityPlan.Decide(book, conversation, identifiers, fields.GetValueOrDefault("name"), tracking, NewContactId(), _time.GetUtcNow());
        }

        var now = _time.GetUtcNow();
        var entries = new List<IdentityEvent>();
        entries.Add(new ConversationObserved(conversation.Id, conversation.Channel, MergeObserved(book, conversation.Id, identifiers)) { OccurredAt = now, Actor = AutomaticActor, Reason = plan.Reason });
        var outcome = IdentifyOutcome.Matched;
        var target = plan.Target;
        var source = FieldSource(conversation.Id);
        var proposed = ImmutableArray.CreateBuilder<ProposedFieldChange>();
        CrmRecordId? unnamedRecord = null;
        if (plan.Absorbed is { } absorbed)
        {
            entries.Add(ContactsMerged.Between(plan.Contact!, absorbed, plan.ViaLevel, now, AutomaticActor, plan.Reason));
            if (absorbed.CrmRecord is { } absorbedRecord && plan.Contact!.CrmRecord is { } keptRecord && absorbedRecord != keptRecord)
            {
                // The absorbed contact's lead stays in the CRM with no contact behind it: its feed says whose it is now.
                await NoteMergedLeadAsync(conversation, absorbedRecord, keptRecord, cancellationToken).ConfigureAwait(false);
            }
        }

        if (plan.IsNew)
        {
            // The widget's "Visitor" is nobody's name: the contact stays unnamed, so the client's real name fills it later.
            var name = fields.GetValueOrDefault("name") ?? (IsDefaultName(book, conversation.VisitorName) ? null : conversation.VisitorName);
            var filed = await FindOrFileInCrmAsync(book, conversation, plan, tracking, name, proposed, cancellationToken).ConfigureAwait(false);
            outcome = filed is { Created: false } ? IdentifyOutcome.FoundInCrm : IdentifyOutcome.Created;
            entries.Add(new ContactCreated(target, conversation.Id) { OccurredAt = now, Actor = AutomaticActor, Reason = plan.Reason });
            if (filed is { Record: var record })
            {
                entries.Add(new CrmRecordLinked(target, record.Id) { OccurredAt = now, Actor = AutomaticActor, Reason = plan.Reason });
            }

            fields = name is null ? fields : fields.SetItem("name", name);
        }
        else if (plan.Contact!.CrmRecord is not { } recordId)
        {
            // Known by a name only so far: the first identifier finds the client's record or files the lead now.
            var name = fields.GetValueOrDefault("name") ?? (plan.Contact.Name is { Length: > 0 } known ? known : null);
            if (await FindOrFileInCrmAsync(book, conversation, plan, tracking, name, proposed, cancellationToken).ConfigureAwait(false) is { } filed)
            {
                outcome = filed.Created ? IdentifyOutcome.Matched : IdentifyOutcome.FoundInCrm;
                entries.Add(new CrmRecordLinked(target, filed.Record.Id) { OccurredAt = now, Actor = AutomaticActor, Reason = plan.Reason });
            }
        }
        else if (await _crm.FindAsync(book.Workspace, recordId, cancellationToken).ConfigureAwait(false) is { } record)
        {
            if (await FindClientBehindLeadAsync(book, plan, record, tracking, cancellationToken).ConfigureAwait(false) is { } client)
            {
                // The lead filed from a channel handle is a client the CRM already held: the contact goes to the client.
                proposed.AddRange(await EnrichCrmRecordAsync(book.Workspace, client, plan.Links, cancellationToken).ConfigureAwait(false));
                await NoteSamePersonAsync(conversation, record, client, cancellationToken).ConfigureAwait(false);
                entries.Add(new CrmRecordLinked(target, client.Id) { OccurredAt = now, Actor = AutomaticActor, Reason = plan.Reason });
                outcome = IdentifyOutcome.FoundInCrm;
            }
            else
            {
                proposed.AddRange(await EnrichCrmRecordAsync(book.Workspace, record, plan.Links, cancellationToken).ConfigureAwait(false));
                unnamedRecord = IsDefaultName(book, record.Name) ? record.Id : null;
            }
        }

        foreach (var link in plan.Links)
        {
            entries.Add(new IdentifierLinked(target, link with { LinkedAt = now, Source = conversation.Id }) { OccurredAt = now, Actor = AutomaticActor, Reason = plan.Reason });
        }

        if (plan.Move is { } moved)
        {
            entries.Add(moved with { OccurredAt = now });
        }
        else if (plan.Attach)
        {
            var attachment = new ContactConversation(conversation.Id, conversation.Channel, plan.Via, plan.ViaLevel, now);
            entries.Add(new ConversationAttached(target, attachment) { OccurredAt = now, Actor = AutomaticActor, Reason = plan.Reason });
        }

        foreach (var (name, value) in fields.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            var current = plan.Contact?.Field(name) ?? plan.Absorbed?.Field(name) ?? plan.Move?.MovedFields.FirstOrDefault(f => f.Name == name);
            if (current is null || (name == "name" && IsDefaultName(book, current.Value)))
            {
                entries.Add(new FieldRecorded(target, new ContactField(name, value, source, now), null) { OccurredAt = now, Actor = AutomaticActor, Reason = plan.Reason });
                if (name == "name" && unnamedRecord is { } recordToName)
                {
                    // The lead created as "Visitor" gets the real name with the contact; a name somebody gave it stays.
                    await _crm.UpdateNameAsync(book.Workspace, recordToName, value, cancellationToken).ConfigureAwait(false);
                }
            }
            else if (!string.Equals(current.Value, value, StringComparison.Ordinal))
            {
                proposed.Add(new ProposedFieldChange(name, current.Value, value));
            }
        }

        lock (book.Gate)
        {
            foreach (var suggestion in plan.Suggestions.Where(s => !book.Suggestions.Contains(s)))
            {
                entries.Add(new SuggestionRaised(suggestion) { OccurredAt = now, Actor = AutomaticActor, Reason = plan.Reason });
            }
        }

        Append(book, entries);
        var contact = Read(book, b => b.Find(target));
        var level = contact!.Conversations.First(c => c.ConversationId == conversation.Id).Verification;
        return new IdentifyResult(outcome, contact, plan.Suggestions, proposed.ToImmutable(), plan.Ignored, level >= VerificationLevel.ChannelAsserted);
    }

    private static ImmutableArray<ContactIdentifier> MergeObserved(IdentityBook book, ConversationId conversationId, ImmutableArray<ContactIdentifier> identifiers)
    {
        lock (book.Gate)
        {
            var earlier = book.Observed(conversationId)?.Identifiers ?? [];
            return Distinct([.. earlier, .. identifiers]);
        }
    }

    private static ImmutableArray<ProposedFieldChange> ProposedChanges(Contact contact, ImmutableDictionary<string, string> fields)
        => fields.IsEmpty ? [] : [.. fields.OrderBy(f => f.Key, StringComparer.Ordinal)
            .Select(f => (f, current: contact.Field(f.Key)))
            .Where(x => x.current is not null && !string.Equals(x.current.Value, x.f.Value, StringComparison.Ordinal))
            .Select(x => new ProposedFieldChange(x.f.Key, x.current!.Value, x.f.Value))];

    private static bool AllRecorded(IdentityBook book, Contact contact, ImmutableDictionary<string, string> fields)
    {
        foreach (var (name, value) in fields)
        {
            // A name other than the recorded one is evidence to weigh (another first name may move the conversation).
            if (contact.Field(name) is not { } field || (name == "name" && (IsDefaultName(book, field.Value) || !string.Equals(field.Value, value, StringComparison.Ordinal))))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsDefaultName(IdentityBook book, string name) => book.IsDefaultName(name);

    /// <summary>
    /// Whether <paramref name="name"/> is the name an unnamed visitor gets rather than anyone's: the host's
    /// <see cref="LiveChatOptions.DefaultVisitorName"/>, or the catalogue's "Visitor" in any language the workspace reads.
    /// </summary>
    private bool IsDefaultName(WorkspaceId workspace, string name)
        => string.Equals(name, _defaultVisitorName, StringComparison.Ordinal)
            || TextCatalog.SupportedLanguages.Any(language => string.Equals(name, _locales.Texts.Get(language, SystemText.Visitor, workspace), StringComparison.Ordinal));

    internal static string FieldSource(ConversationId conversationId) => $"conversation:{conversationId}";

    private ContactId NewContactId() => new(Guid.CreateVersion7(_time.GetUtcNow()));
}
