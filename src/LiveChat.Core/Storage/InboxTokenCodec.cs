using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using LiveChat.Core.Agents;

namespace LiveChat.Core.Storage;

/// <summary>
/// Seals an <see cref="InboxCursor"/> into a continuation token bound to its workspace, folder and reader (feature C5).
/// </summary>
/// <remarks>
/// AES-256-GCM: the cursor is encrypted, so a decoded token reveals nothing (not even a conversation number), and the
/// workspace, folder and agent are its authenticated data, so a token is refused under any other query, and any changed
/// byte fails the tag. The key is <see cref="LiveChatOptions.PagingKey"/> or, when that is not set, random per process;
/// a token then works only in the process that made it. Thread-safe: each call uses its own <see cref="AesGcm"/>.
/// </remarks>
internal sealed class InboxTokenCodec
{
    public const int KeyBytes = 32;
    private const int NonceBytes = 12;
    private const int CursorBytes = 16;
    private const int TagBytes = 16;
    private const int TokenBytes = NonceBytes + CursorBytes + TagBytes;
    private readonly byte[] _key;

    public InboxTokenCodec(string? configuredKey) => _key = configuredKey is null ? RandomNumberGenerator.GetBytes(KeyBytes) : DecodeKey(configuredKey)
        ?? throw new ArgumentException($"The paging key must be {KeyBytes} bytes in base64.", nameof(configuredKey));

    /// <summary>The key as <see cref="LiveChatOptions.PagingKey"/> holds it, or <see langword="null"/> when it is not base64 of 32 bytes.</summary>
    public static byte[]? DecodeKey(string key)
    {
        var bytes = new byte[KeyBytes];
        return Convert.TryFromBase64String(key, bytes, out var written) && written == KeyBytes ? bytes : null;
    }

    public string Seal(InboxCursor cursor, WorkspaceId workspace, InboxFolder folder, AgentId reader)
    {
        Span<byte> token = stackalloc byte[TokenBytes];
        var nonce = token[..NonceBytes];
        RandomNumberGenerator.Fill(nonce);
        Span<byte> plain = stackalloc byte[CursorBytes];
        BinaryPrimitives.WriteInt64BigEndian(plain, cursor.EndedAtUtcTicks);
        BinaryPrimitives.WriteInt64BigEndian(plain[8..], cursor.Number);
        using var aes = new AesGcm(_key, TagBytes);
        aes.Encrypt(nonce, plain, token.Slice(NonceBytes, CursorBytes), token[(NonceBytes + CursorBytes)..], Query(workspace, folder, reader));
        return Base64Url.EncodeToString(token);
    }

    /// <exception cref="ArgumentException">The token is malformed, changed, or was made for another workspace, folder or reader.</exception>
    public InboxCursor Open(string token, WorkspaceId workspace, InboxFolder folder, AgentId reader)
    {
        Span<byte> bytes = stackalloc byte[TokenBytes];
        Span<byte> plain = stackalloc byte[CursorBytes];
        if (token.Length == Base64Url.GetEncodedLength(TokenBytes)
            && TryDecode(token, bytes)
            && TryDecrypt(bytes, plain, Query(workspace, folder, reader))
            && BinaryPrimitives.ReadInt64BigEndian(plain) is var ticks and >= 0
            && BinaryPrimitives.ReadInt64BigEndian(plain[8..]) is var number and >= 0)
        {
            return new InboxCursor(ticks, number);
        }

        // The message never repeats the token: it is the caller's input and says nothing useful.
        throw new ArgumentException("The continuation token was not made by this inbox for this workspace, folder and agent.", nameof(token));
    }

    /// <summary>
    /// Whether <paramref name="token"/> is base64url of exactly <see cref="TokenBytes"/> bytes. Base64Url's Try method
    /// throws <see cref="FormatException"/> for a character outside the alphabet, so <see cref="Base64Url.IsValid(ReadOnlySpan{char}, out int)"/>
    /// answers first, and a decoder that still objects is one more malformed token.
    /// </summary>
    private static bool TryDecode(string token, Span<byte> bytes)
    {
        if (!Base64Url.IsValid(token, out var length) || length != TokenBytes)
        {
            return false;
        }

        try
        {
            return Base64Url.TryDecodeFromChars(token, bytes, out var written) && written == TokenBytes;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private bool TryDecrypt(ReadOnlySpan<byte> token, Span<byte> plain, byte[] query)
    {
        using var aes = new AesGcm(_key, TagBytes);
        try
        {
            aes.Decrypt(token[..NonceBytes], token.Slice(NonceBytes, CursorBytes), token[(NonceBytes + CursorBytes)..], plain, query);
            return true;
        }
        catch (AuthenticationTagMismatchException)
        {
            return false;
        }
    }

    /// <summary>The query a token belongs to, length-prefixed so that no two queries share bytes.</summary>
    private static byte[] Query(WorkspaceId workspace, InboxFolder folder, AgentId reader)
    {
        var text = $"{workspace.Value.Length}:{workspace.Value}|{(int)folder}|{reader.Value.Length}:{reader.Value}";
        return Encoding.UTF8.GetBytes(text);
    }
}
