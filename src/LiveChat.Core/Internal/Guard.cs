using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;

namespace LiveChat.Core.Internal;

/// <summary>Argument checks shared by every public entry point, so errors read the same everywhere.</summary>
internal static class Guard
{
    /// <summary>NUL and every surrogate code unit: the only characters the fast path of <see cref="StorableText"/> looks at twice.</summary>
    /// <summary>Every control character (C0, DEL, C1) and the Unicode line and paragraph separators.</summary>
    private static readonly SearchValues<char> LineBreaking = SearchValues.Create(
        string.Concat(Enumerable.Range(0, 0x20).Concat(Enumerable.Range(0x7F, 0x21)).Select(c => (char)c)) + "\u2028\u2029");

    private static readonly SearchValues<char> Suspicious = SearchValues.Create("\0" + string.Concat(Enumerable.Range(0xD800, 0x800).Select(c => (char)c)));

    public static string NotNullOrWhiteSpace(string? value, int maxLength, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        ArgumentNullException.ThrowIfNull(value, paramName);
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException("The value must not be empty or white space.", paramName);
        }

        if (value.Length > maxLength)
        {
            throw new ArgumentException($"The value is {value.Length} characters long; at most {maxLength} are allowed.", paramName);
        }

        return StorableText(value, paramName);
    }

    /// <summary>
    /// Refuses text that some store cannot keep exactly as given: a NUL character (PostgreSQL refuses it) or invalid
    /// UTF-16, a surrogate without its pair (UTF-8 databases replace it with U+FFFD). Every other character, control
    /// characters, bidi overrides and markup included, is stored and read back exactly.
    /// </summary>
    /// <exception cref="ArgumentException">The text holds NUL or a lone surrogate.</exception>
    public static string StorableText(string value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        var at = FirstUnstorable(value);
        return at < 0 ? value : throw new ArgumentException(
            value[at] == '\0'
                ? $"The text holds a NUL character at index {at}; no store can keep it."
                : $"The text is not valid UTF-16: a lone surrogate at index {at}. Text is stored exactly as given, or refused.",
            paramName);
    }

    /// <summary>Whether <see cref="NotNullOrWhiteSpace"/> accepts <paramref name="value"/>, without throwing.</summary>
    public static bool IsValidText([NotNullWhen(true)] string? value, int maxLength)
        => !string.IsNullOrWhiteSpace(value) && value.Length <= maxLength && IsStorable(value);

    /// <summary>Whether <see cref="StorableText"/> accepts <paramref name="value"/>.</summary>
    public static bool IsStorable(string value) => FirstUnstorable(value) < 0;

    /// <summary>The index of the first NUL or lone surrogate, or -1.</summary>
    private static int FirstUnstorable(ReadOnlySpan<char> span)
    {
        var offset = 0;
        while (span.IndexOfAny(Suspicious) is var at and >= 0)
        {
            if (span[at] == '\0' || !char.IsHighSurrogate(span[at]) || at + 1 >= span.Length || !char.IsLowSurrogate(span[at + 1]))
            {
                return offset + at;
            }

            offset += at + 2;
            span = span[(at + 2)..];
        }

        return -1;
    }

    /// <summary>
    /// Checks one text of a settings object (e-mail or identity settings), which may end up in a mail header, a template
    /// or a log line: <see langword="null"/> (not set), or 1 to <paramref name="maxLength"/> characters, not only white
    /// space, with no control character (CR, LF, tab, NUL …), no line or paragraph separator and no lone surrogate. Such a
    /// value is refused, never cleaned or cut, so that a setting is used exactly as the host gave it.
    /// </summary>
    /// <exception cref="ArgumentException">The value breaks one of these rules; the message names <paramref name="setting"/>.</exception>
    public static string? SettingText(string? value, int maxLength, string setting)
    {
        if (value is null)
        {
            return null;
        }

        var problem = string.IsNullOrWhiteSpace(value) ? "is empty or white space; leave it null when it is not set"
            : value.Length > maxLength ? $"is {value.Length} characters long; at most {maxLength} are allowed"
            : value.AsSpan().IndexOfAny(LineBreaking) is var at and >= 0 ? $"holds the control character U+{(int)value[at]:X4} at index {at}"
            : FirstUnstorable(value) is var bad and >= 0 ? $"holds a lone surrogate at index {bad}"
            : null;
        return problem is null ? value : throw new ArgumentException($"The setting {setting} {problem}; it is refused, not cleaned.", setting);
    }

    /// <summary>The <see cref="ArgumentException"/> for a setting whose value is refused, naming the setting as its parameter.</summary>
    public static ArgumentException InvalidSetting(string message, string setting) => new(message, setting);

    /// <summary><see cref="SettingText"/> for every key of <paramref name="map"/> and the text <paramref name="text"/> reads from each value.</summary>
    public static void SettingTexts<TValue>(IEnumerable<KeyValuePair<string, TValue>> map, Func<TValue, string?> text, int maxLength, string setting)
    {
        foreach (var (key, value) in map)
        {
            SettingText(key, maxLength, setting);
            SettingText(text(value), maxLength, setting);
        }
    }

    public static string? OptionalText(string? value, int maxLength, [CallerArgumentExpression(nameof(value))] string? paramName = null)
        => value is null ? null : NotNullOrWhiteSpace(value, maxLength, paramName);

    public static WorkspaceId Defined(WorkspaceId workspace, [CallerArgumentExpression(nameof(workspace))] string? paramName = null)
        => workspace.IsDefault ? throw new ArgumentException("A workspace id is required; default(WorkspaceId) is not a workspace.", paramName) : workspace;

    public static AgentId Defined(AgentId agent, [CallerArgumentExpression(nameof(agent))] string? paramName = null)
        => agent.IsDefault ? throw new ArgumentException("An agent id is required; default(AgentId) is not an agent.", paramName) : agent;

    public static ConversationId Defined(ConversationId conversation, [CallerArgumentExpression(nameof(conversation))] string? paramName = null)
        => conversation.Value == Guid.Empty ? throw new ArgumentException("A conversation id is required; the empty Guid is not a conversation.", paramName) : conversation;

    public static Money Defined(Money money, [CallerArgumentExpression(nameof(money))] string? paramName = null)
        => money.IsDefault ? throw new ArgumentException("An amount needs a currency; default(Money) is not an amount.", paramName) : money;

    public static VisitorToken Defined(VisitorToken token, [CallerArgumentExpression(nameof(token))] string? paramName = null)
        => token.Value is null ? throw new ArgumentException("A visitor token is required; default(VisitorToken) is not a token.", paramName) : token;

    public static Crm.CrmRecordId Defined(Crm.CrmRecordId record, [CallerArgumentExpression(nameof(record))] string? paramName = null)
        => string.IsNullOrWhiteSpace(record.Value) ? throw new ArgumentException("A CRM record id is required; default(CrmRecordId) is not a record.", paramName) : record;

    public static Identity.ContactId Defined(Identity.ContactId contact, [CallerArgumentExpression(nameof(contact))] string? paramName = null)
        => contact.Value == Guid.Empty ? throw new ArgumentException("A contact id is required; default(ContactId) is not a contact.", paramName) : contact;

    public static Email.EmailAddress Defined(Email.EmailAddress address, [CallerArgumentExpression(nameof(address))] string? paramName = null)
        => address.Address is null ? throw new ArgumentException("An e-mail address is required; default(EmailAddress) is not an address.", paramName) : address;

    public static int InRange(int value, int min, int max, [CallerArgumentExpression(nameof(value))] string? paramName = null)
        => value < min || value > max
            ? throw new ArgumentOutOfRangeException(paramName, value, $"The value must be between {min} and {max}.")
            : value;
}
