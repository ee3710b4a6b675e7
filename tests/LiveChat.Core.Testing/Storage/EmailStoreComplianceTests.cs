using System.Collections.Immutable;
using FluentAssertions;
using LiveChat.Core.Conversations;
using LiveChat.Core.Email;
using Xunit;

namespace LiveChat.Core.Testing.Storage;

/// <summary>
/// The rules every <see cref="IEmailStore"/> must keep (feature E6): idempotent enqueue, due entries in order,
/// compare-and-set updates that let exactly one dispatcher claim an entry, and recipients saved by version. An adapter's
/// test project derives from this class once; xunit makes a fresh store for every test.
/// </summary>
public abstract class EmailStoreComplianceTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static readonly WorkspaceId Workspace = new("compliance-mail");
    private (IEmailStore Store, Func<ValueTask> Dispose)? _store;

    /// <summary>The store under test.</summary>
    protected IEmailStore Store => _store!.Value.Store;

    /// <summary>Makes a fresh, empty store, and how to dispose of it.</summary>
    protected abstract ValueTask<(IEmailStore Store, Func<ValueTask> Dispose)> CreateStoreAsync();

    /// <inheritdoc />
    public async Task InitializeAsync() => _store = await CreateStoreAsync();

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_store is { } store)
        {
            await store.Dispose();
        }
    }

    [Fact]
    public async Task Enqueue_ThenFind_RoundTripsEveryField()
    {
        var entry = Entry("transcript.a.1", Now) with
        {
            Message = Entry("transcript.a.1", Now).Message with
            {
                From = EmailAddress.Create("admin@acme.example", "ACME Support"),
                To = EmailAddress.Create("lea@example.fr", "Léa Žlutá"),
                Subject = "Votre conversation n°7 — ✓",
                Headers = ImmutableDictionary<string, string>.Empty.Add("Auto-Submitted", "auto-generated").Add("X-LiveChat-Conversation", "7"),
            },
            CoversUpToSequence = 42,
        };

        await Store.EnqueueAsync(entry);
        var found = await Store.FindDeliveryAsync(entry.Id);

        found.Should().NotBeNull();
        found!.Message.Headers.Should().BeEquivalentTo(entry.Message.Headers);
        found.Should().BeEquivalentTo(entry, o => o.Excluding(d => d.Message.Headers));
    }

    [Fact]
    public async Task Enqueue_TheSameIdTwice_KeepsTheFirst()
    {
        var first = Entry("replies.a.r1", Now);

        await Store.EnqueueAsync(first);
        var second = await Store.EnqueueAsync(first with { Message = first.Message with { Subject = "changed" } });

        second.Message.Subject.Should().Be(first.Message.Subject);
        (await Store.FindDeliveryAsync(first.Id))!.Message.Subject.Should().Be(first.Message.Subject);
    }

    [Fact]
    public async Task FindDelivery_Unknown_IsNull()
        => (await Store.FindDeliveryAsync("none")).Should().BeNull();

    [Fact]
    public async Task GetDue_ReturnsPendingAndLapsedSendingEntries_EarliestFirst_UpToTheLimit()
    {
        await Store.EnqueueAsync(Entry("c", Now.AddSeconds(-10)));
        await Store.EnqueueAsync(Entry("a", Now.AddSeconds(-30)));
        await Store.EnqueueAsync(Entry("b", Now.AddSeconds(-20)));
        await Store.EnqueueAsync(Entry("future", Now.AddSeconds(5)));
        var sent = Entry("sent", Now.AddSeconds(-40));
        await Store.EnqueueAsync(sent);
        (await Store.TryUpdateDeliveryAsync(sent with { Status = EmailDeliveryStatus.Sent, SentAt = Now, Version = 2 })).Should().BeTrue();
        var lapsed = Entry("lapsed", Now.AddSeconds(-50));
        await Store.EnqueueAsync(lapsed);
        (await Store.TryUpdateDeliveryAsync(lapsed with { Status = EmailDeliveryStatus.Sending, Attempts = 1, NextAttemptAt = Now.AddSeconds(-1), Version = 2 })).Should().BeTrue();

        var due = await Store.GetDueAsync(Now, 3);
        var all = await Store.GetDueAsync(Now, 100);

        due.Select(d => d.Id).Should().Equal("a", "b", "c");
        all.Select(d => d.Id).Should().Equal("a", "b", "c", "lapsed");
    }

    [Fact]
    public async Task TryUpdate_OnlyTheNextVersionWins()
    {
        var entry = Entry("x", Now);
        await Store.EnqueueAsync(entry);

        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Store.TryUpdateDeliveryAsync(entry with { Status = EmailDeliveryStatus.Sending, Attempts = 1, LastError = $"claim {i}", Version = 2 }).AsTask()));

        claims.Count(c => c).Should().Be(1);
        (await Store.TryUpdateDeliveryAsync(entry with { Version = 4 })).Should().BeFalse();
        (await Store.TryUpdateDeliveryAsync(Entry("missing", Now) with { Version = 2 })).Should().BeFalse();
        var stored = await Store.FindDeliveryAsync("x");
        stored!.Version.Should().Be(2);
        stored.Status.Should().Be(EmailDeliveryStatus.Sending);
    }

    [Fact]
    public async Task Recipients_AreSavedByVersion_AndKeptPerConversation()
    {
        var conversation = new ConversationId(Guid.CreateVersion7(Now));
        var other = new ConversationId(Guid.CreateVersion7(Now.AddSeconds(1)));
        var recipient = new EmailRecipient
        {
            Workspace = Workspace,
            ConversationId = conversation,
            Address = EmailAddress.Create("lea@example.fr", "Léa"),
            LeftWhileOffline = true,
            Version = 1,
        };

        (await Store.FindRecipientAsync(Workspace, conversation)).Should().BeNull();
        (await Store.TrySaveRecipientAsync(recipient)).Should().BeTrue();
        (await Store.TrySaveRecipientAsync(recipient)).Should().BeFalse("version 1 means none was stored");
        (await Store.TrySaveRecipientAsync(recipient with { NotifiedUpToSequence = 9, Version = 2 })).Should().BeTrue();
        (await Store.TrySaveRecipientAsync(recipient with { NotifiedUpToSequence = 5, Version = 2 })).Should().BeFalse();

        var found = await Store.FindRecipientAsync(Workspace, conversation);
        found.Should().BeEquivalentTo(recipient with { NotifiedUpToSequence = 9, Version = 2 });
        (await Store.FindRecipientAsync(Workspace, other)).Should().BeNull();
        (await Store.FindRecipientAsync(new WorkspaceId("elsewhere"), conversation)).Should().BeNull();
    }

    /// <summary>A Pending transcript entry due at <paramref name="due"/>, version 1, in the suite's workspace.</summary>
    internal static EmailDelivery Entry(string id, DateTimeOffset due) => new()
    {
        Id = id,
        Workspace = Workspace,
        ConversationId = new ConversationId(Guid.Parse("0193a000-0000-7000-8000-000000000001")),
        Kind = EmailKind.Transcript,
        Message = new EmailMessage
        {
            MessageId = $"{id}@acme.example",
            From = EmailAddress.Create("admin@acme.example"),
            To = EmailAddress.Create("ana@example.com"),
            Subject = "Your conversation #1",
            HtmlBody = "<p>Hi &amp; bye</p>",
            TextBody = "Hi\nbye",
        },
        Status = EmailDeliveryStatus.Pending,
        EnqueuedAt = due,
        NextAttemptAt = due,
        Version = 1,
    };
}
