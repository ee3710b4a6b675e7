using System.Globalization;
using System.Text;

namespace LiveChat.Core.Identity;

/// <summary>
/// What one conversation says about who its client is, beyond the value being matched (feature I6): a first name and
/// personal e-mail addresses and messaging-app ids, from this call and from the contact the conversation is on. A
/// candidate matched only by a self-asserted value (a household landline, a dormant number, a desk address) that
/// contradicts it is a suggestion, never an attachment. Pure; call under the book's gate.
/// </summary>
internal sealed class IdentityEvidence
{
    private readonly string? _firstName;
    private readonly List<ContactIdentifier> _emails;
    private readonly List<ContactIdentifier> _handles;
    private readonly IdentitySettings _settings;
    private readonly Func<string, bool> _isDefaultName;

    public IdentityEvidence(IReadOnlyList<ContactIdentifier> identifiers, string? name, Contact? current, IdentitySettings settings, Func<string, bool> isDefaultName)
    {
        _settings = settings;
        _isDefaultName = isDefaultName;
        _firstName = FirstName(name) ?? FirstName(current is null ? null : NameOf(current));
        _emails = [.. identifiers.Where(i => i.Kind == IdentifierKind.Email && !IdentityRules.IsBlocked(i, settings))];
        if (current is not null)
        {
            _emails.AddRange(current.Identifiers.Where(l => l.Identifier.Kind == IdentifierKind.Email && !l.Blocked).Select(l => l.Identifier));
        }

        // Messaging apps give one person one stable id; a website visitor id changes with every browser, so it proves nothing.
        _handles = [.. identifiers.Where(i => IsStableHandle(i.Kind))];
        if (current is not null)
        {
            _handles.AddRange(current.Identifiers.Where(l => IsStableHandle(l.Identifier.Kind)).Select(l => l.Identifier));
        }

    }

    /// <summary>
    /// Whether <paramref name="owner"/>, matched on a value of kind <paramref name="matched"/>, is someone else: another id on
    /// the same messaging app, or, unless an e-mail matched (it is personal; a nickname or a second address proves
    /// nothing), another first name or another personal e-mail. Two host-verified ids are checked apart.
    /// </summary>
    public bool Contradicts(Contact owner, IdentifierKind matched)
    {
        // An e-mail is personal: a nickname or a second address beside it proves nothing. A phone is often a household's.
        var ownerName = FirstName(NameOf(owner));
        if (matched != IdentifierKind.Email && _firstName is not null && ownerName is not null && !string.Equals(_firstName, ownerName, StringComparison.Ordinal))
        {
            return true;
        }

        // Only an id the channel proved for the owner counts: one linked on a typed match is not proof of anyone, so it
        // must not make the order in which late identifiers arrive change the outcome.
        if (_handles.Any(h => owner.Identifiers.Any(l => l.Identifier.Kind == h.Kind && l.Identifier.Verification >= VerificationLevel.ChannelAsserted
            && !l.Identifier.SameAs(h)) && owner.Find(h) is null))
        {
            return true;
        }

        var ownerEmails = owner.Identifiers.Where(l => l.Identifier.Kind == IdentifierKind.Email && !l.Blocked).ToList();
        return matched != IdentifierKind.Email && ownerEmails.Count > 0 && _emails.Any(e => !ownerEmails.Any(o => o.Identifier.SameAs(e)));
    }

    private static bool IsStableHandle(IdentifierKind kind) => kind is IdentifierKind.Facebook or IdentifierKind.Instagram or IdentifierKind.Telegram or IdentifierKind.WhatsApp;

    /// <summary>The contact's name, unless it is the placeholder every unnamed visitor gets.</summary>
    private string? NameOf(Contact contact)
        => contact.Name is { Length: > 0 } name && !_isDefaultName(name) && !IdentityRules.IsPlaceholder(name, _settings) ? name : null;

    /// <summary>The first word of a name, lower-case and without accents, so that "Élodie Martin" and "elodie" agree.</summary>
    private static string? FirstName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var first = name.Trim().Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries)[0].Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(first.Length);
        foreach (var c in first)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) is not UnicodeCategory.NonSpacingMark && char.IsLetter(c))
            {
                folded.Append(char.ToLowerInvariant(c));
            }
        }

        return folded.Length == 0 ? null : folded.ToString();
    }
}
