namespace LiveChat.Core.Conversations;

/// <summary>
/// What a visitor call presents: the token itself (hashed on each check), or the hash a <see cref="VisitorSession"/>
/// computed once. Either is compared with the stored hash in constant time, on the snapshot the call loads anyway.
/// </summary>
internal readonly struct VisitorCredential
{
    private readonly VisitorToken _token;
    private readonly string? _hash;

    private VisitorCredential(VisitorToken token, string? hash)
    {
        _token = token;
        _hash = hash;
    }

    /// <summary>A token presented by the caller, checked to be defined first.</summary>
    public static VisitorCredential Of(VisitorToken token) => new(Internal.Guard.Defined(token), null);

    /// <summary>The hash of a token already checked once, for a session.</summary>
    public static VisitorCredential OfHash(string hash) => new(default, hash);

    /// <summary>Whether the credential is the conversation's visitor's, compared in constant time.</summary>
    public bool Matches(string storedHash)
    {
        ArgumentNullException.ThrowIfNull(storedHash);
        return _hash is null
            ? _token.Matches(storedHash)
            : Internal.ConstantTime.AreEqual(_hash, storedHash);
    }

    /// <summary>The hash of the visitor's token, in <see cref="Conversation.VisitorTokenHash"/>'s form, to travel with a command.</summary>
    public string Hash => _hash ?? _token.ComputeHash();
}
