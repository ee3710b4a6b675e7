using System.Buffers;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace LiveChat.Core.Internal;

/// <summary>
/// Equality of two secrets' hashes in time that does not depend on where they differ (feature X2: the visitor token's
/// stored hash is compared on every visitor call that presents the token).
/// </summary>
/// <remarks>
/// The comparison is the platform's <see cref="CryptographicOperations.FixedTimeEquals"/>, not a hand-written one: a
/// security primitive is not this SDK's to write, even though the platform's runs unoptimized (one step per byte). A
/// SHA-256 hash written as lowercase hex (64 characters, the form the SDK stores) is compared as the 32 bytes it encodes,
/// not as 128 bytes of UTF-16: a quarter of the steps, and the same answer, since each lowercase hex string encodes one
/// byte sequence and no other string encodes it. Whether both sides have that form depends only on their characters'
/// kind, never on where they differ; only the lengths, which are public, and that form decide the steps. Thread-safe,
/// allocation-free.
/// </remarks>
internal static class ConstantTime
{
    private const int Sha256HexLength = SHA256.HashSizeInBytes * 2;

    private static readonly SearchValues<char> LowercaseHex = SearchValues.Create("0123456789abcdef");

    /// <summary>Whether <paramref name="left"/> and <paramref name="right"/> hold the same characters, in time that depends only on their lengths.</summary>
    public static bool AreEqual(ReadOnlySpan<char> left, ReadOnlySpan<char> right)
    {
        if (left.Length != right.Length)
        {
            return false;
        }

        if (left.Length == Sha256HexLength && !left.ContainsAnyExcept(LowercaseHex) && !right.ContainsAnyExcept(LowercaseHex))
        {
            Span<byte> leftBytes = stackalloc byte[SHA256.HashSizeInBytes];
            Span<byte> rightBytes = stackalloc byte[SHA256.HashSizeInBytes];
            Convert.FromHexString(left, leftBytes, out _, out _);
            Convert.FromHexString(right, rightBytes, out _, out _);
            return CryptographicOperations.FixedTimeEquals(leftBytes, rightBytes);
        }

        return CryptographicOperations.FixedTimeEquals(MemoryMarshal.AsBytes(left), MemoryMarshal.AsBytes(right));
    }
}
