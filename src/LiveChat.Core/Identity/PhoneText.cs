using System.Globalization;
using System.Text;

namespace LiveChat.Core.Identity;

/// <summary>
/// Phone numbers as people type them (feature I1, issue "phones as people type them"): folds Unicode decimal digits
/// (Arabic-Indic, Persian, full-width …) to ASCII, every space separator to a space and every dash to a hyphen, and splits
/// an extension (<c>x12</c>, <c>ext. 12</c>, <c>extension 12</c>, <c>;ext=12</c>, <c>#12</c>) off the number; an RFC 3966 <c>tel:</c> URI
/// is read too. Invisible format characters (bidi marks, zero-width spaces) are dropped. What is left
/// is for libphonenumber to decide. Pure and thread-safe.
/// </summary>
internal static class PhoneText
{
    private const int MaxExtensionDigits = 7;
    private const string TelScheme = "tel:";
    private static readonly string[] ExtensionMarkers = [";ext=", "extension", "ext.", "ext", "x", "#"];

    /// <summary>Folds <paramref name="raw"/>; <see langword="false"/> when it holds anything but a number and an extension.</summary>
    public static bool TryFold(string raw, out string number, out string? extension)
    {
        var text = new StringBuilder(raw.Length);
        foreach (var c in raw)
        {
            text.Append(Fold(c));
        }

        var folded = text.ToString().Trim();
        if (folded.StartsWith(TelScheme, StringComparison.OrdinalIgnoreCase))
        {
            folded = TelUri(folded[TelScheme.Length..]);
        }

        extension = null;
        number = folded;
        var cut = ExtensionStart(folded, out var markerLength);
        if (cut >= 0)
        {
            var digits = folded[(cut + markerLength)..].Trim();
            if (digits.Length is 0 or > MaxExtensionDigits || digits.AsSpan().ContainsAnyExceptInRange('0', '9'))
            {
                return false;
            }

            extension = digits;
            number = folded[..cut].TrimEnd(' ', ',', ';');
        }

        var count = 0;
        foreach (var c in number)
        {
            if (char.IsAsciiDigit(c))
            {
                count++;
            }
            else if (c is not (' ' or '+' or '-' or '(' or ')' or '.' or '/'))
            {
                return false;
            }
        }

        return count is >= 4 and <= 17;
    }

    /// <summary>The extension of a raw number, or <see langword="null"/>.</summary>
    public static string? Extension(string raw) => TryFold(raw, out _, out var extension) ? extension : null;

    /// <summary>
    /// The number and extension of an RFC 3966 <c>tel:</c> URI's body (<c>+1-650-555-0142;ext=12;isub=3</c>): its other
    /// parameters (<c>isub</c>, <c>phone-context</c> …) say nothing about the line.
    /// </summary>
    private static string TelUri(string body)
    {
        var parts = body.Split(';', StringSplitOptions.TrimEntries);
        var extension = parts.Skip(1).FirstOrDefault(p => p.StartsWith("ext=", StringComparison.OrdinalIgnoreCase));
        return extension is null ? parts[0] : $"{parts[0]};{extension}";
    }

    private static int ExtensionStart(string text, out int markerLength)
    {
        foreach (var marker in ExtensionMarkers)
        {
            var at = text.LastIndexOf(marker, StringComparison.OrdinalIgnoreCase);
            if (at > 0)
            {
                markerLength = marker.Length;
                return at;
            }
        }

        markerLength = 0;
        return -1;
    }

    private static char Fold(char c)
    {
        if (c < 128)
        {
            return c == '\t' ? ' ' : c;
        }

        var digit = CharUnicodeInfo.GetDecimalDigitValue(c);
        if (digit >= 0)
        {
            return (char)('0' + digit);
        }

        return CharUnicodeInfo.GetUnicodeCategory(c) switch
        {
            UnicodeCategory.SpaceSeparator => ' ',
            UnicodeCategory.DashPunctuation => '-',

            // Invisible format characters: bidi embeddings and marks, zero-width spaces and joiners, the soft hyphen.
            UnicodeCategory.Format => ' ',
            _ => c switch
            {
                '\u2212' => '-', // minus sign
                '\uFF0B' => '+',
                '\uFF08' => '(',
                '\uFF09' => ')',
                '\uFF0E' => '.',
                '\uFF0F' => '/',
                _ => c,
            },
        };
    }
}
