using System.Collections.Immutable;
using LiveChat.Core.Conversations;

namespace LiveChat.Core.Identity;

/// <summary>
/// What resolving one conversation will do, decided on the graph as it is (features I2, I6): the target contact, the
/// identifiers to link, the attachment, and the conflicts to report. Deciding changes nothing.
/// </summary>
internal sealed class IdentityPlan
{
    private IdentityPlan(ContactId target, Contact? contact)
    {
        Target = target;
        Contact = contact;
    }

    public ContactId Target { get; }

    /// <summary>The existing target, or <see langword="null"/> when a contact is to be created.</summary>
    public Contact? Contact { get; }

    public bool IsNew => Contact is null;

    public List<LinkedIdentifier> Links { get; } = [];

    public bool Attach { get; private set; }

    public ContactIdentifier? Via { get; private set; }

    public VerificationLevel ViaLevel { get; private set; }

    public ImmutableArray<MergeSuggestion> Suggestions { get; private set; } = [];

    public ImmutableArray<ContactIdentifier> Ignored { get; private set; } = [];

    public string Reason { get; private set; } = string.Empty;

    /// <summary>The contact the conversation leaves, when later evidence contradicts the match it was attached on.</summary>
    public ConversationLeaving? Leaving { get; private init; }

    /// <summary>The move off <see cref="Leaving"/>'s contact, to <see cref="Target"/>; logged before the links.</summary>
    public ConversationMoved? Move { get; private set; }

    /// <summary>
    /// The contact that gives way to <see cref="Target"/>: it holds no personal value (only a channel handle or a name), and
    /// this conversation matched <see cref="Target"/> exactly on a personal value. It is merged into the target
    /// automatically, logged and undoable like any merge.
    /// </summary>
    public Contact? Absorbed { get; private set; }

    /// <summary>The most an identifier linked by this decision is trusted: never above the match it was linked on.</summary>
    public VerificationLevel LinkCap { get; private set; } = VerificationLevel.HostVerified;

