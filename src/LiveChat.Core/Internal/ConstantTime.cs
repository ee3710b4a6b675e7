using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace LiveChat.Core.Internal;

/// <summary>
/// Equality of two secrets' hashes in time that does not depend on where they differ (feature X2: the visitor token's
/// stored hash is compared on every visitor call that presents the token).
/// </summary>
/// <remarks>
/// The comparison is the platform's <see cref="CryptographicOperations.FixedTimeEquals"/>, not a hand-written one: a
/// security primitive is not this SDK's to write, even though the platform's runs unoptimized (one call per byte, 128
/// bytes for a 64-character hex hash). The hot path avoids it instead: the visitor hub authorizes a connection once and
/// then posts through the core's <see cref="Conversations.VisitorSession"/>, which compares nothing per message. Only
/// the lengths, which are public, decide the steps. Thread-safe, allocation-free.
/// </remarks>
internal static class ConstantTime
{
    /// <summary>Whether <paramref name="left"/> and <paramref name="right"/> hold the same characters, in time that depends only on their lengths.</summary>
    public static bool AreEqual(ReadOnlySpan<char> left, ReadOnlySpan<char> right)
        => left.Length == right.Length
            && CryptographicOperations.FixedTimeEquals(MemoryMarshal.AsBytes(left), MemoryMarshal.AsBytes(right));
}
