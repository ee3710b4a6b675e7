using FluentAssertions;
using LiveChat.Core.Identity;
using Xunit;

namespace LiveChat.Issue12.Checks;

/// <summary>Kind 4: role and shared mailboxes never merge two people; the default list is complete and overridable.</summary>
public class Kind04_RoleAddressChecks
{
    private static async Task TwoPeopleTypeTheSameAddress(TestHost host, string address, string? address2 = null)
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var alice = await host.ChatAsync("webchat", handle: "v-alice-" + tag, name: "Alice Martin", email: address);
        var bob = await host.ChatAsync("webchat", handle: "v-bob-" + tag, name: "Bob Durand", email: address2 ?? address);
        (await host.ContactOfAsync(bob.Id)).Should().NotBe(alice.Result.Contact!.Id,
            $"'{address}' is a role mailbox two different people both type");
        (await host.HistoryAsync(bob.Id)).Should().NotContain(alice.Id);
    }

    [Theory]
    [InlineData("sales")]
    [InlineData("support")]
    [InlineData("contact")]
    [InlineData("hello")]
    [InlineData("admin")]
    [InlineData("billing")]
    [InlineData("accounts")]
    [InlineData("accounting")]
    [InlineData("office")]
    [InlineData("team")]
    [InlineData("hr")]
    [InlineData("jobs")]
    [InlineData("careers")]
    [InlineData("marketing")]
    [InlineData("help")]
    [InlineData("enquiries")]
    [InlineData("inquiries")]
    [InlineData("reception")]
    [InlineData("orders")]
    [InlineData("webmaster")]
    [InlineData("postmaster")]
    [InlineData("hostmaster")]
    [InlineData("abuse")]
    [InlineData("privacy")]
    [InlineData("security")]
    [InlineData("service")]
    [InlineData("customerservice")]
    [InlineData("press")]
    [InlineData("finance")]
    [InlineData("invoices")]
    [InlineData("noreply")]
    [InlineData("no-reply")]
    [InlineData("donotreply")]
    [InlineData("info")]
    public async Task RoleAddress_DefaultList_NeverMergesTwoPeople(string localPart)
    {
        await using var host = TestHost.Create();
        await TwoPeopleTypeTheSameAddress(host, $"{localPart}@acme.example");
    }

    [Theory]
    [InlineData("SALES@Acme.Example", "sales@acme.example")]
    [InlineData(" Support@acme.example", "support@ACME.EXAMPLE ")]
    [InlineData("sales+eu@acme.example", "sales+eu@acme.example")]
    public async Task RoleAddress_CaseWhitespaceTagsAndCompounds(string first, string second)
    {
        await using var host = TestHost.Create();
        await TwoPeopleTypeTheSameAddress(host, first, second);
    }

    [Theory]
    // French and Czech workspaces are the seeds' audience: their shared mailboxes too.
    [InlineData("commercial")]
    [InlineData("ventes")]
    [InlineData("facturation")]
    [InlineData("compta")]
    [InlineData("kontakt")]
    [InlineData("podpora")]
    [InlineData("obchod")]
    [InlineData("fakturace")]
    public async Task RoleAddress_FrenchAndCzechSharedMailboxes(string localPart)
    {
        await using var host = TestHost.Create();
        await TwoPeopleTypeTheSameAddress(host, $"{localPart}@acme.example");
    }

    [Fact]
    public async Task RoleAddress_DefaultListIsExposedAndBroad()
    {
        var list = IdentitySettings.Default.RoleMailboxes.Select(x => x.ToLowerInvariant()).ToHashSet();
        list.Should().Contain(new[] { "sales", "support", "contact", "billing", "hello", "admin", "office", "team", "help", "noreply" });
        list.Count.Should().BeGreaterThanOrEqualTo(30, "a complete, documented default list of role and shared mailboxes");
        await Task.CompletedTask;
    }

    [Fact]
    public async Task RoleAddress_HostCanAddItsOwn()
    {
        var settings = new IdentitySettings
        {
            DefaultRegion = "FR",
            RoleMailboxes = IdentitySettings.Default.RoleMailboxes.Add("equipe-paris"),
        };
        await using var host = TestHost.Create(settings);
        await TwoPeopleTypeTheSameAddress(host, "equipe-paris@acme.example");
        await TwoPeopleTypeTheSameAddress(host, "sales@acme.example");
    }

    [Fact]
    public async Task RoleAddress_HostCanRemoveOne_ThenItMatchesAgain()
    {
        var settings = new IdentitySettings
        {
            DefaultRegion = "FR",
            RoleMailboxes = IdentitySettings.Default.RoleMailboxes.RemoveAll(x => string.Equals(x, "hello", StringComparison.OrdinalIgnoreCase)),
        };
        await using var host = TestHost.Create(settings);
        var one = await host.ChatAsync("webchat", handle: "v-h1", name: "Hélène", email: "hello@helene.example");
        var two = await host.ChatAsync("webchat", handle: "v-h2", name: "Hélène", email: "hello@helene.example");
        (await host.ContactOfAsync(two.Id)).Should().Be(one.Result.Contact!.Id, "the override is honoured");
    }
}
