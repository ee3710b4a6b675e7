using FluentAssertions;
using LiveChat.Core.Conversations;
using LiveChat.Core.Crm;
using LiveChat.Core.Identity;

namespace LiveChat.Issue13b.Checks;

/// <summary>Shared steps and the invariants the issue says must never break.</summary>
public static class Steps
{
    public const string ClientEmail = "paul.martin@example.fr";
    public const string ClientPhone = "+33612345678";

    public static Task<IdentifyResult> IdentifyAsync(this TestHost host, ConversationId conv,
        string? handle = null, string? email = null, string? phone = null, string? name = null)
        => host.Chat.Identity.IdentifyAsync(host.Ws, new IdentifyRequest
        {
            ConversationId = conv, ChannelHandle = handle, Email = email, Phone = phone, Name = name,
        }).AsTask();

    /// <summary>Seed 003: a channel writer nobody knows is filed as a lead at once. Returns that lead.</summary>
    public static async Task<CrmRecord> HandleFiledAsLeadAsync(this TestHost host, ConversationId conv, string handle, string? name = null)
    {
        var r = await host.IdentifyAsync(conv, handle: handle, name: name);
        r.Contact.Should().NotBeNull();
        r.Contact!.CrmRecord.Should().NotBeNull("seed 003: a channel writer is filed as a lead at once");
        var lead = await host.Crm.FindAsync(host.Ws, r.Contact.CrmRecord!.Value);
        lead!.Kind.Should().Be(CrmRecordKind.Lead);
        return lead;
    }

    public static async Task<CrmRecordId?> RecordOfAsync(this TestHost host, ConversationId conv)
        => (await host.Chat.Identity.FindByConversationAsync(host.Ws, conv))?.CrmRecord;

    /// <summary>Never two CRM records with one e-mail or phone (seed 001: "Create lead" only when nothing matches).</summary>
    public static async Task ShouldHoldOneRecordAsync(this TestHost host, CrmRecord expected, string? email = null, string? phone = null)
    {
        if (email is not null)
            (await host.Crm.FindByEmailAsync(host.Ws, email)).Select(r => r.Id).Should()
                .Equal([expected.Id], $"only {expected.Id} may hold {email}: the SDK must not make a second record with it");
        if (phone is not null)
            (await host.Crm.FindByPhoneAsync(host.Ws, phone)).Select(r => r.Id).Should()
                .Equal([expected.Id], $"only {expected.Id} may hold {phone}: the SDK must not make a second record with it");
    }

    /// <summary>An existing client's value is never copied onto the lead made before the client was recognised.</summary>
    public static async Task LeadShouldHoldNoClientValueAsync(this TestHost host, CrmRecord lead, CrmRecord client)
    {
        var now = await host.Crm.FindAsync(host.Ws, lead.Id);
        if (now is null) return; // a fix may fold the lead into the client: then it holds nothing at all
        if (client.Email is not null) (now.Email ?? "").Should().NotBeEquivalentTo(client.Email, "the client's e-mail must not be copied onto the lead");
        if (client.Phone is not null) now.Phone.Should().NotBe(client.Phone, "the client's phone must not be copied onto the lead");
    }

    /// <summary>"The CRM feed says what happened": the record's feed has an entry that names the other record.</summary>
    public static async Task FeedShouldNameAsync(this TestHost host, CrmRecordId on, CrmRecord other)
    {
        var feed = await host.FeedAsync(on);
        feed.Should().Contain(a => a.Text != null && (a.Text.Contains(other.Id.Value) || a.Text.Contains(other.Id.ToString())),
            $"the feed of {on} should say it is the same person as {other.Id} ({other.Name})");
    }
}
