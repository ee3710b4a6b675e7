// The issue's four examples, each on every available store, named after its kind of fault.
using FluentAssertions;
using LiveChat.Core;
using LiveChat.Core.Conversations;
using LiveChat.Core.Storage;
using Xunit;

namespace LiveChat.Issue14.Checks;

public class IssueExampleTests
{
    public static IEnumerable<object[]> StoresRows() => Stores.All();

    /// <summary>Kind 1: a default struct passes validation and the store writes a value its own reader rejects.</summary>
    [Theory]
    [MemberData(nameof(StoresRows))]
    public async Task Kind1_default_Money_is_refused_and_the_conversation_stays_readable(StoreKind store)
    {
        await using var w = await World.CreateAsync(store);
        var act = async () => await w.Chat.Details.UpdateAsync(w.A, w.Owned, w.Alice, new ConversationDetailsUpdate { DealValue = default(Money) });
        var refused = await act.Should().ThrowAsync<ArgumentException>("default(Money) is not a valid amount");

        // Whatever happened, the conversation must stay usable: read, Mine folder, a visitor post, the end.
        (await w.Chat.Conversations.GetAsync(w.A, w.Owned)).Details.DealValue.Should().Be(new Money(1200.50m, "EUR"));
        (await w.Chat.Inbox.ListAsync(w.A, w.Alice, InboxFolder.Mine)).Items.Select(c => c.Id).Should().Contain(w.Owned);
        await w.Chat.Visitors.PostAsync(w.A, w.Owned, w.OwnedToken, "still there?");
        await w.Chat.Conversations.EndAsync(w.A, w.Owned, w.Alice);
        if (w.Env.Durable)
            (await w.Env.OpenFresh().Conversations.GetAsync(w.A, w.Owned)).State.Should().Be(ConversationState.Ended);
    }

    /// <summary>Kind 1, after the fact: even if a bad value got in, no read path may surface a JsonException.</summary>
    [Theory]
    [MemberData(nameof(StoresRows))]
    public async Task Kind1_no_read_path_throws_JsonException_after_a_default_Money_attempt(StoreKind store)
    {
        await using var w = await World.CreateAsync(store);
        try { await w.Chat.Details.UpdateAsync(w.A, w.Owned, w.Alice, new ConversationDetailsUpdate { DealValue = default(Money) }); }
        catch (ArgumentException) { }
        var faults = new List<string>();
        async Task Try(string what, Func<Task> call)
        {
            try { await call(); }
            catch (Exception e) { faults.Add($"{what}: {e.GetType().FullName}: {Probe.Short(e.Message)}"); }
        }
        await Try("GetAsync", async () => await w.Chat.Conversations.GetAsync(w.A, w.Owned));
        await Try("Mine folder", async () => await w.Chat.Inbox.ListAsync(w.A, w.Alice, InboxFolder.Mine));
        await Try("visitor post", async () => await w.Chat.Visitors.PostAsync(w.A, w.Owned, w.OwnedToken, "anyone?"));
        await Try("EndAsync", async () => await w.Chat.Conversations.EndAsync(w.A, w.Owned, w.Alice));
        await Try("Ended folder", async () => await w.Chat.Inbox.ListAsync(w.A, w.Bob, InboxFolder.Ended));
        if (w.Env.Durable)
            await Try("fresh engine GetAsync", async () => await w.Env.OpenFresh().Conversations.GetAsync(w.A, w.Owned));
        Probe.AssertNone(faults, "the conversation was poisoned");
    }

    /// <summary>Kind 2: a driver exception escapes (NUL in a visitor message on PostgreSQL).</summary>
    [Theory]
    [MemberData(nameof(StoresRows))]
    public async Task Kind2_NUL_in_a_visitor_message_never_escapes_as_a_driver_exception(StoreKind store)
    {
        await using var w = await World.CreateAsync(store);
        var faults = new List<string>();
        var o = await Probe.RunAsync(w, async () => await w.Chat.Visitors.PostAsync(w.A, w.Owned, w.OwnedToken, "before\0after", "nul-1"), faults);
        if (o.Accepted)
            await TextCases.VerifyMessage(w, w.Owned, "before\0after", (ChatMessage)o.Result!, faults,
                () => w.Chat.Visitors.PostAsync(w.A, w.Owned, w.OwnedToken, "before\0after", "nul-1").AsTask());
        Probe.AssertNone(faults, $"NUL text on {store} ({o.Signature})");
    }

    /// <summary>Kind 2: the stores behave alike. The in-memory store's answer is the reference for every store.</summary>
    [Fact]
    public async Task Kind2_NUL_text_gets_the_same_answer_on_every_store()
    {
        var answers = new Dictionary<StoreKind, string>();
        foreach (var store in Stores.Available())
        {
            await using var w = await World.CreateAsync(store);
            try { await w.Chat.Visitors.PostAsync(w.A, w.Owned, w.OwnedToken, "before\0after"); answers[store] = "accepted"; }
            catch (Exception e) { answers[store] = e.GetType().FullName!; }
        }
        answers.Values.Should().NotContain(a => a.StartsWith("Npgsql") || a.StartsWith("Microsoft.Data.Sqlite"), $"stores answered {string.Join(", ", answers)}");
        answers.Values.Distinct().Should().HaveCount(1, $"stores answered {string.Join(", ", answers)}");
    }

    /// <summary>Kind 3: invalid UTF-16 silently changed, and the identical retry then refused (breaks C3).</summary>
    [Theory]
    [MemberData(nameof(StoresRows))]
    public async Task Kind3_lone_surrogate_message_is_refused_or_stored_exactly_and_retry_is_idempotent(StoreKind store)
    {
        await using var w = await World.CreateAsync(store);
        const string text = "lone \uD800 x";
        var faults = new List<string>();
        var o = await Probe.RunAsync(w, async () => await w.Chat.Visitors.PostAsync(w.A, w.Owned, w.OwnedToken, text, "surrogate-1"), faults);
        if (o.Accepted)
            await TextCases.VerifyMessage(w, w.Owned, text, (ChatMessage)o.Result!, faults,
                () => w.Chat.Visitors.PostAsync(w.A, w.Owned, w.OwnedToken, text, "surrogate-1").AsTask());
        else if (o.Error is not ArgumentException)
            faults.Add($"refused with {o.Error!.GetType().Name}, not an ArgumentException for bad input");
        Probe.AssertNone(faults, $"lone surrogate message on {store} ({o.Signature})");
    }

    /// <summary>Kind 3: the same for a visitor name.</summary>
    [Theory]
    [MemberData(nameof(StoresRows))]
    public async Task Kind3_lone_surrogate_visitor_name_is_refused_or_stored_exactly(StoreKind store)
    {
        await using var w = await World.CreateAsync(store);
        const string name = "lone \uD800 x";
        StartedConversation started;
        try { started = await w.Chat.Conversations.StartAsync(w.A, new StartConversationRequest { VisitorName = name }); }
        catch (ArgumentException) { return; }
        var read = await w.Chat.Conversations.GetAsync(w.A, started.Conversation.Id);
        World.T(read.VisitorName).Should().Be(World.T(started.Conversation.VisitorName), "the name must read back as acknowledged");
        if (w.Env.Durable)
            World.T((await w.Env.OpenFresh().Conversations.GetAsync(w.A, started.Conversation.Id)).VisitorName)
                .Should().Be(World.T(started.Conversation.VisitorName), "a fresh engine must read the name as acknowledged");
    }
}
