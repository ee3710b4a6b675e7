using System.Globalization;

namespace LiveChat.Core.Storage;

/// <summary>
/// A keyset position in an inbox folder: the sort key of the last conversation of the previous page. Pages stay
/// consistent while conversations come and go, unlike offsets.
/// </summary>
/// <param name="EndedAtUtcTicks">The last conversation's end time in UTC ticks (the Ended folder's first key), or 0.</param>
/// <param name="Number">The last conversation's number.</param>
public readonly record struct InboxCursor(long EndedAtUtcTicks, long Number)
{
    /// <summary>The cursor as an opaque continuation token.</summary>
    public string ToToken() => string.Create(CultureInfo.InvariantCulture, $"{EndedAtUtcTicks:x}.{Number:x}");

    /// <summary>Reads a token made by <see cref="ToToken"/>.</summary>
    /// <exception cref="ArgumentException">The token is not one the SDK made.</exception>
    public static InboxCursor Parse(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0
            || !long.TryParse(token.AsSpan(0, dot), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var ticks)
            || !long.TryParse(token.AsSpan(dot + 1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var number)
            || ticks < 0 || number < 0)
        {
            throw new ArgumentException($"'{token}' is not a continuation token of this inbox.", nameof(token));
        }

        return new InboxCursor(ticks, number);
    }
}
