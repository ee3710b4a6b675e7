using System.Security.Cryptography;
using System.Text;

namespace LiveChat.Core.Identity;

/// <summary>
/// Host verification of an external user id (feature I1): the host's backend signs its user id with the workspace
/// secret, the widget passes id and signature, and the SDK checks the signature before trusting the id. Thread-safe.
/// </summary>
public static class HostVerification
{
    /// <summary>The signature of <paramref name="userId"/>: HMAC-SHA256 with the UTF-8 secret, lower-case hex.</summary>
    /// <exception cref="ArgumentException">The secret or the user id is empty.</exception>
    public static string Sign(string secret, string userId)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        ArgumentException.ThrowIfNullOrEmpty(userId);
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(userId.Trim())));
    }

    /// <summary>Whether <paramref name="signature"/> is the signature of <paramref name="userId"/>, compared in constant time.</summary>
    public static bool IsValid(string secret, string userId, string? signature)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        ArgumentException.ThrowIfNullOrEmpty(userId);
        if (signature is null || signature.Length != 64)
        {
            return false;
        }

        Span<byte> given = stackalloc byte[32];
        if (Convert.FromHexString(signature, given, out _, out var written) != System.Buffers.OperationStatus.Done || written != 32)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[32];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(userId.Trim()), expected);
        return CryptographicOperations.FixedTimeEquals(given, expected);
    }
}
