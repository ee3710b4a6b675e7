using CsCheck;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Routing;
using LiveChat.Core.Storage;

namespace LiveChat.Core.Testing.Storage;

/// <summary>
/// CsCheck generators of every shape a store keeps: conversations with every nested part, messages and agents, filled
/// with the text the SDK accepts (any valid UTF-16 without NUL: other scripts, surrogate pairs, CR/LF, tabs and other
/// control characters, bidi overrides, markup, quotes and backslashes). Times are whole seconds in UTC, as elsewhere in
/// the suite.
/// </summary>
public static class StoredShapes
{
    private static readonly DateTimeOffset Epoch = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    private static readonly string[] Pieces =
    [
        "a", "Z", "0", " ", "é", "ß", "Ж", "中文", "日本", "ا", "🙂", "👩‍💻", "𝄞", "\r\n", "\n", "\t", "\u0001", "\u007F", "\u202E", "\u200F",
        "\uFEFF", "\uFFFD", "<b>", "</script>", "&amp;", "\"", "'", "\\", "{", "}", "$", "%s", "--", ";", "`", "\u00A0", "\u2028",
    ];

    /// <summary>Storable text of 1 to <paramref name="maxPieces"/> pieces that is not only white space.</summary>
    public static Gen<string> Text(int maxPieces = 12)
        => Gen.OneOf(Pieces).Array[1, maxPieces].Select(p => "x" + string.Concat(p));

    /// <summary>A whole-second UTC time within a year of the suite's clock.</summary>
    public static Gen<DateTimeOffset> Time { get; } = Gen.Int[0, 365 * 24 * 3600].Select(s => Epoch.AddSeconds(s));

    /// <summary>An agent id of storable text, up to the longest allowed.</summary>
    public static Gen<AgentId> AgentIds { get; } = Gen.OneOf<string>(Text(6), Gen.Const(new string('a', AgentId.MaxLength))).Select(t => new AgentId(t));

    /// <summary>A team id of storable text.</summary>
    public static Gen<TeamId> TeamIds { get; } = Text(4).Select(t => new TeamId(t));

    /// <summary>An amount: zero, cents, or large, in a currency.</summary>
    public static Gen<Money> Money { get; } = Gen.Select(
        Gen.OneOf(Gen.Const(0m), Gen.Long[0, 10_000_000_000].Select(c => c / 100m)), Gen.OneOf("EUR", "usd", "CZK"), (a, c) => new Money(a, c));

    private static Gen<RoutingOffer> Offers { get; } = Gen.Select(
        AgentIds, Gen.Long[1, long.MaxValue], Time, Gen.Int[1, 600], (a, token, at, lease) => new RoutingOffer(a, token, at, at.AddSeconds(lease)));

    private static Gen<RoutingTarget> Targets { get; } = Gen.OneOf(
        Gen.Const(RoutingTarget.Workspace),
        TeamIds.Select(RoutingTarget.ToTeam),
        Gen.Select(AgentIds, TeamIds.Nullable()).Select((a, fallback) => RoutingTarget.ToAgent(a, fallback)));

    private static Gen<ConversationDetails> Details { get; } = Gen.Select(
        Money.Nullable(),
        Text().Null(),
        Text().Null(),
        Gen.Select(AgentIds, Text(30), Time, (a, t, at) => new ConversationNote(a, t, at)).Array[0, 3],
        Gen.Bool.Nullable(),
        Text(3).Array[0, 4],
        (money, person, organization, notes, qualified, tags) => new ConversationDetails
        {
            DealValue = money,
            PersonName = person,
            OrganizationName = organization,
            Notes = [.. notes],
            Qualified = qualified,
            Tags = [.. tags.Distinct(StringComparer.Ordinal)],
        });

    /// <summary>What a commit may change on a stored conversation: every nested part, filled with generated values.</summary>
    public static Gen<Func<Conversation, Conversation>> Changes { get; } = Gen.Select(
        Details,
        Gen.Select(Gen.Enum<SenderKind>(), Text(), AgentIds.Nullable(), Time, (k, n, a, at) => new Participant(k, n, a, at)).Array[0, 3],
        Gen.Select(Gen.Enum<CreatedResultKind>(), Text(4), Text(), AgentIds, Time, (k, id, title, by, at) => new CreatedResult(k, id, title, by, at)).Array[0, 3],
        Gen.Select(Targets, Time, Offers.Null(), Offers.Null(), (t, at, o, p) => new RoutingTicket(t, at, o, p)).Null(),
        Gen.Select(Text(), Text(), Gen.OneOf(ConversationState.BotFlow, ConversationState.Unassigned, ConversationState.Offline)),
        Func<Conversation, Conversation> (details, participants, results, routing, names) => c => c with
            {
                Details = details,
                Participants = c.Participants.AddRange(participants),
                CreatedResults = [.. results],
                Routing = routing,
                VisitorName = names.Item1,
                CounterpartName = names.Item2,
                State = names.Item3,
            });

    /// <summary>A message from a visitor, the bot or the system, with or without a client message id.</summary>
    public static Gen<MessageDraft> Drafts(DateTimeOffset sentAt) => Gen.Select(
        Gen.OneOf(SenderKind.Visitor, SenderKind.Bot, SenderKind.System), Text(), Text(40), Gen.Guid.Nullable(),
        (kind, name, text, clientId) => new MessageDraft(
            new MessageSender(kind, name), text, kind == SenderKind.System ? null : clientId?.ToString("N"),
            kind == SenderKind.System ? SystemEvent.Queued : SystemEvent.None, sentAt));

    /// <summary>An agent registration with a generated name and capacity, in no team.</summary>
    public static Gen<AgentRegistration> Registrations { get; } = Gen.Select(
        AgentIds, Text(), Gen.Int[1, 1000], (id, name, capacity) => new AgentRegistration(id, name, capacity));
}
