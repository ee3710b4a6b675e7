namespace LiveChat.Core.Identity;

/// <summary>The matching rules that do not depend on the graph: blocked values, channel handles, priorities (feature I6).</summary>
internal static class IdentityRules
{
    public static bool IsBlocked(ContactIdentifier identifier, IdentitySettings settings)
    {
        var value = identifier.Value;
        foreach (var blocked in settings.BlockedValues)
        {
            if (string.Equals(value, blocked, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        switch (identifier.Kind)
        {
            case IdentifierKind.Email:
                var local = value.AsSpan(0, value.IndexOf('@', StringComparison.Ordinal));
                foreach (var role in settings.RoleMailboxes)
                {
                    if (local.Equals(role, StringComparison.OrdinalIgnoreCase))
                    {
                        return true;
                    }
                }

                return false;
            case IdentifierKind.Phone:
                // A subscriber number of one repeated digit (0000000, 1111111) is a placeholder, not somebody's phone.
                var tail = value.AsSpan(Math.Max(1, value.Length - 7));
                return !tail.ContainsAnyExcept(tail[0]);
            default:
                return !value.AsSpan().ContainsAnyExcept('0');
        }
    }

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
