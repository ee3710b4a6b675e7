using System.Diagnostics.CodeAnalysis;
using LiveChat.Core.Internal;

namespace LiveChat.Core.Identity;

/// <summary>
/// One way of recognising a person (feature I1): an e-mail, a phone number, a channel handle or the host's user id.
/// <see cref="Value"/> is the normalized form used for matching; <see cref="Raw"/> is what was given, kept for sending
/// and display. Immutable and thread-safe.
/// </summary>
/// <remarks>
/// Matching is exact on <see cref="Kind"/> and <see cref="Value"/>. E-mails are checked like every address of the SDK
/// (<see cref="Email.EmailAddress"/>), trimmed, lower-cased and their domain put in its IDNA form, and nothing more:
/// Gmail dot and plus folding would merge different people, so it is never used for automatic matching. Phones are
/// folded (Unicode digits, spaces, dashes), stripped of their extension and parsed by libphonenumber.
/// </remarks>
public sealed record ContactIdentifier
{
    /// <summary>The longest raw value accepted.</summary>
    public const int MaxLength = 254;

    private ContactIdentifier(IdentifierKind kind, string value, string raw, VerificationLevel verification)
    {
        Kind = kind;
        Value = value;
        Raw = raw;
        Verification = verification;
    }

    /// <summary>What the identifier is.</summary>
    public IdentifierKind Kind { get; }

    /// <summary>The normalized value that matching compares: a lower-cased e-mail, an E.164 phone, or the handle as given.</summary>
    public string Value { get; }

    /// <summary>The value as it was given.</summary>
    public string Raw { get; }

    /// <summary>A phone's extension (digits only) as typed after <c>x</c>, <c>ext.</c> or <c>;ext=</c>; kept beside the E.164 key, never matched.</summary>
    public string? Extension => Kind == IdentifierKind.Phone ? PhoneText.Extension(Raw) : null;

    /// <summary>
    /// A phone number that is possible in length but not valid in its numbering plan: kept as given and flagged, and never
    /// enough to match anyone on its own (linked as <see cref="LinkedIdentifier.Blocked"/>).
    /// </summary>
    public bool IsUnconfirmedNumber { get; private init; }

    /// <summary>How far it can be trusted.</summary>
    public VerificationLevel Verification { get; init; }

    /// <summary>Creates an e-mail identifier.</summary>
    /// <param name="address">The address as given; surrounding white space is ignored.</param>
    /// <param name="verification">Who vouches for it; typed by the visitor unless the host knows better.</param>
    /// <exception cref="InvalidIdentifierException">The address is empty, too long or malformed.</exception>
    public static ContactIdentifier Email(string address, VerificationLevel verification = VerificationLevel.SelfAsserted)
    {
        var raw = CheckRaw(address, IdentifierKind.Email);
        var problem = LiveChat.Core.Email.EmailAddress.Check(raw.Trim(), out var canonical);
        return problem is null
            ? new ContactIdentifier(IdentifierKind.Email, canonical!.ToLowerInvariant(), raw, CheckLevel(verification))
            : throw new InvalidIdentifierException(IdentifierKind.Email, $"is not a valid e-mail address: it {problem}");
    }

    /// <summary>Creates a phone identifier, parsed into E.164.</summary>
    /// <param name="number">The number as given, in any common format.</param>
    /// <param name="defaultRegion">The ISO 3166 region for numbers without a country code, such as <c>FR</c>.</param>
    /// <param name="verification">Who vouches for it.</param>
    /// <exception cref="InvalidIdentifierException">The number cannot be parsed, for example local digits with no region.</exception>
    public static ContactIdentifier Phone(string number, string? defaultRegion, VerificationLevel verification = VerificationLevel.SelfAsserted)
    {
        var raw = CheckRaw(number, IdentifierKind.Phone);
        return PhoneNumberParser.Shared.TryParse(raw, defaultRegion, out var e164, out var valid)
            ? new ContactIdentifier(IdentifierKind.Phone, e164, raw, CheckLevel(verification)) { IsUnconfirmedNumber = !valid }
            : throw new InvalidIdentifierException(IdentifierKind.Phone, defaultRegion is null
                ? "cannot be parsed without a country code or a default region"
                : $"is not a possible phone number in region {defaultRegion}");
    }

