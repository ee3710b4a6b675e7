using BenchmarkDotNet.Attributes;
using LiveChat.Core.Conversations;
using LiveChat.Core.Identity;
using LiveChat.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using PhoneNumbers;

namespace LiveChat.Core.Benchmarks;

/// <summary>
/// Identify calls per second on one thread against 1,000,000 contacts (feature I2): a conversation gives a phone number
/// as typed, and chat tracking finds the one contact it belongs to.
/// </summary>
/// <remarks>
/// <para>
/// Each contact holds one French mobile number. Queries cycle through <see cref="Queries"/> numbers typed three ways
/// (<c>06 1x xx xx xx</c>, <c>+33 6 1x…</c>, <c>0033 61x…</c>); one query in eight is not a number at all (too short,
/// or an unknown country code), as real visitors type.
/// </para>
/// <para>
/// <see cref="ParseEveryTime"/> is the naive baseline: libphonenumber parses every query, and throws on the invalid ones,
/// before one dictionary lookup. <see cref="CachedFind"/> is the SDK's lookup: <see cref="ContactIdentifier.TryPhone"/>
/// (parsed once per distinct text, invalid text rejected without an exception) and <see cref="IdentityService.FindAsync"/>.
/// <see cref="IdentifyAsync"/> is the whole public <c>IdentifyAsync</c> of a conversation already attached, the common
/// repeated call, on valid numbers only: an invalid number there is bad input and throws by contract.
/// </para>
/// </remarks>
[MemoryDiagnoser]
[ShortRunJob]
public class IdentifyBenchmarks
{
    public const int Contacts = 1_000_000;
    public const int Queries = 1024;

    private static readonly WorkspaceId Workspace = new("bench");

    private ServiceProvider _provider = null!;
    private LiveChatEngine _engine = null!;
    private Dictionary<string, ContactId> _naiveIndex = null!;
    private PhoneNumberUtil _util = null!;
    private string[] _queries = [];
    private IdentifyRequest[] _requests = [];
    private int _found;

    [GlobalSetup]
    public async Task GlobalSetup()
    {
        var services = new ServiceCollection();
        services.AddLiveChat();
        _provider = services.BuildServiceProvider();
        _engine = _provider.GetRequiredService<LiveChatEngine>();
        _engine.Identity.Configure(Workspace, new IdentitySettings { DefaultRegion = "FR" });
        _util = PhoneNumberUtil.GetInstance();
        PhoneNumberParser.WarmUp();

        // A million contacts appended to the store's identity log, as if chat tracking had created them; the engine
        // replays them on its first call, as after a restart.
        _naiveIndex = new Dictionary<string, ContactId>(Contacts);
        var now = DateTimeOffset.UnixEpoch;
        var entries = new List<IdentityEvent>(2 * Contacts);
        for (var i = 0; i < Contacts; i++)
        {
            var id = new ContactId(new Guid(i, 0, 0, new byte[8]));
            var e164 = E164(i);

            // Stored contacts are loaded, not parsed: the parser's cache is left to the queries being measured.
            var phone = ContactIdentifier.FromTrusted(IdentifierKind.Phone, e164, e164, VerificationLevel.SelfAsserted);
            entries.Add(new ContactCreated(id, null) { Sequence = entries.Count + 1, OccurredAt = now, Actor = "bench", Reason = "seed" });
            entries.Add(new IdentifierLinked(id, new LinkedIdentifier(phone, false, now, null)) { Sequence = entries.Count + 1, OccurredAt = now, Actor = "bench", Reason = "seed" });
            _naiveIndex[phone.Value] = id;
        }

        await _provider.GetRequiredService<IIdentityLogStore>().AppendIdentityEventsAsync(Workspace, entries, []);

        var random = new Random(42);
        _queries = new string[Queries];
        for (var q = 0; q < Queries; q++)
        {
            var digits = E164(random.Next(Contacts))[4..];
            _queries[q] = (q % 8) switch
            {
                7 => q % 16 == 7 ? "123" : "+999 1234 5678",
                var k when k % 3 == 0 => $"0{digits[..1]} {digits[1..3]} {digits[3..5]} {digits[5..7]} {digits[7..]}",
                var k when k % 3 == 1 => $"+33 {digits[..1]} {digits[1..3]} {digits[3..5]} {digits[5..7]} {digits[7..]}",
                _ => $"0033 {digits[..3]} {digits[3..6]} {digits[6..]}",
            };
        }

        // Conversations already resolved once, for the repeated IdentifyAsync call.
        var valid = _queries.Where(q => ContactIdentifier.TryPhone(q, "FR", out _)).ToArray();
        _requests = new IdentifyRequest[Queries];
        for (var r = 0; r < Queries; r++)
        {
            var started = await _engine.Conversations.StartAsync(Workspace);
            _requests[r] = new IdentifyRequest { ConversationId = started.Conversation.Id, Phone = valid[r % valid.Length] };
            await _engine.Identity.IdentifyAsync(Workspace, _requests[r]);
        }
    }

    [GlobalCleanup]
    public void GlobalCleanup() => _provider.Dispose();

    [Benchmark(Baseline = true, OperationsPerInvoke = Queries)]
    public int ParseEveryTime()
    {
        var found = 0;
        foreach (var query in _queries)
        {
            try
            {
                var number = _util.Parse(query, "FR");
                if (_naiveIndex.ContainsKey(_util.Format(number, PhoneNumberFormat.E164)))
                {
                    found++;
                }
            }
            catch (NumberParseException)
            {
            }
        }

        return found;
    }

    [Benchmark(OperationsPerInvoke = Queries)]
    public async Task<int> CachedFind()
    {
        var found = 0;
        foreach (var query in _queries)
        {
            if (ContactIdentifier.TryPhone(query, "FR", out var phone) && await _engine.Identity.FindAsync(Workspace, phone) is not null)
            {
                found++;
            }
        }

        return found;
    }

    [Benchmark(OperationsPerInvoke = Queries)]
    public async Task<int> IdentifyAsync()
    {
        foreach (var request in _requests)
        {
            var result = await _engine.Identity.IdentifyAsync(Workspace, request);
            _found += result.Outcome == IdentifyOutcome.Matched ? 1 : 0;
        }

        return _found;
    }

    private static string E164(int i) => $"+3361{i + 1_000_000:D7}"[..12];
}
