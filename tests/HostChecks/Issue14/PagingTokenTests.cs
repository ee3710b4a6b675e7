// Kind 4: a paging token is tied to its workspace, folder and reader; it reveals nothing and tampering is detected.
// The docs of InboxService.ListAsync promise an ArgumentException for "a token this inbox did not make".
using System.Text;
using FluentAssertions;
using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Storage;
using Xunit;

namespace LiveChat.Issue14.Checks;

public class PagingTokenTests
{
    public static IEnumerable<object[]> StoresRows() => Stores.All();

    // Rows that fail for a known fault run skipped in KnownFaultTests.
    public static IEnumerable<object[]> FreshEngineRows() => Stores.All().Where(r => !KnownFaults.DurableStore(r));

    private sealed class Paging : IAsyncDisposable
    {
        public World W = null!;
        public string MineToken = null!;
        public string EndedToken = null!;
        public string UnassignedToken = null!;
        public List<long> MineNumbers = new();
        public async ValueTask DisposeAsync() => await W.DisposeAsync();
    }

    private static async Task<Paging> SetUp(StoreKind store)
    {
        var p = new Paging { W = await World.CreateAsync(store) };
        var w = p.W;
        var c = w.Chat;
        // A second conversation in Alice's Mine, a second ended one, a second waiting one.
        var (two, t2) = await c.Conversations.StartAsync(w.A);
        w.Known.Add((w.A, two.Id));
        await c.Conversations.ClaimAsync(w.A, two.Id, w.Alice);
        var (three, _) = await c.Conversations.StartAsync(w.A);
        w.Known.Add((w.A, three.Id));
        await c.Conversations.ClaimAsync(w.A, three.Id, w.Bob);
        await c.Conversations.EndAsync(w.A, three.Id, w.Bob);
        var (four, t4) = await c.Conversations.StartAsync(w.A);
        w.Known.Add((w.A, four.Id));
        await c.Visitors.RequestAgentAsync(w.A, four.Id, t4);
        // Alice of workspace B gets a second conversation too, so her Mine folder has a second page.
        var (five, _) = await c.Conversations.StartAsync(w.B);
        w.Known.Add((w.B, five.Id));
        await c.Conversations.ClaimAsync(w.B, five.Id, w.Alice);

        var mine = await c.Inbox.ListAsync(w.A, w.Alice, InboxFolder.Mine, 1);
        p.MineToken = mine.ContinuationToken ?? throw new InvalidOperationException("Mine folder has no second page");
        p.MineNumbers.AddRange(mine.Items.Select(x => x.Number));
        var ended = await c.Inbox.ListAsync(w.A, w.Alice, InboxFolder.Ended, 1);
        p.EndedToken = ended.ContinuationToken ?? throw new InvalidOperationException("Ended folder has no second page");
        var unassigned = await c.Inbox.ListAsync(w.A, w.Alice, InboxFolder.Unassigned, 1);
        p.UnassignedToken = unassigned.ContinuationToken ?? throw new InvalidOperationException("Unassigned folder has no second page");
        return p;
    }