    /// <summary>Creates a phone identifier without throwing: for hot paths that meet invalid numbers often.</summary>
    /// <param name="number">The number as given.</param>
    /// <param name="defaultRegion">The ISO 3166 region for numbers without a country code.</param>
    /// <param name="phone">The identifier, or <see langword="null"/> when the number cannot be parsed.</param>
    /// <param name="verification">Who vouches for it.</param>
    /// <returns>Whether the number could be parsed.</returns>
    public static bool TryPhone(string? number, string? defaultRegion, [NotNullWhen(true)] out ContactIdentifier? phone, VerificationLevel verification = VerificationLevel.SelfAsserted)
    {
        phone = null;
        if (string.IsNullOrWhiteSpace(number) || number.Length > MaxLength || !Guard.IsStorable(number) || !Enum.IsDefined(verification)
            || !PhoneNumberParser.Shared.TryParse(number, defaultRegion, out var e164, out var valid))
        {
            return false;
        }

        phone = new ContactIdentifier(IdentifierKind.Phone, e164, number, verification) { IsUnconfirmedNumber = !valid };
        return true;
    }

    /// <summary>Creates a channel handle: the id a channel gives its user.</summary>
    /// <param name="kind">A handle kind: <see cref="IdentifierKind.WebchatVisitor"/> to <see cref="IdentifierKind.WhatsApp"/>.</param>
    /// <param name="handle">The channel's user id, matched exactly.</param>
    /// <param name="verification">Who vouches for it; the channel, by default.</param>
    /// <exception cref="InvalidIdentifierException">The kind is not a channel handle, or the handle is empty, too long, or holds NUL or a lone surrogate.</exception>
    public static ContactIdentifier Handle(IdentifierKind kind, string handle, VerificationLevel verification = VerificationLevel.ChannelAsserted)
    {
        if (kind is < IdentifierKind.WebchatVisitor or > IdentifierKind.WhatsApp)
        {
            throw new InvalidIdentifierException(kind, "is not a channel handle kind");
        }

        var raw = CheckRaw(handle, kind);
        return new ContactIdentifier(kind, raw.Trim(), raw, CheckLevel(verification));
    }

    /// <summary>Creates the host application's user id. It is self-asserted until signed: see <see cref="HostVerification"/>.</summary>
    /// <exception cref="InvalidIdentifierException">The id is empty, too long, or holds NUL or a lone surrogate.</exception>
    public static ContactIdentifier ExternalUser(string userId, VerificationLevel verification = VerificationLevel.SelfAsserted)
    {
        var raw = CheckRaw(userId, IdentifierKind.ExternalUserId);
        return new ContactIdentifier(IdentifierKind.ExternalUserId, raw.Trim(), raw, CheckLevel(verification));
    }

    /// <summary>Whether <paramref name="other"/> names the same thing (kind and normalized value), whatever its verification.</summary>
    public bool SameAs(ContactIdentifier? other) => other is not null && other.Kind == Kind && string.Equals(other.Value, Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override string ToString() => $"{Kind}:{Value} ({Verification})";

    internal IdentifierKey Key => new(Kind, Value);

    /// <summary>A copy that keeps kind and level but no personal value, for an erased contact's log.</summary>
    internal ContactIdentifier Redacted() => new(Kind, "erased", "erased", Verification);

    internal static ContactIdentifier FromTrusted(IdentifierKind kind, string value, string raw, VerificationLevel verification, bool unconfirmed = false)
        => new(kind, value, raw, verification) { IsUnconfirmedNumber = unconfirmed };

    private static string CheckRaw(string? raw, IdentifierKind kind)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            throw new InvalidIdentifierException(kind, "is empty");
        }

        if (raw.Length > MaxLength)
        {
            throw new InvalidIdentifierException(kind, $"is {raw.Length} characters long; at most {MaxLength} are allowed");
        }

        // The identity log keeps identifiers as JSON text, so the message rule applies: stored exactly, or refused.
        return Guard.IsStorable(raw) ? raw : throw new InvalidIdentifierException(kind, "holds NUL or a lone surrogate, which no store keeps exactly");
    }

    private static VerificationLevel CheckLevel(VerificationLevel level)
        => Enum.IsDefined(level) ? level : throw new ArgumentOutOfRangeException(nameof(level), level, "Unknown verification level.");
}
