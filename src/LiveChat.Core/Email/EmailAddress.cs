using System.Text;

namespace LiveChat.Core.Email;

/// <summary>
/// A checked e-mail address with an optional display name (features E1–E6). Immutable and thread-safe; create it with
/// <see cref="Create"/>.
/// </summary>
/// <remarks>
/// The address is checked with deliberately plain rules (a dot-atom local part, a dotted host name) rather than
/// everything RFC 5322 allows: quoted local parts and address literals are legal but are mostly typing mistakes or abuse
/// in a chat widget. Control characters are removed from the display name, so a name can never start a new mail header.
/// </remarks>
public readonly record struct EmailAddress
{
    private const int MaxAddressLength = 254;
    private const int MaxLocalLength = 64;
    private const int MaxDisplayNameLength = 200;
    private const string LocalSymbols = ".!#$%&'*+/=?^_`{|}~-";

    private EmailAddress(string address, string? displayName)
    {
        Address = address;
        DisplayName = displayName;
    }

    /// <summary>The address, such as <c>ana@example.com</c>; the domain is lower-case.</summary>
    public string Address { get; }

    /// <summary>The display name without control characters, or <see langword="null"/>.</summary>
    public string? DisplayName { get; }

    /// <summary>Checks <paramref name="address"/> and cleans <paramref name="displayName"/>.</summary>
    /// <param name="address">The address; surrounding white space is ignored.</param>
    /// <param name="displayName">An optional name; CR, LF and other control characters become spaces, and it is cut to 200 characters.</param>
    /// <returns>The checked address.</returns>
    /// <exception cref="InvalidEmailAddressException">The address is empty, too long or malformed.</exception>
    public static EmailAddress Create(string? address, string? displayName = null)
    {
        var problem = Check(address?.Trim(), out var cleaned);
        return problem is null
            ? new EmailAddress(cleaned!, CleanDisplayName(displayName))
            : throw new InvalidEmailAddressException(address, problem, nameof(address));
    }

    /// <summary>Whether <paramref name="address"/> would be accepted by <see cref="Create"/>.</summary>
    public static bool IsValid(string? address) => Check(address?.Trim(), out _) is null;

    /// <summary>Removes control characters (CR, LF, tab …) and surrounding white space; <see langword="null"/> when nothing is left.</summary>
    public static string? CleanDisplayName(string? displayName) => Clean(displayName, MaxDisplayNameLength);

    private static string? Clean(string? displayName, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(displayName))
        {
            return null;
        }

        var text = new StringBuilder(Math.Min(displayName.Length, maxLength));
        foreach (var c in displayName)
        {
            if (text.Length == maxLength)
            {
                break;
            }

            text.Append(char.IsControl(c) || c is '\u2028' or '\u2029' ? ' ' : c);
        }

        var cleaned = text.ToString().Trim();
        return cleaned.Length == 0 ? null : cleaned;
    }

    /// <summary>Like <see cref="CleanDisplayName"/>, without the length limit; for subjects.</summary>
    internal static string? CleanDisplayNameUnbounded(string? value) => Clean(value, int.MaxValue);

    /// <summary>The address, with the display name when there is one: <c>Ana &lt;ana@example.com&gt;</c>.</summary>
    public override string ToString() => DisplayName is null ? Address : $"{DisplayName} <{Address}>";

    /// <summary>
    /// The one address check of the SDK, shared by identity resolution, contact forms and e-mail: <see langword="null"/>
    /// when <paramref name="address"/> is acceptable, with <paramref name="cleaned"/> its canonical form (an
    /// internationalized domain in its ASCII, IDNA form, lower-cased); otherwise what is wrong with it.
    /// </summary>
    internal static string? Check(string? address, out string? cleaned)
    {
        cleaned = null;
        if (string.IsNullOrEmpty(address))
        {
            return "is empty";
        }

        if (address.Length > MaxAddressLength)
        {
            return $"is longer than {MaxAddressLength} characters";
        }

        var at = address.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at != address.LastIndexOf('@') || at == address.Length - 1)
        {
            return "must have one @ between a local part and a domain";
        }

        var local = address.AsSpan(0, at);
        var domain = AsciiDomain(address[(at + 1)..]);
        if (domain is null)
        {
            return "has a malformed domain";
        }

        if (local.Length > MaxLocalLength || local[0] == '.' || local[^1] == '.' || local.Contains("..", StringComparison.Ordinal))
        {
            return "has a malformed local part";
        }

        foreach (var c in local)
        {
            if (!char.IsAsciiLetterOrDigit(c) && !LocalSymbols.Contains(c, StringComparison.Ordinal))
            {
                return "has a character that is not allowed in the local part";
            }
        }

        var labels = domain.Split('.');
        if (labels.Length < 2)
        {
            return "must have a domain with a dot, such as example.com";
        }

        foreach (var label in labels)
        {
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-' || label.AsSpan().ContainsAnyExcept(DomainChars))
            {
                return "has a malformed domain";
            }
        }

        cleaned = string.Concat(local, "@", domain.ToLowerInvariant());
        return null;
    }

    /// <summary>
    /// The address with its IDNA domain in Unicode (<c>jose@xn--bcher-kva.example</c> → <c>jose@bücher.example</c>);
    /// <see langword="null"/> when the domain is plain ASCII or not valid IDNA.
    /// </summary>
    internal static string? UnicodeForm(string address)
    {
        var at = address.LastIndexOf('@');
        if (at < 0 || !address.AsSpan(at + 1).Contains("xn--", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            return string.Concat(address.AsSpan(0, at + 1), Idna.GetUnicode(address[(at + 1)..]));
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>
    /// The form two addresses are compared in: trimmed, lower case, the domain in IDNA, so that one mailbox typed with a
    /// Unicode or a punycode domain is one value. Text that is no address is compared trimmed and lower case.
    /// </summary>
    internal static string MatchForm(string address)
    {
        var trimmed = address.Trim();

        // An ASCII domain is its own IDNA form: only a Unicode one needs the check's conversion.
        return (Ascii.IsValid(trimmed) || Check(trimmed, out var cleaned) is not null ? trimmed : cleaned!).ToLowerInvariant();
    }

    /// <summary>An internationalized domain in its IDNA (punycode) form, so <c>bücher.example</c> and <c>xn--bcher-kva.example</c> are one domain.</summary>
    private static string? AsciiDomain(string domain)
    {
        if (Ascii.IsValid(domain))
        {
            return domain;
        }

        try
        {
            return Idna.GetAscii(domain.Normalize(NormalizationForm.FormC));
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static readonly System.Globalization.IdnMapping Idna = new() { UseStd3AsciiRules = true };

    private static readonly System.Buffers.SearchValues<char> DomainChars =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-");
}
