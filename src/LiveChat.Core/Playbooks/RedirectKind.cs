namespace LiveChat.Core.Playbooks;

/// <summary>The kind of a <see cref="ChannelRedirect"/>.</summary>
public enum RedirectKind
{
    /// <summary>An e-mail address.</summary>
    Email = 0,

    /// <summary>A web page.</summary>
    Url = 1,

    /// <summary>A phone number.</summary>
    Phone = 2,
}
