using System.Text;
using LiveChat.Core;
using LiveChat.Core.Conversations;
using LiveChat.Core.Identity;

namespace LiveChat.Issue12.Checks;

/// <summary>
/// A labelled set of generated cross-channel journeys. Every conversation is made for a known person, so the
/// ground truth (who is who) is known by construction and never asked of the product. The set is deterministic.
/// </summary>
public static class JourneySet
{
    public enum Kind
    {
        CrossChannel, LateIdentifier, RoleAddress, HouseholdPhone, RecycledNumber, Impostor, PhoneFormats,
        BrazilNinthDigit, IdnEmail, Placeholders, GmailAndTypos, Names, JunkField,
    }

    /// <summary>One contact with the product: a conversation of one person, identified in one or more calls.</summary>
    public sealed record Touch(int Person, string Channel, IReadOnlyList<Call> Calls, TimeSpan Before = default);

    /// <summary>One IdentifyAsync call (or a contact form when <see cref="Form"/>).</summary>
    public sealed record Call(string? Handle = null, string? Name = null, string? Email = null, string? Phone = null, bool Form = false)
    {
        /// <summary>Personal keys this call gives exactly (same normalized value by construction): "e:…" or "p:+…".</summary>
        public IReadOnlyList<string> ExactKeys { get; init; } = [];
        /// <summary>Keys given in an equivalent but not identical form (old/new numbering, IDN U-label/A-label).</summary>
        public IReadOnlyList<string> EquivalentKeys { get; init; } = [];
    }

    public sealed record Journey(int Index, Kind Kind, string Workspace, IReadOnlyList<Touch> Touches,
        IReadOnlySet<int> Impostors, IReadOnlySet<int> Victims);

    private static readonly string[] Firsts =
    [
        "Marie", "Jean", "Claire", "Paul", "Léa", "Hugo", "Chloé", "Lucas", "Jana", "Petr", "Tereza", "Tomáš", "Ana",
        "João", "Maria", "Pedro", "Sophie", "Louis", "Emma", "Jakub", "Eva", "Martin", "Zoé", "Noah", "Inès", "Adam",
    ];

    private static readonly string[] Lasts =
    [
        "Dupont", "Martin", "Bernard", "Leroy", "Moreau", "Novák", "Svoboda", "Dvořák", "Souza", "Silva", "Costa",
        "Lefèvre", "Roux", "Fournier", "Černý", "Procházka", "Lima", "Garnier", "Faure", "Blanc",
    ];

    private static readonly string[] Roles =
    [
        "sales", "support", "contact", "info", "hello", "admin", "billing", "office", "team", "help", "orders", "accounts",
    ];

    private static readonly string[] Placeholders = ["null", "n/a", "-", "none", "test@test.com", "N/A", "undefined"];
    private static readonly string[] PhonePlaceholders = ["null", "n/a", "-", "none", "0000000000", "00 00 00 00 00"];
    private static readonly string[] Junk = ["12ab", "call me", "+33 6 12", "☎", "06 12 34 56 78 90 12 34 56", "ext"];