    public static IdentityPlan Decide(
        IdentityBook book, Conversation conversation, ImmutableArray<ContactIdentifier> identifiers, string? name, ChannelTracking tracking, ContactId newId, DateTimeOffset now)
    {
        var settings = book.Settings;
        var current = book.FindByConversation(conversation.Id);
        var candidates = new Dictionary<ContactId, (ContactIdentifier Via, VerificationLevel Level)>();
        var conflicts = new List<(ContactId Other, SuggestionReason Reason, ContactIdentifier Identifier)>();
        var shared = new HashSet<IdentifierKey>();
        var leaving = current is null ? null : LeavingOf(book, current, conversation.Id, identifiers, ref name);
        if (leaving is not null)
        {
            // Decided again from everything the conversation gave, as if it had all come at once: the outcome must not
            // depend on the order in which the same values arrived. The contact it leaves is reported, never a candidate.
            identifiers = IdentityService.Distinct([.. book.Observed(conversation.Id)!.Identifiers, .. identifiers]);
            conflicts.Add((current!.Id, SuggestionReason.ContradictingEvidence, leaving.Via!));
            shared.Add(leaving.Via!.Key);
            current = null;
        }

        var matchable = identifiers.Where(i => !IdentityRules.IsBlocked(i, settings)).ToList();
        var evidence = new IdentityEvidence(identifiers, name, current, settings, book.IsDefaultName);

        // With "check client in CRM" off, every new conversation is a new client: nothing is looked up.
        if (tracking.CheckClientInCrm || current is not null)
        {
            foreach (var identifier in matchable)
            {
                var owners = book.Owners(identifier.Key).Where(o => !book.IsTombstoned(identifier.Key, o) && o != leaving?.From).ToList();
                if (owners.Count != 1 || book.IsDisputed(identifier.Key))
                {
                    // Unknown, shared by several contacts, or shown to stand for two people: it proves nothing about who this is.
                    continue;
                }

                var owner = book.Find(owners[0])!;
                var linked = owner.Find(identifier)!;
                if (linked.Identifier.Verification < identifier.Verification && !IdentityRules.IsPersonal(identifier.Kind))
                {
                    // A channel handle linked on the strength of a typed value is not proof of anyone: alone it matches nobody.
                    continue;
                }

                var held = Trust(owner, linked, now, settings);
                if (identifier.Verification < held)
                {
                    conflicts.Add((owner.Id, SuggestionReason.StrongerOwner, identifier));
                    continue;
                }

                // A match is as strong as the weaker of what was given now and what the owner holds.
                var level = held;
                if (owner.Id != current?.Id && level == VerificationLevel.SelfAsserted && evidence.Contradicts(owner, identifier.Kind))
                {
                    // A household landline, a recycled number (dormant), a front-desk address: two people behind one typed
                    // value. It stays its owner's alone (never copied), alone it matches neither from now on, and an agent decides.
                    conflicts.Add((owner.Id, SuggestionReason.ContradictingEvidence, identifier));
                    shared.Add(identifier.Key);
                    continue;
                }

                if (!candidates.TryGetValue(owner.Id, out var best) || Better(identifier, level, best))
                {
                    candidates[owner.Id] = (identifier, level);
                }
            }

            if (identifiers.FirstOrDefault(i => i.Kind == IdentifierKind.ExternalUserId && i.Verification == VerificationLevel.HostVerified) is { } verified)
            {
                foreach (var id in candidates.Keys.ToList())
                {
                    if (OtherVerifiedId(book.Find(id)!, verified) is not null)
                    {
                        candidates.Remove(id);
                        conflicts.Add((id, SuggestionReason.ConflictingVerifiedIds, verified));
                    }
                }
            }
        }

        var ordered = candidates.OrderByDescending(c => c.Value.Level)
            .ThenByDescending(c => IdentityRules.Priority(c.Value.Via.Kind))
            .ThenBy(c => book.Find(c.Key)!.CreatedAt)
            .ThenBy(c => c.Key.Value)
            .ToList();
        var target = current ?? (ordered.Count > 0 ? book.Find(ordered[0].Key) : null);
        Contact? absorbed = null;
        var personal = target is null || HoldsPersonalValue(target)
            ? -1
            : ordered.FindIndex(c => c.Key != target.Id && IdentityRules.IsPersonal(c.Value.Via.Kind) && !book.IsTombstoned(c.Value.Via.Key, target.Id));
        if (personal >= 0)
        {
            // A contact that only knows a channel handle or a name gives way to an exact match on a personal value.
            absorbed = target;
            target = book.Find(ordered[personal].Key);
        }

        var plan = new IdentityPlan(target?.Id ?? newId, target) { Absorbed = absorbed, Leaving = leaving };
        var suggestions = ImmutableArray.CreateBuilder<MergeSuggestion>();
        foreach (var (other, _) in ordered.Where(c => c.Key != plan.Target && c.Key != absorbed?.Id))
        {
            suggestions.Add(new MergeSuggestion(plan.Target, other, SuggestionReason.SeveralMatches, candidates[other].Via, conversation.Id));
        }

        foreach (var (other, reason, identifier) in conflicts.Where(c => c.Other != plan.Target && c.Other != absorbed?.Id))
        {
            suggestions.Add(new MergeSuggestion(plan.Target, other, reason, identifier, conversation.Id));
        }

        plan.Suggestions = suggestions.Distinct().ToImmutableArray();
        if (current is null || absorbed?.Id == current.Id)
        {
            plan.Attach = current is null;
            if (target is not null)
            {
                (plan.Via, plan.ViaLevel) = candidates[target.Id];
                plan.LinkCap = plan.ViaLevel;
                plan.Reason = absorbed is null ? $"matched by {plan.Via.Kind}" : $"matched by {plan.Via.Kind}; a contact with no personal value gave way";
            }
            else
            {
                // The contact is made for this conversation: as proven as the strongest identifier it gave that is its own.
                // A value found to stand for someone else too (a recycled handle, a household line) proves nothing.
                plan.ViaLevel = matchable.Select(i => shared.Contains(i.Key) ? VerificationLevel.SelfAsserted : i.Verification)
                    .DefaultIfEmpty(VerificationLevel.SelfAsserted).Max();
                plan.Reason = "no contact matched";
            }
        }
        else
        {
            plan.LinkCap = current.Conversations.First(c => c.ConversationId == conversation.Id).Verification;
            plan.Reason = "conversation already attached";
        }

        if (leaving is not null)
        {
            plan.Reason += "; moved off a contact the conversation's own evidence contradicts";
        }

        plan.Links.AddRange(LinksFor(book, plan, identifiers, out var ignored));
        plan.Ignored = ignored;
        if (leaving is not null)
        {
            plan.Move = leaving.MoveTo(book, plan, identifiers, now);
        }

        return plan;
    }

