using System.Security.Cryptography;
using System.Runtime.InteropServices;

namespace LiveChat.Core.Internal;

/// <summary>
/// Equality of two secrets' hashes in time that does not depend on where they differ (feature X2: the visitor token's
/// stored hash is compared on every visitor call that presents the token).
/// </summary>
/// <remarks>
/// The comparison itself is <see cref="CryptographicOperations.FixedTimeEquals"/>: the platform's, not ours. It runs
/// unoptimized, one call per byte, so comparing a 64-character hex hash as text (128 bytes) cost a visitor post about
/// as much as everything else it does. Hex text of even length is decoded first (<see cref="Convert.FromHexString(ReadOnlySpan{char}, Span{byte}, out int, out int)"/>,
/// table-driven, no branch on the digits' values) and the 32 bytes of a SHA-256 hash are compared, a quarter of the
/// work; anything else is compared as text. Only the lengths, which are public, decide the steps. Thread-safe,
/// allocation-free.
/// </remarks>
internal static class ConstantTime
{
    private const int MaxDecoded = 64;

    /// <summary>Whether <paramref name="left"/> and <paramref name="right"/> hold the same characters, in time that depends only on their lengths.</summary>
    public static bool AreEqual(ReadOnlySpan<char> left, ReadOnlySpan<char> right)
    {
        if (left.Length != right.Length)
        {
            return false;
        }

        if (left.Length % 2 == 0 && left.Length / 2 <= MaxDecoded)
        {
            Span<byte> a = stackalloc byte[left.Length / 2];
            Span<byte> b = stackalloc byte[left.Length / 2];
            // Hex digits differ in case only where the texts differ: decoding both keeps "same text" exact only when
            // each decodes and re-encodes to itself, so mixed-case texts fall through to the text comparison below.
            if (Convert.FromHexString(left, a, out _, out var leftWritten) == System.Buffers.OperationStatus.Done
                && Convert.FromHexString(right, b, out _, out var rightWritten) == System.Buffers.OperationStatus.Done
                && leftWritten == a.Length && rightWritten == b.Length
                && IsCanonical(left) && IsCanonical(right))
            {
                return CryptographicOperations.FixedTimeEquals(a, b);
            }
        }

        return CryptographicOperations.FixedTimeEquals(MemoryMarshal.AsBytes(left), MemoryMarshal.AsBytes(right));
    }

    /// <summary>Whether the hex text uses one case of letters (lower), so that equal bytes mean equal text.</summary>
    private static bool IsCanonical(ReadOnlySpan<char> hex) => !hex.ContainsAnyInRange('A', 'F');
}
