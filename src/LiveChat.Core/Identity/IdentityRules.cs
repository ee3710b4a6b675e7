using System.Collections.Frozen;
using System.Runtime.CompilerServices;

namespace LiveChat.Core.Identity;

/// <summary>The matching rules that do not depend on the graph: blocked values, channel handles, priorities (feature I6).</summary>
internal static class IdentityRules
{
    public static bool IsBlocked(ContactIdentifier identifier, IdentitySettings settings)
    {
        var value = identifier.Value;
        if (identifier.IsUnconfirmedNumber || IsPlaceholder(value, settings))
        {
            return true;
        }

        switch (identifier.Kind)
        {
            case IdentifierKind.Email:
                var local = value.AsSpan(0, value.IndexOf('@', StringComparison.Ordinal));
                var plus = local.IndexOf('+');
                local = plus > 0 ? local[..plus] : local;
                return Roles.GetValue(settings, s => s.RoleMailboxes.ToFrozenSet(StringComparer.OrdinalIgnoreCase))
                    .GetAlternateLookup<ReadOnlySpan<char>>().Contains(local);
            case IdentifierKind.Phone:
                // A subscriber number of one repeated digit (0000000, 1111111) is a placeholder, not somebody's phone.
                var tail = value.AsSpan(Math.Max(1, value.Length - 7));
                return !tail.ContainsAnyExcept(tail[0]);
            default:
                return !value.AsSpan().ContainsAnyExcept('0');
        }
    }

    /// <summary>Whether <paramref name="text"/>, trimmed, is one of the workspace's placeholder values (<c>null</c>, <c>n/a</c> …).</summary>
    public static bool IsPlaceholder(string text, IdentitySettings settings)
        => Placeholders.GetValue(settings, s => s.BlockedValues.ToFrozenSet(StringComparer.OrdinalIgnoreCase))
            .GetAlternateLookup<ReadOnlySpan<char>>().Contains(text.AsSpan().Trim());

    /// <summary>Each settings instance's placeholders as a set: checked on every call, with a list of dozens.</summary>
    private static readonly ConditionalWeakTable<IdentitySettings, FrozenSet<string>> Placeholders = new();

    private static readonly ConditionalWeakTable<IdentitySettings, FrozenSet<string>> Roles = new();

    /// <summary>Whether a value of this kind is personal: an e-mail, a phone or the host's user id, not a channel handle.</summary>
    public static bool IsPersonal(IdentifierKind kind) => kind is IdentifierKind.Email or IdentifierKind.Phone or IdentifierKind.ExternalUserId;

    /// <summary>The handle kind of a channel name, or <see langword="null"/> for a channel without one.</summary>
    public static IdentifierKind? HandleKind(string channel) => channel.ToUpperInvariant() switch
    {
        "WEBCHAT" => IdentifierKind.WebchatVisitor,
        "FACEBOOK" or "MESSENGER" => IdentifierKind.Facebook,
        "INSTAGRAM" => IdentifierKind.Instagram,
        "TELEGRAM" => IdentifierKind.Telegram,
        "WHATSAPP" => IdentifierKind.WhatsApp,
        _ => null,
    };

    /// <summary>Which identifier decides between several matching contacts, after verification level.</summary>
    public static int Priority(IdentifierKind kind) => kind switch
    {
        IdentifierKind.ExternalUserId => 3,
        IdentifierKind.Email => 2,
        IdentifierKind.Phone => 1,
        _ => 0,
    };
}
