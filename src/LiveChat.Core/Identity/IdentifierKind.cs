namespace LiveChat.Core.Identity;

/// <summary>What a <see cref="ContactIdentifier"/> identifies a person by (feature I1).</summary>
public enum IdentifierKind
{
    /// <summary>An e-mail address, matched trimmed and lower-cased.</summary>
    Email = 0,

    /// <summary>A phone number, matched in E.164.</summary>
    Phone = 1,

    /// <summary>The website chat's visitor id.</summary>
    WebchatVisitor = 2,

    /// <summary>A Facebook Messenger user id.</summary>
    Facebook = 3,

    /// <summary>An Instagram user id.</summary>
    Instagram = 4,

    /// <summary>A Telegram user id.</summary>
    Telegram = 5,

    /// <summary>A WhatsApp id.</summary>
    WhatsApp = 6,

    /// <summary>The host application's own user id; host-verified when signed with the workspace secret.</summary>
    ExternalUserId = 7,
}