    private static async Task ExpectRefused(World w, Func<Task<Page<Conversation>>> call, string why)
    {
        Page<Conversation>? page = null;
        Exception? error = null;
        try { page = await call(); }
        catch (Exception e) { error = e; }
        if (error is null)
            throw new Xunit.Sdk.XunitException($"{why}: the token was accepted and returned #{string.Join(", #", page!.Items.Select(x => x.Number))}");
        error.Should().BeAssignableTo<ArgumentException>($"{why}: the docs promise ArgumentException for a token this inbox did not make (got {error.GetType().FullName}: {error.Message})");
    }

    [Theory]
    [MemberData(nameof(StoresRows))]
    public async Task Kind4_Mine_token_is_refused_for_the_Ended_folder(StoreKind store)
    {
        await using var p = await SetUp(store);
        await ExpectRefused(p.W, async () => await p.W.Chat.Inbox.ListAsync(p.W.A, p.W.Alice, InboxFolder.Ended, 1, p.MineToken), "Alice's Mine token in Ended");
    }

    [Theory]
    [MemberData(nameof(StoresRows))]
    public async Task Kind4_Mine_token_is_refused_for_the_Unassigned_folder(StoreKind store)
    {
        await using var p = await SetUp(store);
        await ExpectRefused(p.W, async () => await p.W.Chat.Inbox.ListAsync(p.W.A, p.W.Alice, InboxFolder.Unassigned, 1, p.MineToken), "Alice's Mine token in Unassigned");
    }

    [Theory]
    [MemberData(nameof(StoresRows))]
    public async Task Kind4_Ended_token_is_refused_for_the_Mine_folder(StoreKind store)
    {
        await using var p = await SetUp(store);
        await ExpectRefused(p.W, async () => await p.W.Chat.Inbox.ListAsync(p.W.A, p.W.Alice, InboxFolder.Mine, 1, p.EndedToken), "an Ended token in Mine");
    }

    [Theory]
    [MemberData(nameof(StoresRows))]
    public async Task Kind4_Mine_token_is_refused_for_another_agent(StoreKind store)
    {
        await using var p = await SetUp(store);
        await ExpectRefused(p.W, async () => await p.W.Chat.Inbox.ListAsync(p.W.A, p.W.Bob, InboxFolder.Mine, 1, p.MineToken), "Alice's Mine token used by Bob");
    }

    [Theory]
    [MemberData(nameof(StoresRows))]
    public async Task Kind4_Mine_token_is_refused_in_another_workspace_for_an_agent_with_the_same_id(StoreKind store)
    {
        await using var p = await SetUp(store);
        await ExpectRefused(p.W, async () => await p.W.Chat.Inbox.ListAsync(p.W.B, p.W.Alice, InboxFolder.Mine, 1, p.MineToken), "workspace A's token in workspace B");
    }

    [Theory]
    [MemberData(nameof(StoresRows))]
    public async Task Kind4_Ended_token_is_refused_for_another_reader_of_the_shared_Ended_folder(StoreKind store)
    {
        // The Ended folder is visible to every agent, but the rule says the token names its reader.
        await using var p = await SetUp(store);
        await ExpectRefused(p.W, async () => await p.W.Chat.Inbox.ListAsync(p.W.A, p.W.Bob, InboxFolder.Ended, 1, p.EndedToken), "Alice's Ended token used by Bob");
    }

    [Theory]
    [MemberData(nameof(StoresRows))]
    public async Task Kind4_tampered_tokens_are_detected(StoreKind store)
    {
        await using var p = await SetUp(store);
        var t = p.MineToken;
        var variants = new List<(string, string)>();
        foreach (var i in new[] { 0, t.Length / 3, t.Length / 2, t.Length - 2, t.Length - 1 }.Distinct())
        {
            var flipped = t.ToCharArray();
            flipped[i] = flipped[i] == 'A' ? 'B' : 'A';
            variants.Add(($"char {i} changed", new string(flipped)));
        }
        variants.Add(("truncated", t[..^1]));
        variants.Add(("extended", t + "A"));
        variants.Add(("doubled", t + t));
        variants.Add(("upper-cased", t.ToUpperInvariant()));
        var faults = new List<string>();
        foreach (var (label, v) in variants.Where(v => v.Item2 != t))
        {
            try
            {
                var page = await p.W.Chat.Inbox.ListAsync(p.W.A, p.W.Alice, InboxFolder.Mine, 1, v);
                faults.Add($"{label}: accepted, returned #{string.Join(", #", page.Items.Select(x => x.Number))}");
            }
            catch (ArgumentException) { }
            catch (Exception e) { faults.Add($"{label}: {e.GetType().FullName}: {Probe.Short(e.Message)}"); }
        }
        Probe.AssertNone(faults, "tampered continuation tokens");
    }

    [Theory]
    [MemberData(nameof(StoresRows))]
    public async Task Kind4_garbage_tokens_throw_ArgumentException_only(StoreKind store)
    {
        await using var w = await World.CreateAsync(store);
        var garbage = new[]
        {
            "x", "not-a-token", "AAAA", "====", "%%%", "{}", "null", " ", "\0", "\uD800", "\u202E",
            Convert.ToBase64String(Encoding.UTF8.GetBytes("{\"ws\":\"" + w.B.Value + "\",\"folder\":\"Mine\",\"number\":1}")),
            Convert.ToBase64String(new byte[16]), Convert.ToBase64String(new byte[64]).TrimEnd('='),
            new string('A', 100_000), "-1", "9223372036854775807",
        };
        var faults = new List<string>();
        foreach (var g in garbage)
        {
            try
            {
                var page = await w.Chat.Inbox.ListAsync(w.A, w.Alice, InboxFolder.Mine, 10, g);
                faults.Add($"{World.T(g)}: accepted ({page.Items.Count} item(s))");
            }
            catch (ArgumentException) { }
            catch (Exception e) { faults.Add($"{World.T(g)}: {e.GetType().FullName}: {Probe.Short(e.Message)}"); }
        }
        Probe.AssertNone(faults, "garbage continuation tokens");
    }

    [Theory]
    [MemberData(nameof(StoresRows))]
    public async Task Kind4_a_token_reveals_nothing_when_decoded(StoreKind store)
    {
        await using var p = await SetUp(store);
        var w = p.W;
        var ended = await w.Chat.Inbox.ListAsync(w.A, w.Alice, InboxFolder.Ended, 1);
        var last = ended.Items.Last();
        var ticks = last.EndedAt!.Value.UtcTicks;
        var faults = new List<string>();
        foreach (var (label, token) in new[] { ("Ended", p.EndedToken), ("Mine", p.MineToken) })
        {
            var texts = new List<string> { token };
            var bytes = TryBase64(token);
            if (bytes is not null)
            {
                texts.Add(Encoding.UTF8.GetString(bytes));
                texts.Add(Encoding.Latin1.GetString(bytes));
                if (ContainsBytes(bytes, BitConverter.GetBytes(ticks)) || ContainsBytes(bytes, BitConverter.GetBytes(ticks).Reverse().ToArray()))
                    faults.Add($"{label} token holds the end time's ticks as raw bytes");
            }
            foreach (var t in texts)
            {
                foreach (var secret in new[] { w.A.Value, "alice", ticks.ToString(), "Mine", "Ended", "EndedAtUtcTicks", "Number" })
                    if (t.Contains(secret, StringComparison.OrdinalIgnoreCase))
                        faults.Add($"{label} token reveals {World.T(secret)} when decoded: {World.T(t)}");
            }
        }
        Probe.AssertNone(faults.Distinct().ToList(), "tokens should be opaque");
    }

    [Theory]
    [MemberData(nameof(StoresRows))]
    public async Task Guard_a_token_still_pages_its_own_query_correctly(StoreKind store)
    {
        await using var p = await SetUp(store);
        var page2 = await p.W.Chat.Inbox.ListAsync(p.W.A, p.W.Alice, InboxFolder.Mine, 1, p.MineToken);
        page2.Items.Should().ContainSingle();
        page2.Items.Select(x => x.Number).Should().NotIntersectWith(p.MineNumbers);
        var ended2 = await p.W.Chat.Inbox.ListAsync(p.W.A, p.W.Alice, InboxFolder.Ended, 1, p.EndedToken);
        ended2.Items.Should().ContainSingle();
    }

    [Theory]
    [MemberData(nameof(FreshEngineRows))]
    public async Task Guard_a_token_stays_valid_for_a_fresh_engine_on_the_same_database(StoreKind store)
    {
        // Several host processes share one PostgreSQL database (README): a token made by one must page on another.
        if (store == StoreKind.InMemory) return;
        await using var p = await SetUp(store);
        var fresh = p.W.Env.OpenFresh();
        var page2 = await fresh.Inbox.ListAsync(p.W.A, p.W.Alice, InboxFolder.Mine, 1, p.MineToken);
        page2.Items.Should().ContainSingle();
    }

    private static byte[]? TryBase64(string token)
    {
        var s = token.Replace('-', '+').Replace('_', '/');
        s = s.PadRight(s.Length + (4 - s.Length % 4) % 4, '=');
        try { return Convert.FromBase64String(s); } catch { return null; }
    }

    private static bool ContainsBytes(byte[] hay, byte[] needle)
    {
        for (int i = 0; i + needle.Length <= hay.Length; i++)
            if (hay.AsSpan(i, needle.Length).SequenceEqual(needle)) return true;
        return false;
    }
}
