namespace LiveChat.Core.Identity;

/// <summary>How far an identifier can be trusted (feature I1). Higher values are stronger.</summary>
public enum VerificationLevel
{
    /// <summary>Typed by the visitor; anyone can type anyone's address.</summary>
    SelfAsserted = 0,

    /// <summary>Given by the channel, such as an Instagram or Telegram user id.</summary>
    ChannelAsserted = 1,

    /// <summary>Signed by the host application with the workspace secret (HMAC-SHA256 of the external user id).</summary>
    HostVerified = 2,
}
