using CsCheck;
using LiveChat.Core.Internal;

namespace LiveChat.Core.Tests.Internal;

/// <summary>
/// The comparison every visitor call makes of its token's hash with the stored one (feature X2): the same answer as an
/// ordinal comparison, for every length and every position of a difference.
/// </summary>
public sealed class ConstantTimeTests
{
    [Fact]
    public void AreEqual_AnyTwoStrings_AgreesWithOrdinalEquality()
        => Gen.Select(Gen.String[Gen.Char['0', 'f'], 0, 80], Gen.String[Gen.Char['0', 'f'], 0, 80])
            .Sample((left, right) => ConstantTime.AreEqual(left, right) == string.Equals(left, right, StringComparison.Ordinal), iter: 2_000);

    [Fact]
    public void AreEqual_TwoHashLengthStrings_AgreesWithOrdinalEquality_WhetherLowercaseHexOrNot()
    {
        // 64 characters is the SHA-256 hex form, compared as the 32 bytes it encodes when both sides are lowercase hex.
        var lowercaseHex = Gen.String[Gen.Char["0123456789abcdef"], 64, 64];
        var nearHex = Gen.String[Gen.Char["0123456789abcdefABCDEF g"], 64, 64];
        Gen.Select(lowercaseHex, lowercaseHex)
            .Sample((left, right) => ConstantTime.AreEqual(left, right) == string.Equals(left, right, StringComparison.Ordinal), iter: 2_000);
        Gen.Select(nearHex, nearHex)
            .Sample((left, right) => ConstantTime.AreEqual(left, right) == string.Equals(left, right, StringComparison.Ordinal), iter: 2_000);
        ConstantTime.AreEqual(new string('a', 64), new string('A', 64)).Should().BeFalse("an uppercase hex string is another string, though it encodes the same bytes");
    }

    [Fact]
    public void AreEqual_HashWithOneCharacterChanged_IsFalseAtEveryPosition()
    {
        var hash = Conversations.VisitorToken.New().ComputeHash();
        ConstantTime.AreEqual(hash, new string(hash.AsSpan())).Should().BeTrue();
        for (var at = 0; at < hash.Length; at++)
        {
            var changed = hash.ToCharArray();
            changed[at] = changed[at] == '0' ? '1' : '0';
            ConstantTime.AreEqual(hash, changed).Should().BeFalse($"the hashes differ at index {at}");
        }
    }

    [Fact]
    public void AreEqual_DifferentLengthsOrNonAsciiCharacters_IsFalse()
    {
        ConstantTime.AreEqual("abc", "abcd").Should().BeFalse();
        ConstantTime.AreEqual(string.Empty, "a").Should().BeFalse();
        ConstantTime.AreEqual(string.Empty, string.Empty).Should().BeTrue();
        ConstantTime.AreEqual("a\u0161", "a\u0061").Should().BeFalse("only the high byte of the character differs");
    }
}
