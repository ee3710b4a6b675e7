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

    public static IdentityPlan Decide(
        IdentityBook book, Conversation conversation, ImmutableArray<ContactIdentifier> identifiers, ChannelTracking tracking, ContactId newId)
    {
        var settings = book.Settings;
        var current = book.FindByConversation(conversation.Id);
        var candidates = new Dictionary<ContactId, (ContactIdentifier Via, VerificationLevel Level)>();
        var conflicts = new List<(ContactId Other, SuggestionReason Reason, ContactIdentifier Identifier)>();
        var matchable = identifiers.Where(i => !IdentityRules.IsBlocked(i, settings)).ToList();

        // With "check client in CRM" off, every new conversation is a new client: nothing is looked up.
        if (tracking.CheckClientInCrm || current is not null)
        {
            foreach (var identifier in matchable)
            {
                var owners = book.Owners(identifier.Key).Where(o => !book.IsTombstoned(identifier.Key, o)).ToList();
                if (owners.Count != 1)
                {
                    // Unknown, or shared by several contacts: a shared value proves nothing about who this is.
                    continue;
                }

                var owner = book.Find(owners[0])!;
                var held = owner.Find(identifier)!;
                if (identifier.Verification < held.Identifier.Verification)
                {
                    conflicts.Add((owner.Id, SuggestionReason.StrongerOwner, identifier));
                    continue;
                }

                if (!candidates.TryGetValue(owner.Id, out var best) || Better(identifier, best.Via))
                {
                    candidates[owner.Id] = (identifier, identifier.Verification);
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
        var plan = new IdentityPlan(target?.Id ?? newId, target);
        var suggestions = ImmutableArray.CreateBuilder<MergeSuggestion>();
        foreach (var (other, _) in ordered.Where(c => c.Key != plan.Target))
        {
            suggestions.Add(new MergeSuggestion(plan.Target, other, SuggestionReason.SeveralMatches, candidates[other].Via, conversation.Id));
        }

        foreach (var (other, reason, identifier) in conflicts.Where(c => c.Other != plan.Target))
        {
            suggestions.Add(new MergeSuggestion(plan.Target, other, reason, identifier, conversation.Id));
        }

        plan.Suggestions = suggestions.Distinct().ToImmutableArray();
        plan.Links.AddRange(LinksFor(book, plan, identifiers, out var ignored));
        plan.Ignored = ignored;
        if (current is null)
        {
            plan.Attach = true;
            if (target is not null)
            {
                (plan.Via, plan.ViaLevel) = candidates[target.Id];
                plan.Reason = $"matched by {plan.Via.Kind}";
            }
            else
            {
                // The contact is made for this conversation: as proven as the strongest identifier it gave.
                plan.ViaLevel = identifiers.Where(i => !IdentityRules.IsBlocked(i, settings)).Select(i => i.Verification).DefaultIfEmpty(VerificationLevel.SelfAsserted).Max();
                plan.Reason = "no contact matched";
            }
        }
        else
        {
            plan.Reason = "conversation already attached";
        }

        return plan;
    }

    private static List<LinkedIdentifier> LinksFor(IdentityBook book, IdentityPlan plan, ImmutableArray<ContactIdentifier> identifiers, out ImmutableArray<ContactIdentifier> ignored)
    {
        var settings = book.Settings;
        var links = new List<LinkedIdentifier>();
        var skipped = ImmutableArray.CreateBuilder<ContactIdentifier>();
        foreach (var identifier in identifiers)
        {
            if (plan.Contact?.Find(identifier) is not null)
            {
                continue;
            }

            var blocked = IdentityRules.IsBlocked(identifier, settings);
            var othersHolding = book.Owners(identifier.Key).Count(o => o != plan.Target);
            var secondUserId = identifier.Kind == IdentifierKind.ExternalUserId
                && (plan.Contact?.Identifiers.Any(l => l.Identifier.Kind == IdentifierKind.ExternalUserId) ?? false);
            if (book.IsTombstoned(identifier.Key, plan.Target) || secondUserId || (!blocked && othersHolding >= settings.MaxContactsPerValue))
            {
                skipped.Add(identifier);
                continue;
            }

            links.Add(new LinkedIdentifier(identifier, blocked, default, null));
        }

        ignored = skipped.ToImmutable();
        return links;
    }

    private static bool Better(ContactIdentifier candidate, ContactIdentifier best)
        => candidate.Verification > best.Verification
            || (candidate.Verification == best.Verification && IdentityRules.Priority(candidate.Kind) > IdentityRules.Priority(best.Kind));

    private static LinkedIdentifier? OtherVerifiedId(Contact contact, ContactIdentifier verified)
        => contact.Identifiers.FirstOrDefault(l => l.Identifier.Kind == IdentifierKind.ExternalUserId
            && l.Identifier.Verification == VerificationLevel.HostVerified && !l.Identifier.SameAs(verified));
}