    public static IReadOnlyList<Journey> Generate(int perKind = 30)
    {
        var journeys = new List<Journey>();
        var person = 0;
        var rnd = new Random(20261130);
        int NewPerson() => ++person;

        string Name(int p) => $"{Firsts[p % Firsts.Length]} {Lasts[(p / Firsts.Length + p) % Lasts.Length]}{Suffix(p)}";
        // A unique, letters-only family suffix so no two persons share a full name by accident.
        static string Suffix(int p)
        {
            var sb = new StringBuilder("-");
            for (var x = p; x > 0; x /= 26) sb.Append((char)('a' + x % 26));
            return sb.ToString();
        }
        string First(int p) => Firsts[p % Firsts.Length];
        string Mail(int p) => $"{Ascii(First(p))}.{p}@mail{p % 7}.example";
        // French mobiles 06 2x xx xx xx and 07 …, unique per person.
        string Mobile(int p) => $"+336{20000000 + p * 13:D8}";
        string Landline(int j) => $"+3314{(2000000 + j * 17):D7}";
        string Ascii(string s) => new string(s.Normalize(NormalizationForm.FormD).Where(ch => ch < 128).ToArray()).ToLowerInvariant();
        string LocalFr(string e164) => "0" + e164[3] + " " + string.Join(" ", Enumerable.Range(0, 4).Select(i => e164.Substring(4 + i * 2, 2)));
        string Spaced(string e164) => "+33 " + e164[3] + " " + string.Join(" ", Enumerable.Range(0, 4).Select(i => e164.Substring(4 + i * 2, 2)));
        static string P(string e164) => "p:" + e164;
        static string E(string email) => "e:" + email.Trim().ToLowerInvariant();

        // Renders a French mobile in an unusual but legitimate way, as people type or paste them.
        string Unusual(string e164, int v)
        {
            var local = LocalFr(e164);
            return (v % 8) switch
            {
                0 => local.Replace(' ', '\u00A0'),
                1 => local.Replace(' ', '\u2009'),
                2 => local.Replace(' ', '\u2011'),
                3 => new string(local.Select(ch => char.IsDigit(ch) ? (char)('\u0660' + (ch - '0')) : ch).ToArray()),
                4 => new string(local.Select(ch => char.IsDigit(ch) ? (char)('\u06F0' + (ch - '0')) : ch).ToArray()),
                5 => new string(local.Select(ch => char.IsDigit(ch) ? (char)('\uFF10' + (ch - '0')) : ch).ToArray()),
                6 => Spaced(e164) + " ext. 12",
                _ => e164 + ";ext=3",
            };
        }

        for (var j = 0; j < perKind; j++)
        {
            // 1. Same person across Instagram, web chat and Telegram.
            {
                var p = NewPerson(); var ph = Mobile(p); var em = Mail(p);
                journeys.Add(new Journey(journeys.Count, Kind.CrossChannel, "fr",
                [
                    new(p, "instagram", [new Call($"ig-{p}", Name(p), Phone: LocalFr(ph)) { ExactKeys = [P(ph)] }]),
                    new(p, "webchat", [new Call($"v-{p}", Phone: Spaced(ph), Email: em) { ExactKeys = [P(ph), E(em)] }], TimeSpan.FromDays(4)),
                    new(p, "telegram", [new Call($"tg-{p}", Email: em.ToUpperInvariant()) { ExactKeys = [E(em)] }], TimeSpan.FromDays(2)),
                ], new HashSet<int>(), new HashSet<int>()));
            }
            // 2. Late identifier: the issue's WhatsApp / Instagram / web chat example.
            {
                var p = NewPerson(); var ph = Mobile(p);
                journeys.Add(new Journey(journeys.Count, Kind.LateIdentifier, "fr",
                [
                    new(p, "whatsapp", [new Call(ph[1..], Name(p), Phone: ph) { ExactKeys = [P(ph)] }]),
                    new(p, "instagram", [new Call($"ig-{p}", Name(p)), new Call($"ig-{p}", Phone: LocalFr(ph)) { ExactKeys = [P(ph)] }], TimeSpan.FromHours(3)),
                    new(p, "webchat", [new Call($"v-{p}", Phone: Spaced(ph)) { ExactKeys = [P(ph)] }], TimeSpan.FromDays(1)),
                ], new HashSet<int>(), new HashSet<int>()));
            }
            // 3. Role address: two people of one company type the same role mailbox; companies recur across journeys.
            {
                var a = NewPerson(); var b = NewPerson();
                var role = $"{Roles[j % Roles.Length]}@company{j % 5}.example";
                var pa = Mobile(a);
                journeys.Add(new Journey(journeys.Count, Kind.RoleAddress, "fr",
                [
                    new(a, "webchat", [new Call($"v-{a}", Name(a), role, LocalFr(pa)) { ExactKeys = [P(pa)] }]),
                    new(b, "webchat", [new Call($"v-{b}", Name(b), role.ToUpperInvariant())], TimeSpan.FromHours(5)),
                    new(a, "telegram", [new Call($"tg-{a}", Phone: Spaced(pa)) { ExactKeys = [P(pa)] }], TimeSpan.FromDays(1)),
                ], new HashSet<int>(), new HashSet<int>()));
            }
            // 4. Household landline: two people, other first names, own e-mails, one phone.
            {
                var a = NewPerson(); var b = NewPerson();
                while (First(b) == First(a)) b = NewPerson();
                var land = Landline(j); var ea = Mail(a); var eb = Mail(b);
                var bCalls = (j % 3) switch
                {
                    0 => new List<Call> { new($"v-{b}", Name(b), eb, LocalFr(land)) { ExactKeys = [E(eb)] } },
                    1 => [new($"v-{b}", Phone: LocalFr(land)), new($"v-{b}", Name(b), eb) { ExactKeys = [E(eb)] }],
                    _ => [new($"v-{b}", Email: eb) { ExactKeys = [E(eb)] }, new($"v-{b}", Name(b), Phone: Spaced(land))],
                };
                journeys.Add(new Journey(journeys.Count, Kind.HouseholdPhone, "fr",
                [
                    new(a, "webchat", [new Call($"v-{a}", Name(a), ea, Spaced(land)) { ExactKeys = [E(ea)] }]),
                    new(b, "webchat", bCalls, TimeSpan.FromDays(2)),
                    new(a, "instagram", [new Call($"ig-{a}", Email: ea) { ExactKeys = [E(ea)] }], TimeSpan.FromDays(1)),
                ], new HashSet<int>(), new HashSet<int>()));
            }
            // 5. Recycled mobile: the number and its WhatsApp handle pass to a new owner after 400 days.
            {
                var old = NewPerson(); var nu = NewPerson();
                var ph = Mobile(old); var eo = Mail(old);
                var newCalls = (j % 2) == 0
                    ? new List<Call> { new(ph[1..], Name(nu)) }
                    : [new(ph[1..], Name(nu), Phone: LocalFr(ph))];
                journeys.Add(new Journey(journeys.Count, Kind.RecycledNumber, "fr",
                [
                    new(old, "whatsapp", [new Call(ph[1..], Name(old), eo, ph) { ExactKeys = [E(eo)] }]),
                    new(old, "webchat", [new Call($"v-{old}", Email: eo) { ExactKeys = [E(eo)] }], TimeSpan.FromDays(3)),
                    new(nu, "whatsapp", newCalls, TimeSpan.FromDays(400)),
                ], new HashSet<int>(), new HashSet<int> { old }));
            }
            // 6. Impostor: types the victim's e-mail or phone, launders a handle, or uses the contact form.
            {
                var victim = NewPerson(); var imp = NewPerson();
                var vph = Mobile(victim); var vem = Mail(victim);
                var impTouches = (j % 4) switch
                {
                    0 => new List<Touch>
                    {
                        new(imp, "webchat", [new Call($"v-{imp}", Email: vem)], TimeSpan.FromDays(1)),
                        new(imp, "webchat", [new Call($"v-{imp}")], TimeSpan.FromHours(1)),
                    },
                    1 => [new(imp, "webchat", [new Call($"v-{imp}"), new Call(Email: vem, Form: true)], TimeSpan.FromDays(1))],
                    2 => [
                        new(imp, "telegram", [new Call($"tg-{imp}", Phone: LocalFr(vph))], TimeSpan.FromDays(1)),
                        new(imp, "telegram", [new Call($"tg-{imp}")], TimeSpan.FromHours(2)),
                    ],
                    _ => [new(imp, "webchat", [new Call($"v-{imp}", "Mallory", Phone: Spaced(vph), Form: true)], TimeSpan.FromDays(1))],
                };
                journeys.Add(new Journey(journeys.Count, Kind.Impostor, "fr",
                [
                    new(victim, "instagram", [new Call($"ig-{victim}", Name(victim), vem, vph) { ExactKeys = [E(vem), P(vph)] }]),
                    new(victim, "instagram", [new Call($"ig-{victim}")], TimeSpan.FromHours(6)),
                    .. impTouches,
                ], new HashSet<int> { imp }, new HashSet<int> { victim }));
            }
            // 7. Phone formats: the same person types the same line in unusual ways.
            {
                var p = NewPerson(); var ph = Mobile(p); var em = Mail(p);
                journeys.Add(new Journey(journeys.Count, Kind.PhoneFormats, "fr",
                [
                    new(p, "webchat", [new Call($"v-{p}", Name(p), Phone: LocalFr(ph)) { ExactKeys = [P(ph)] }]),
                    new(p, "telegram", [new Call($"tg-{p}", Name(p), Phone: Unusual(ph, j)) { ExactKeys = [P(ph)] }], TimeSpan.FromDays(1)),
                    new(p, "facebook", [new Call($"fb-{p}", Name(p), em, Unusual(ph, j + 3)) { ExactKeys = [P(ph)] }], TimeSpan.FromDays(1)),
                ], new HashSet<int>(), new HashSet<int>()));
            }
            // 8. Brazil's 9th digit, in a Brazilian workspace.
            {
                var p = NewPerson(); var q = NewPerson();
                var eight = $"8{(p * 37 + j) % 10000000:D7}";
                var modern = $"+55719{eight}";
                var landA = $"+55713{eight[1..]}"; // a landline (3…) with the same last digits: another person
                journeys.Add(new Journey(journeys.Count, Kind.BrazilNinthDigit, "br",
                [
                    new(p, "whatsapp", [new Call(modern[1..], Name(p), Phone: $"(71) 9{eight[..4]}-{eight[4..]}") { ExactKeys = [P(modern)] }]),
                    new(p, "webchat", [new Call($"v-{p}", Name(p), Phone: $"(71) {eight[..4]}-{eight[4..]}") { EquivalentKeys = [P(modern)] }], TimeSpan.FromDays(2)),
                    new(p, "instagram", [new Call($"ig-{p}", Phone: $"+55 71 9{eight[..4]} {eight[4..]}") { ExactKeys = [P(modern)] }], TimeSpan.FromDays(2)),
                    new(q, "webchat", [new Call($"v-{q}", Name(q), Phone: $"(71) {landA[5..9]}-{landA[9..]}")], TimeSpan.FromDays(1)),
                ], new HashSet<int>(), new HashSet<int>()));
            }
            // 9. Internationalized e-mail: U-label and A-label of one domain.
            {
                var p = NewPerson();
                var local = $"jana{p}";
                var uni = $"{local}@bücher{j % 4}.example";
                var ace = $"{local}@{new System.Globalization.IdnMapping().GetAscii($"bücher{j % 4}.example")}";
                journeys.Add(new Journey(journeys.Count, Kind.IdnEmail, "fr",
                [
                    new(p, "webchat", [new Call($"v-{p}", Name(p), uni) { ExactKeys = [E(uni)] }]),
                    new(p, "telegram", [new Call($"tg-{p}", Name(p), ace) { EquivalentKeys = [E(uni)] }], TimeSpan.FromDays(1)),
                    new(p, "webchat", [new Call($"v2-{p}", Email: uni, Form: (j % 2) == 0) { ExactKeys = [E(uni)] }], TimeSpan.FromDays(1)),
                ], new HashSet<int>(), new HashSet<int>()));
            }
            // 10. Placeholders typed by two different people, each with a real e-mail elsewhere.
            {
                var a = NewPerson(); var b = NewPerson();
                var ph = Placeholders[j % Placeholders.Length]; var pp = PhonePlaceholders[j % PhonePlaceholders.Length];
                var ea = Mail(a); var eb = Mail(b);
                journeys.Add(new Journey(journeys.Count, Kind.Placeholders, "fr",
                [
                    new(a, "webchat", [new Call($"v-{a}", Name(a), ph, pp)]),
                    new(b, "webchat", [new Call($"v-{b}", Name(b), ph, pp)], TimeSpan.FromHours(2)),
                    new(a, "webchat", [new Call($"v-{a}", Email: ea) { ExactKeys = [E(ea)] }], TimeSpan.FromMinutes(5)),
                    new(a, "telegram", [new Call($"tg-{a}", Email: ea) { ExactKeys = [E(ea)] }], TimeSpan.FromDays(1)),
                    new(b, "instagram", [new Call($"ig-{b}", Name(b), eb) { ExactKeys = [E(eb)] }], TimeSpan.FromDays(1)),
                ], new HashSet<int>(), new HashSet<int>()));
            }
            // 11. Gmail dots and plus tags, and typo'd domains: different people, never folded together.
            {
                var a = NewPerson(); var b = NewPerson(); var c = NewPerson();
                var ga = $"marie.dupont{j}@gmail.com"; var gb = $"mariedupont{j}@gmail.com"; var gc = $"marie.dupont{j}+shop@gmail.com";
                var ta = $"paul{j}@example.fr"; var tb = $"paul{j}@exmaple.fr";
                journeys.Add(new Journey(journeys.Count, Kind.GmailAndTypos, "fr",
                [
                    new(a, "webchat", [new Call($"v-{a}", Name(a), ga, Mobile(a)) { ExactKeys = [E(ga), P(Mobile(a))] }]),
                    new(b, "webchat", [new Call($"v-{b}", Name(b), gb) { ExactKeys = [E(gb)] }], TimeSpan.FromHours(1)),
                    new(c, "webchat", [new Call($"v-{c}", Name(c), gc) { ExactKeys = [E(gc)] }], TimeSpan.FromHours(1)),
                    new(b, "telegram", [new Call($"tg-{b}", Name(b), ta) { ExactKeys = [E(ta)] }], TimeSpan.FromHours(1)),
                    new(c, "telegram", [new Call($"tg-{c}", Name(c), tb) { ExactKeys = [E(tb)] }], TimeSpan.FromHours(1)),
                    new(a, "instagram", [new Call($"ig-{a}", Email: ga.ToUpperInvariant()) { ExactKeys = [E(ga)] }], TimeSpan.FromDays(1)),
                ], new HashSet<int>(), new HashSet<int>()));
            }
            // 12. Names: a nameless contact gets its real name later.
            {
                var p = NewPerson(); var em = Mail(p);
                journeys.Add(new Journey(journeys.Count, Kind.Names, "fr",
                [
                    new(p, "webchat", [new Call($"v-{p}", Email: em) { ExactKeys = [E(em)] }, new Call($"v-{p}", Name(p), Form: (j % 2) == 1)]),
                    new(p, "telegram", [new Call($"tg-{p}", Email: em) { ExactKeys = [E(em)] }], TimeSpan.FromDays(1)),
                ], new HashSet<int>(), new HashSet<int>()));
            }
            // 13. A junk optional field beside valid ones.
            {
                var p = NewPerson(); var em = Mail(p); var junk = Junk[j % Junk.Length];
                journeys.Add(new Journey(journeys.Count, Kind.JunkField, "fr",
                [
                    new(p, "webchat", [new Call($"v-{p}", Name(p), em, junk, Form: (j % 2) == 0) { ExactKeys = [E(em)] }]),
                    new(p, "facebook", [new Call($"fb-{p}", Email: em) { ExactKeys = [E(em)] }], TimeSpan.FromDays(1)),
                ], new HashSet<int>(), new HashSet<int>()));
            }
        }
        _ = rnd;
        return journeys;
    }
}