    /// <summary>
    /// Whether the conversation must leave <paramref name="current"/>: chat tracking attached it there on a self-asserted
    /// match, and what the conversation itself says (this call, what it gave before, and the name it recorded) now
    /// contradicts that contact as <see cref="IdentityEvidence"/> would have on the first call. An attachment an agent's
    /// merge brought, or an undo put back, stays.
    /// </summary>
    private static ConversationLeaving? LeavingOf(IdentityBook book, Contact current, ConversationId conversationId, ImmutableArray<ContactIdentifier> identifiers, ref string? name)
    {
        var attachment = current.Conversations.First(c => c.ConversationId == conversationId);
        if (attachment.Via is not { } via || attachment.Verification != VerificationLevel.SelfAsserted || book.IsPinned(conversationId, current.Id)
            || book.ActiveMergesInto(current.Id).Any(m => m.MovedConversations.Any(c => c.ConversationId == conversationId)))
        {
            return null;
        }

        var leaving = new ConversationLeaving(current, attachment);
        var own = leaving.OwnName;
        var all = IdentityService.Distinct([.. book.Observed(conversationId)?.Identifiers ?? [], .. identifiers]);
        var evidence = new IdentityEvidence(all, name ?? own, null, book.Settings, book.IsDefaultName);
        if (!evidence.Contradicts(leaving.Rest, via.Kind))
        {
            return null;
        }

        name ??= own;
        return leaving;
    }

    /// <summary>
    /// How far <paramref name="held"/> proves its owner now: its linked level, or only self-asserted once a phone or a
    /// handle went unused for longer than <see cref="IdentitySettings.DormancyPeriod"/> (numbers are recycled).
    /// </summary>
    private static VerificationLevel Trust(Contact owner, LinkedIdentifier held, DateTimeOffset now, IdentitySettings settings)
    {
        var level = held.Identifier.Verification;
        if (held.Identifier.Kind is IdentifierKind.Email or IdentifierKind.ExternalUserId)
        {
            return level;
        }

        var lastUsed = held.LinkedAt;
        foreach (var conversation in owner.Conversations)
        {
            // Only a proven use counts: a conversation attached on the value as dormant must not wake it up.
            if (conversation.AttachedAt > lastUsed && conversation.Verification >= VerificationLevel.ChannelAsserted && conversation.Via?.SameAs(held.Identifier) == true)
            {
                lastUsed = conversation.AttachedAt;
            }
        }

        return now - lastUsed > settings.DormancyPeriod ? VerificationLevel.SelfAsserted : level;
    }

    private static bool HoldsPersonalValue(Contact contact)
        => contact.Identifiers.Any(l => !l.Blocked && IdentityRules.IsPersonal(l.Identifier.Kind));

    private static List<LinkedIdentifier> LinksFor(IdentityBook book, IdentityPlan plan, ImmutableArray<ContactIdentifier> identifiers, out ImmutableArray<ContactIdentifier> ignored)
    {
        var settings = book.Settings;
        var links = new List<LinkedIdentifier>();
        var skipped = ImmutableArray.CreateBuilder<ContactIdentifier>();
        foreach (var identifier in identifiers)
        {
            if (plan.Contact?.Find(identifier) is not null || plan.Absorbed?.Find(identifier) is not null || plan.Leaving?.Brought(identifier) is not null)
            {
                continue;
            }

            var blocked = IdentityRules.IsBlocked(identifier, settings);
            var othersHolding = book.Owners(identifier.Key).Count(o => o != plan.Target);
            var secondUserId = identifier.Kind == IdentifierKind.ExternalUserId
                && (plan.Contact?.Identifiers.Any(l => l.Identifier.Kind == IdentifierKind.ExternalUserId) ?? false);

            // Automatic resolution never turns a value one contact owns into a shared one, not even on evidence that two
            // people stand behind it: a false share costs more than a missed one, so that becomes a suggestion.
            var moving = plan.Leaving?.Brought(identifier) is not null;
            var taken = othersHolding == 1 && !moving;
            if (book.IsTombstoned(identifier.Key, plan.Target) || secondUserId || (!blocked && (taken || othersHolding >= settings.MaxContactsPerValue)))
            {
                skipped.Add(identifier);
                continue;
            }

            var capped = identifier.Verification > plan.LinkCap ? identifier with { Verification = plan.LinkCap } : identifier;
            links.Add(new LinkedIdentifier(capped, blocked, default, null));
        }

        ignored = skipped.ToImmutable();
        return links;
    }

    private static bool Better(ContactIdentifier candidate, VerificationLevel level, (ContactIdentifier Via, VerificationLevel Level) best)
        => level > best.Level || (level == best.Level && IdentityRules.Priority(candidate.Kind) > IdentityRules.Priority(best.Via.Kind));

    private static LinkedIdentifier? OtherVerifiedId(Contact contact, ContactIdentifier verified)
        => contact.Identifiers.FirstOrDefault(l => l.Identifier.Kind == IdentifierKind.ExternalUserId
            && l.Identifier.Verification == VerificationLevel.HostVerified && !l.Identifier.SameAs(verified));
}
