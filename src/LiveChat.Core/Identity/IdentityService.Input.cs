using System.Collections.Immutable;
using System.Text.RegularExpressions;
using LiveChat.Core.Conversations;
using LiveChat.Core.Crm;
using LiveChat.Core.Email;
using LiveChat.Core.Internal;
using LiveChat.Core.Texts;

namespace LiveChat.Core.Identity;

/// <content>Chat tracking's input (features I2–I4, I6): the identifiers and fields a request gives, checked and typed.</content>
public sealed partial class IdentityService
{
    private static ImmutableArray<ContactIdentifier> BuildIdentifiers(
        IdentifyRequest request, Conversation conversation, IdentitySettings settings, ChannelTracking tracking, ref List<IgnoredValue>? ignored)
    {
        var identifiers = new List<ContactIdentifier>();
        if (request.ContactDetailsVerification == VerificationLevel.HostVerified)
        {
            throw new ArgumentException(NotSignable, nameof(request));
        }

        if (Placeholder("email", request.Email, settings, ref ignored))
        {
            var problem = request.Email!.Length > ContactIdentifier.MaxLength ? "is too long" : EmailAddress.Check(request.Email.Trim(), out _);
            Typed(identifiers, "email", request.Email, problem is null ? ContactIdentifier.Email(request.Email, request.ContactDetailsVerification) : null,
                $"not an e-mail address: it {problem}", ref ignored);
        }

        if (Placeholder("phone", request.Phone, settings, ref ignored))
        {
            var region = tracking.DefaultRegion ?? settings.DefaultRegion;
            _ = ContactIdentifier.TryPhone(request.Phone, region, out var phone, request.ContactDetailsVerification);
            Typed(identifiers, "phone", request.Phone!, phone, region is null
                ? "not a phone number with a country code, and there is no default region"
                : $"not a possible phone number in region {region}", ref ignored);
        }

        if (request.ChannelHandle is not null)
        {
            var kind = IdentityRules.HandleKind(conversation.Channel)
                ?? throw new ArgumentException($"Channel '{conversation.Channel}' has no handle kind; pass the handle in Identifiers.", nameof(request));
            identifiers.Add(ContactIdentifier.Handle(kind, request.ChannelHandle));
        }

        if (request.ExternalUserId is not null)
        {
            var level = VerificationLevel.SelfAsserted;
            if (request.ExternalUserSignature is not null)
            {
                if (settings.HostSecret is not { Length: > 0 } secret)
                {
                    throw new HostVerificationFailedException("the workspace has no host secret");
                }

                var id = ContactIdentifier.ExternalUser(request.ExternalUserId);
                level = HostVerification.IsValid(secret, id.Value, request.ExternalUserSignature)
                    ? VerificationLevel.HostVerified
                    : throw new HostVerificationFailedException("the signature does not match");
            }

            identifiers.Add(ContactIdentifier.ExternalUser(request.ExternalUserId, level));
        }

        foreach (var identifier in request.Identifiers.IsDefault ? [] : request.Identifiers)
        {
            ArgumentNullException.ThrowIfNull(identifier, nameof(request.Identifiers));
            if (identifier.Kind == IdentifierKind.ExternalUserId && identifier.Verification == VerificationLevel.HostVerified)
            {
                // Only a checked signature makes an id host-verified; a caller cannot simply declare it.
                throw new HostVerificationFailedException("pass ExternalUserId with ExternalUserSignature to have it verified");
            }

            if (identifier.Verification == VerificationLevel.HostVerified)
            {
                throw new ArgumentException(NotSignable, nameof(request));
            }

            identifiers.Add(identifier);
        }

        return identifiers.Count > MaxIdentifiers
            ? throw new ArgumentException($"At most {MaxIdentifiers} identifiers are accepted per call.", nameof(request))
            : Distinct(identifiers);
    }

    /// <summary>
    /// Whether <paramref name="value"/> is to be used: <see langword="false"/> when absent, or when it is a placeholder
    /// (<c>n/a</c>, <c>-</c> …), which is then reported with its reason instead of refused.
    /// </summary>
    private static bool Placeholder(string field, string? value, IdentitySettings settings, ref List<IgnoredValue>? ignored)
    {
        if (value is null)
        {
            return false;
        }

        if (!string.IsNullOrWhiteSpace(value) && IdentityRules.IsPlaceholder(value, settings))
        {
            (ignored ??= []).Add(new IgnoredValue(field, value, PlaceholderReason));
            return false;
        }

        return true;
    }

    /// <summary>
    /// Adds a typed e-mail or phone, or sets it aside with its raw text and <paramref name="reason"/> when it is malformed:
    /// one bad optional field never discards the valid ones (issue 12, kind 6).
    /// </summary>
    private static void Typed(List<ContactIdentifier> identifiers, string field, string raw, ContactIdentifier? identifier, string reason, ref List<IgnoredValue>? ignored)
    {
        if (identifier is null)
        {
            (ignored ??= []).Add(new IgnoredValue(field, raw, reason));
        }
        else
        {
            identifiers.Add(identifier);
        }
    }

    private static ImmutableDictionary<string, string> CheckFields(IdentifyRequest request, IdentitySettings settings, ref List<IgnoredValue>? ignored)
    {
        if (request.Name is null && request.Fields.IsEmpty)
        {
            return ImmutableDictionary<string, string>.Empty;
        }

        var fields = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        if (Placeholder("name", request.Name, settings, ref ignored))
        {
            fields["name"] = Guard.NotNullOrWhiteSpace(request.Name, 200, nameof(request.Name)).Trim();
        }

        foreach (var (name, value) in request.Fields)
        {
            Guard.NotNullOrWhiteSpace(name, MaxFieldNameLength, nameof(request.Fields));
            if (!FieldName().IsMatch(name))
            {
                throw new ArgumentException($"Field name '{name}' must be lower-case letters, digits, '_' or '-'.", nameof(request));
            }

            fields[name] = Guard.NotNullOrWhiteSpace(value, MaxFieldValueLength, nameof(request.Fields)).Trim();
        }

        return fields.ToImmutable();
    }

    [GeneratedRegex("^[a-z0-9_-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex FieldName();
}
