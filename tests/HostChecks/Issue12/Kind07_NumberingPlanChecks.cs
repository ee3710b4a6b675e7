using FluentAssertions;
using LiveChat.Core.Identity;
using Xunit;

namespace LiveChat.Issue12.Checks;

/// <summary>
/// Kind 7: known equivalent forms of one line give one matching key (Brazil's 9th digit); invalid-but-possible
/// numbers are kept raw, flagged, and never create a match on their own.
/// </summary>
public class Kind07_NumberingPlanChecks
{
    private static IdentitySettings Brazil => new() { DefaultRegion = "BR" };

    [Theory]
    [InlineData("(71) 96782-2672", "(71) 6782-2672")]
    [InlineData("(71) 6782-2672", "(71) 96782-2672")]
    [InlineData("+55 71 96782-2672", "+55 71 6782-2672")]
    [InlineData("+55 11 98765-4321", "(11) 8765-4321")]
    public async Task NumberingPlan_BrazilNinthDigit_OneContact(string first, string second)
    {
        await using var host = TestHost.Create(Brazil);
        var a = await host.ChatAsync("whatsapp", handle: "wa-br", name: "João Silva", phone: first);
        var b = await host.ChatAsync("webchat", handle: "v-br", name: "João Silva", phone: second);
        (await host.ContactOfAsync(b.Id)).Should().Be(a.Result.Contact!.Id,
            $"'{first}' and '{second}' are the old and new forms of one mobile line");
    }

    [Fact]
    public void NumberingPlan_BrazilNinthDigit_OneMatchingKey()
    {
        ContactIdentifier.TryPhone("(71) 96782-2672", "BR", out var modern).Should().BeTrue();
        ContactIdentifier.TryPhone("(71) 6782-2672", "BR", out var old);
        old.Should().NotBeNull("the old 8-digit form of a mobile line is a known equivalent form");
        old!.Value.Should().Be(modern!.Value);
    }

    [Fact]
    public async Task NumberingPlan_BrazilLandline_IsNotFoldedIntoAMobile()
    {
        // Hostile: landlines (2–5 after the area code) have no 9th digit; (71) 3234-5678 and (71) 93234-5678
        // are two different lines and two different people.
        await using var host = TestHost.Create(Brazil);
        var a = await host.ChatAsync("webchat", handle: "v-l1", name: "Maria Costa", phone: "(71) 3234-5678");
        var b = await host.ChatAsync("webchat", handle: "v-l2", name: "Pedro Lima", phone: "(71) 93234-5678");
        (await host.ContactOfAsync(b.Id)).Should().NotBe(a.Result.Contact!.Id);
    }

    [Theory]
    [InlineData("+1 555 555 5555")]
    [InlineData("+33 8 99 99 99 99")]
    public async Task NumberingPlan_InvalidButPossible_NeverMatchesOnItsOwn(string number)
    {
        await using var host = TestHost.Create();
        var a = await host.ChatAsync("webchat", handle: "v-i1", name: "Alice Martin", phone: number);
        var b = await host.ChatAsync("webchat", handle: "v-i2", name: "Bob Durand", phone: number);
        (await host.ContactOfAsync(b.Id)).Should().NotBe(a.Result.Contact!.Id,
            "an invalid-but-possible number never creates a match on its own");
        TestHost.Dump(a.Result).Should().Contain(number, "it is kept as a raw value, flagged");
    }
}
