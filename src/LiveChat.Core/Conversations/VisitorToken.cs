using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace LiveChat.Core.Conversations;

/// <summary>
/// The secret that lets a visitor reach their own conversation, and only that one (feature X2). It is handed to the
/// visitor once, when the conversation starts; the SDK keeps only its SHA-256 hash.
/// </summary>
/// <remarks>256 random bits from the operating system's cryptographic generator, base64url-encoded. Immutable.</remarks>
public readonly record struct VisitorToken
{
    private const int SecretBytes = 32;

    /// <summary>Wraps a token the visitor presented.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public VisitorToken(string value) => Value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary>The token text, safe in URLs and headers.</summary>
    public string Value { get; }

    /// <summary>Returns the token text. Treat it as a password: do not log it.</summary>
    public override string ToString() => Value ?? string.Empty;

    internal static VisitorToken New() => new(Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes)));

    internal string ComputeHash()
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(Value ?? string.Empty), hash);
        return Convert.ToHexStringLower(hash);
    }

    internal bool Matches(string storedHash)
        => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(ComputeHash()), Encoding.ASCII.GetBytes(storedHash));
}
