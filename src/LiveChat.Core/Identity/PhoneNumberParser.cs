using System.Collections.Concurrent;
using PhoneNumbers;

namespace LiveChat.Core.Identity;

/// <summary>
/// Parses phone numbers into E.164 with libphonenumber, once per distinct text: results, failures included, are cached,
/// and text that cannot be a number is rejected before libphonenumber is asked, so the hot path throws nothing.
/// Thread-safe.
/// </summary>
public sealed class PhoneNumberParser
{
    /// <summary>The default cache size.</summary>
    public const int DefaultCapacity = 100_000;

    private static readonly Lazy<PhoneNumberUtil> Util = new(PhoneNumberUtil.GetInstance);
    private static readonly Lazy<HashSet<string>> Regions = new(() => new HashSet<string>(Util.Value.GetSupportedRegions(), StringComparer.Ordinal));
    private readonly ConcurrentDictionary<(string Raw, string Region), string?> _cache = new();
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
    public bool TryParse(string raw, string? defaultRegion, out string e164)
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

        e164 = parsed ?? string.Empty;
        return parsed is not null;
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

    private static string? ParseOnce(string raw, string region)
    {
        var text = raw.AsSpan().Trim();
        var digits = 0;
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
            else if (c is not (' ' or '+' or '-' or '(' or ')' or '.' or '/'))
            {
                return null;
            }
        }

        var international = text.StartsWith("+") || text.StartsWith("00");
        if (digits is < 4 or > 17 || (!international && !IsSupportedRegion(region)) || (region.Length > 0 && !IsSupportedRegion(region)))
        {
            return null;
        }

        try
        {
            var number = Util.Value.Parse(text.ToString(), region.Length == 0 ? "ZZ" : region);
            return Util.Value.IsPossibleNumber(number) ? Util.Value.Format(number, PhoneNumberFormat.E164) : null;
        }
        catch (NumberParseException)
        {
            // Pre-validation lets through only text that looks like a number, so this is rare; and it is cached.
            return null;
        }
    }
}
