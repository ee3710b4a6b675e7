using System.Collections.Concurrent;
using PhoneNumbers;

namespace LiveChat.Core.Identity;

/// <summary>
/// Parses phone numbers into E.164 with libphonenumber, once per distinct text: results, failures included, are cached,
/// and text that cannot be a number is rejected before libphonenumber is asked, so the hot path throws nothing.
/// Unicode digits, spaces and dashes are folded first, and an extension is split off (it is kept beside the E.164 key,
/// in <see cref="ContactIdentifier.Extension"/>). Known equivalent forms of one line give one key: a Brazilian mobile
/// number in its old 8-digit form gets its 9th digit. Thread-safe.
/// </summary>
public sealed class PhoneNumberParser
{
    /// <summary>The default cache size.</summary>
    public const int DefaultCapacity = 100_000;

    private static readonly Lazy<PhoneNumberUtil> Util = new(PhoneNumberUtil.GetInstance);
    private static readonly Lazy<HashSet<string>> Regions = new(() => new HashSet<string>(Util.Value.GetSupportedRegions(), StringComparer.Ordinal));
    private readonly ConcurrentDictionary<(string Raw, string Region), (string? E164, bool Valid)> _cache = new();
    private readonly int _capacity;
    private int _count;

    /// <summary>Creates a parser with its own cache.</summary>
    /// <param name="capacity">The most distinct texts cached; later ones are parsed every time.</param>
    public PhoneNumberParser(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _capacity = capacity;
    }

    /// <summary>The parser the SDK uses.</summary>
    public static PhoneNumberParser Shared { get; } = new();

    /// <summary>Whether <paramref name="region"/> is an ISO 3166 region libphonenumber knows, such as <c>FR</c>.</summary>
    public static bool IsSupportedRegion(string? region) => region is not null && Regions.Value.Contains(region);

    /// <summary>Parses <paramref name="raw"/> into E.164, such as <c>+33612345678</c>.</summary>
    /// <param name="raw">The number in any common format.</param>
    /// <param name="defaultRegion">The region for numbers without a country code; <see langword="null"/> when unknown.</param>
    /// <param name="e164">The number in E.164, or empty when it cannot be parsed.</param>
    /// <returns>Whether the text is a possible phone number.</returns>
    public bool TryParse(string raw, string? defaultRegion, out string e164) => TryParse(raw, defaultRegion, out e164, out _);

    /// <summary>
    /// Parses <paramref name="raw"/> into E.164, and tells whether libphonenumber knows the number as valid in its
    /// numbering plan, not only possible in length. An invalid-but-possible number is kept by identity resolution as a raw,
    /// flagged value that never matches anyone on its own.
    /// </summary>
    /// <param name="raw">The number in any common format, with an optional extension.</param>
    /// <param name="defaultRegion">The region for numbers without a country code; <see langword="null"/> when unknown.</param>
    /// <param name="e164">The number in E.164 without its extension, or empty when it cannot be parsed.</param>
    /// <param name="isValidNumber">Whether the number is valid, not only possible.</param>
    /// <returns>Whether the text is a possible phone number.</returns>
    public bool TryParse(string raw, string? defaultRegion, out string e164, out bool isValidNumber)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var region = defaultRegion is null ? string.Empty : IsUpper(defaultRegion) ? defaultRegion : defaultRegion.ToUpperInvariant();
        if (!_cache.TryGetValue((raw, region), out var parsed))
        {
            parsed = ParseOnce(raw, region);

            // Counted here, not with ConcurrentDictionary.Count, which takes every lock of the table. A full cache starts
            // over: simpler than LRU, and a hot set refills it at once. Races only make the bound approximate.
            if (Volatile.Read(ref _count) >= _capacity)
            {
                _cache.Clear();
                Interlocked.Exchange(ref _count, 0);
            }

            if (_capacity > 0 && _cache.TryAdd((raw, region), parsed))
            {
                Interlocked.Increment(ref _count);
            }
        }

        e164 = parsed.E164 ?? string.Empty;
        isValidNumber = parsed.Valid;
        return parsed.E164 is not null;
    }

    /// <summary>Loads libphonenumber's metadata now (about 60 ms) instead of on the first visitor's request.</summary>
    public static void WarmUp() => _ = Regions.Value;

    private static bool IsUpper(string region)
    {
        foreach (var c in region)
        {
            if (!char.IsAsciiLetterUpper(c))
            {
                return false;
            }
        }

        return true;
    }

    private static (string? E164, bool Valid) ParseOnce(string raw, string region)
    {
        if (!PhoneText.TryFold(raw, out var text, out _))
        {
            return default;
        }

        var international = text.StartsWith('+') || text.StartsWith("00", StringComparison.Ordinal);
        if ((!international && !IsSupportedRegion(region)) || (region.Length > 0 && !IsSupportedRegion(region)))
        {
            return default;
        }

        try
        {
            var util = Util.Value;
            var number = util.Parse(text, region.Length == 0 ? "ZZ" : region);
            if (!util.IsPossibleNumber(number))
            {
                return default;
            }

            if (ModernForm(util, number) is { } modern)
            {
                return (util.Format(modern, PhoneNumberFormat.E164), true);
            }

            return (util.Format(number, PhoneNumberFormat.E164), util.IsValidNumber(number));
        }
        catch (NumberParseException)
        {
            // Pre-validation lets through only text that looks like a number, so this is rare; and it is cached.
            return default;
        }
    }

    /// <summary>
    /// The current form of a number written in a superseded form of its plan, or <see langword="null"/>: Brazil's mobile
    /// numbers gained a leading 9 (2012–2016), so <c>(71) 6782-2672</c> is today's <c>(71) 96782-2672</c>. An 8-digit
    /// subscriber number starting with 6 to 9 is a mobile number in the old form, even where the old form still parses as
    /// valid, so both forms give one key.
    /// </summary>
    private static PhoneNumber? ModernForm(PhoneNumberUtil util, PhoneNumber number)
    {
        var national = number.NationalNumber.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (number.CountryCode != 55 || national.Length != 10 || national[2] is < '6' or > '9')
        {
            return null;
        }

        var modern = new PhoneNumber.Builder().SetCountryCode(55).SetNationalNumber(ulong.Parse(string.Concat(national.AsSpan(0, 2), "9", national.AsSpan(2)), System.Globalization.CultureInfo.InvariantCulture)).Build();
        return util.IsValidNumber(modern) ? modern : null;
    }
}
