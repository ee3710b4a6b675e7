using System.Buffers.Text;
using System.Runtime.CompilerServices;
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
    private const int HashHexLength = SHA256.HashSizeInBytes * 2;
    private const int StackTokenChars = 80;

    /// <summary>The hash each token string object matched once; weak in the string, so it lives only as long as the caller's.</summary>
    private static readonly ConditionalWeakTable<string, string> Verified = new();

    /// <summary>Wraps a token the visitor presented.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public VisitorToken(string value) => Value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary>The token text, safe in URLs and headers.</summary>
    public string Value { get; }

    /// <summary>
    /// A redacted placeholder, never the secret, so that a token logged or interpolated by mistake leaks nothing. Read
    /// <see cref="Value"/> to hand the token to the visitor's browser, and treat it as a password.
    /// </summary>
    public override string ToString() => "VisitorToken(redacted)";

    internal static VisitorToken New() => new(Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes)));

    internal string ComputeHash()
    {
        Span<char> hex = stackalloc char[HashHexLength];
        WriteHashHex(hex);
        return new string(hex);
    }

    /// <summary>Whether this token's hash is <paramref name="storedHash"/>, compared in constant time.</summary>
    /// <remarks>
    /// <para>
    /// Runs on every visitor call. The hash is ASCII hex, so comparing UTF-16 code units is equivalent to comparing ASCII
    /// bytes: any non-ASCII or differing character, or a different length, fails.
    /// </para>
    /// <para>
    /// A host or hub that presents the same token string on every call of a connection pays the hash once: a string that
    /// matched is remembered with the hash it matched, keyed by the string object itself (never by its text), and only
    /// for as long as the caller keeps that string. Its later calls compare that hash with the stored one, still in
    /// constant time, so a token is never accepted for a conversation whose stored hash is another. A string that never
    /// matched is not remembered, and an equal text in another string object is hashed again.
    /// </para>
    /// </remarks>
    internal bool Matches(string storedHash)
    {
        ArgumentNullException.ThrowIfNull(storedHash);
        var value = Value ?? string.Empty;
        if (Verified.TryGetValue(value, out var verifiedHash))
        {
            return Internal.ConstantTime.AreEqual(verifiedHash, storedHash);
        }

        Span<char> hex = stackalloc char[HashHexLength];
        WriteHashHex(hex);
        if (!Internal.ConstantTime.AreEqual(hex, storedHash))
        {
            return false;
        }

        Verified.AddOrUpdate(value, storedHash);
        return true;
    }


    /// <summary>Writes the lowercase hex SHA-256 of the token's UTF-8 bytes to <paramref name="hex"/>.</summary>
    private void WriteHashHex(Span<char> hex)
    {
        var value = Value ?? string.Empty;

        // Real tokens are 43 characters; a longer string presented by a caller is hashed from the heap.
        Span<byte> utf8 = value.Length <= StackTokenChars ? stackalloc byte[StackTokenChars * 3] : new byte[Encoding.UTF8.GetByteCount(value)];
        var length = Encoding.UTF8.GetBytes(value, utf8);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(utf8[..length], hash);
        if (!Convert.TryToHexStringLower(hash, hex, out var written) || written != HashHexLength)
        {
            throw new InvalidOperationException("The hash did not fit its buffer.");
        }
    }
}
