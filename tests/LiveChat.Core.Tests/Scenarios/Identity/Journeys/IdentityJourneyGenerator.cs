using System.Globalization;
using PhoneNumbers;

namespace LiveChat.Core.Tests.Scenarios.Identity.Journeys;

/// <summary>
/// Builds labelled journeys from a seed, covering every fault kind of issue 12. Ground truth comes from construction
/// (who each conversation is, which values are personal), never from the product.
/// </summary>
internal sealed class IdentityJourneyGenerator(int seed)
{
    private static readonly string[] Regions = ["FR", "DE", "US", "GB", "BR", "IN", "ES", "IT"];
    private static readonly string[] FirstNames = ["Marie", "Jonas", "Aisha", "Pedro", "Yuki", "Liam", "Sofia", "Omar", "Chloé", "Ivan", "Priya", "Noah", "Léa", "Mateus", "Hana", "Ethan"];
    private static readonly string[] Messaging = ["whatsapp", "instagram", "telegram", "facebook"];
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();
    private readonly Random _random = new(seed);
    private int _people;

    public IReadOnlyList<IdentityJourney> Generate(int perKind)
    {
        var makers = new (string Kind, Func<IdentityJourney> Make)[]
        {
            ("trust-laundering", Laundering), ("impostor", Impostor), ("late-identifier", Late), ("role-address", Role),
            ("household-phone", Household), ("recycled-number", Recycled), ("phone-formats", Formats), ("brazil-9th-digit", Brazil),
            ("idn-email", Idn), ("placeholder", Placeholder), ("unnamed-then-named", Names), ("channel-switch", Switcher),
            ("gmail-and-typos", GmailAndTypos),
        };
        return [.. makers.SelectMany(m => Enumerable.Range(0, perKind).Select(_ => m.Make()))];
    }

    private IdentityJourney Laundering()
    {
        var (v, i) = (Person(), Person());
        var email = Email(v, "example.fr");
        return new("trust-laundering", "FR",
        [
            new(v, "webchat", $"v-{v}", [new(Name(v), email, null, Key(v, "email"))], TimeSpan.Zero),
            new(i, "webchat", $"v-{i}", [new(null, email, null)], Hours(), Impostor: true),
            new(i, "webchat", $"v-{i}", [new(null, null, null)], Hours()),
            new(v, "webchat", $"v-{v}", [new(null, email, null, Key(v, "email"))], Hours()),
        ]);
    }

    private IdentityJourney Impostor()
    {
        var region = Pick(Regions);
        var (v, i) = (Person(), Person());
        var (email, phone) = (Email(v, "mail.example"), Phone(region, v));
        var channel = Pick(Messaging);
        return new("impostor", region,
        [
            new(v, channel, $"{channel}-{v}", [new(Name(v), email, Format(phone, region), Key(v, "email"), Key(v, "phone"))], TimeSpan.Zero),
            new(i, "webchat", $"v-{i}", [new(Name(i), email, null)], Hours(), Impostor: true),
            new(i, "webchat", $"v-{i}", [new(Name(i), null, Format(phone, region))], Hours(), Impostor: true),
            new(i, channel, $"{channel}-{i}", [new(Name(i), email, Format(phone, region))], Hours(), Impostor: true),
            new(v, channel, $"{channel}-{v}", [new(null, null, null)], Hours()),
        ]);
    }

    private IdentityJourney Late()
    {
        var region = Pick(Regions);
        var p = Person();
        var phone = Phone(region, p);
        return new("late-identifier", region,
        [
            new(p, "whatsapp", $"wa-{p}", [new(Name(p), null, Format(phone, region), Key(p, "phone"))], TimeSpan.Zero),
            new(p, "instagram", $"ig-{p}", [new(Name(p), null, null), new(null, null, Format(phone, region), Key(p, "phone"))], Hours()),
            new(p, "webchat", $"v-{p}", [new(null, null, Format(phone, region), Key(p, "phone"))], Hours()),
            new(p, "instagram", $"ig-{p}", [new(null, null, Format(phone, region), Key(p, "phone"))], Hours()),
        ]);
    }

    private IdentityJourney Role()
    {
        var company = $"co{_random.Next(1_000_000)}.example";
        var role = Pick(new[] { "sales", "info", "support", "contact", "hello", "billing", "office", "team" });
        var people = Enumerable.Range(0, 3).Select(_ => Person()).ToArray();
        var visits = new List<JourneyVisit>();
        foreach (var p in people.Concat(people))
        {
            var personal = _random.Next(2) == 0;
            visits.Add(new(p, "webchat", null, [personal
                ? new(Name(p), Email(p, company), null, Key(p, "email"))
                : new(Name(p), $"{role}@{company}", null)], Hours()));
            visits.Add(new(p, "webchat", null, [new(null, $"{Capitalized(role)}@{company}", null), new(null, Email(p, company), null, Key(p, "email"))], Hours()));
        }

        return new("role-address", "US", visits);
    }

    private IdentityJourney Household()
    {
        var region = Pick(Regions);
        var (a, b) = (Person(), Person());
        var landline = Phone(region, a, PhoneNumberType.FIXED_LINE);
        var visits = new List<JourneyVisit>();
        foreach (var p in Shuffle([a, b, a, b, a]))
        {
            visits.Add(new(p, "webchat", null, [_random.Next(2) == 0
                ? new(Name(p), Email(p, "home.example"), Format(landline, region), Key(p, "email"))
                : new(Name(p), null, Format(landline, region))], Hours()));
        }

        return new("household-phone", region, visits);
    }

    private IdentityJourney Recycled()
    {
        var region = Pick(Regions);
        var (old, next) = (Person(), Person());
        var number = Phone(region, old);
        var handle = number.Replace(" ", string.Empty, StringComparison.Ordinal);
        return new("recycled-number", region,
        [
            new(old, "whatsapp", handle, [new(Name(old), Email(old, "old.example"), Format(number, region), Key(old, "email"))], TimeSpan.Zero),
            new(old, "webchat", null, [new(Name(old), Email(old, "old.example"), null, Key(old, "email"))], Hours()),
            new(next, "whatsapp", handle, [new(Name(next), null, null)], TimeSpan.FromDays(200 + _random.Next(300))),
            new(next, "whatsapp", handle, [new(Name(next), Email(next, "new.example"), null, Key(next, "email"))], Hours()),
            new(next, "webchat", null, [new(Name(next), Email(next, "new.example"), null, Key(next, "email"))], Hours()),
        ]);
    }

    private IdentityJourney Formats()
    {
        var region = Pick(Regions);
        var p = Person();
        var phone = Phone(region, p);
        var visits = Enumerable.Range(0, 4).Select(k => new JourneyVisit(p, k == 0 ? "webchat" : Pick(Messaging.Append("webchat").ToArray()), null,
            [new(k == 0 ? Name(p) : null, null, Format(phone, region), Key(p, "phone"))], Hours())).ToList();
        return new("phone-formats", region, visits);
    }

    private IdentityJourney Brazil()
    {
        var p = Person();
        var subscriber = string.Create(CultureInfo.InvariantCulture, $"{_random.Next(6, 10)}{_random.Next(100, 1000)}-{_random.Next(1000, 10000)}");
        var area = Pick(new[] { "11", "21", "31", "71", "81", "85" });
        string[] forms = [$"({area}) {subscriber}", $"({area}) 9{subscriber}", $"+55 {area} 9{subscriber}", $"{area}{subscriber.Replace("-", string.Empty, StringComparison.Ordinal)}"];
        return new("brazil-9th-digit", "BR", [.. Shuffle(forms).Select((f, k) => new JourneyVisit(p, "webchat", null, [new(k == 0 ? Name(p) : null, null, f, Key(p, "phone"))], Hours()))]);
    }

    private IdentityJourney Idn()
    {
        var p = Person();
        var domain = Pick(new[] { ("bücher", "xn--bcher-kva"), ("müller", "xn--mller-kva"), ("café", "xn--caf-dma"), ("españa", "xn--espaa-rta") });
        var local = $"u{p}";
        return new("idn-email", "DE",
        [
            new(p, "webchat", null, [new(Name(p), $"{local}@{domain.Item1}.example", null, Key(p, "email"))], TimeSpan.Zero),
            new(p, "telegram", $"tg-{p}", [new(null, $"{local}@{domain.Item2}.example", null, Key(p, "email"))], Hours()),
            new(p, "webchat", null, [new(null, $"{local.ToUpperInvariant()}@{domain.Item1.ToUpperInvariant()}.example", null, Key(p, "email"))], Hours()),
        ]);
    }

    private IdentityJourney Placeholder()
    {
        var junk = new[] { "null", "n/a", "-", "none", "test@test.com", "N/A", "undefined", "asdf" };
        var (a, b) = (Person(), Person());
        return new("placeholder", "FR",
        [
            new(a, "webchat", null, [new(Name(a), Pick(junk), Pick(junk))], TimeSpan.Zero),
            new(b, "webchat", null, [new(Name(b), Pick(junk), Pick(junk))], Hours()),
            new(a, "webchat", null, [new(Pick(junk), Email(a, "mail.example"), Pick(junk), Key(a, "email"))], Hours()),
            new(b, "webchat", null, [new(Name(b), Email(b, "mail.example"), null, Key(b, "email"))], Hours()),
            new(a, "webchat", null, [new(null, Email(a, "mail.example"), null, Key(a, "email"))], Hours()),
        ]);
    }

    private IdentityJourney Names()
    {
        var p = Person();
        return new("unnamed-then-named", "FR",
        [
            new(p, "webchat", null, [new(null, Email(p, "mail.example"), null, Key(p, "email")), new(Name(p), Email(p, "mail.example"), null, Key(p, "email"))], TimeSpan.Zero),
            new(p, "facebook", $"fb-{p}", [new(Name(p), Email(p, "mail.example"), null, Key(p, "email"))], Hours()),
        ]);
    }

    private IdentityJourney Switcher()
    {
        var region = Pick(Regions);
        var p = Person();
        var (email, phone) = (Email(p, "mail.example"), Phone(region, p));
        return new("channel-switch", region,
        [
            new(p, "webchat", $"v-{p}", [new(Name(p), email, null, Key(p, "email"))], TimeSpan.Zero),
            new(p, "telegram", $"tg-{p}", [new(null, email, Format(phone, region), Key(p, "email"), Key(p, "phone"))], Hours()),
            new(p, "facebook", $"fb-{p}", [new(Name(p), null, Format(phone, region), Key(p, "phone"))], Hours()),
            new(p, "telegram", $"tg-{p}", [new(null, null, null)], Hours()),
        ]);
    }

    private IdentityJourney GmailAndTypos()
    {
        var (a, b) = (Person(), Person());
        return new("gmail-and-typos", "US",
        [
            new(a, "webchat", null, [new(Name(a), $"jo.doe{a}@gmail.com", null, Key(a, "email"))], TimeSpan.Zero),
            new(a, "webchat", null, [new(null, $"jodoe{a}+shop@gmail.com", null)], Hours()),
            new(b, "webchat", null, [new(Name(b), $"jodoe{a}@gmial.com", null)], Hours()),
            new(a, "webchat", null, [new(null, $"Jo.Doe{a}@Gmail.com", null, Key(a, "email"))], Hours()),
        ]);
    }

    private int Person() => ++_people;

    private static string Key(int person, string what) => $"p{person}:{what}";

    private static string Name(int person) => $"{FirstNames[person % FirstNames.Length]} N{person}";

    private static string Email(int person, string domain) => $"person{person}@{domain}";

    private static string Capitalized(string text) => char.ToUpperInvariant(text[0]) + text[1..];

    private TimeSpan Hours() => TimeSpan.FromHours(1 + _random.Next(72));

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private T[] Shuffle<T>(T[] items)
    {
        _random.Shuffle(items);
        return items;
    }

    /// <summary>A valid number of <paramref name="region"/>, unique to <paramref name="person"/>, in international format.</summary>
    private static string Phone(string region, int person, PhoneNumberType type = PhoneNumberType.MOBILE)
    {
        var example = Util.GetExampleNumberForType(region, type) ?? Util.GetExampleNumber(region);
        var national = example.NationalNumber.ToString(CultureInfo.InvariantCulture);
        for (var attempt = 0; attempt < 10_000; attempt++)
        {
            var tail = ((person * 7919) + attempt).ToString(CultureInfo.InvariantCulture).PadLeft(5, '0')[^5..];
            var candidate = new PhoneNumber.Builder().MergeFrom(example)
                .SetNationalNumber(ulong.Parse(national[..^5] + tail, CultureInfo.InvariantCulture)).Build();
            if (Util.IsValidNumber(candidate))
            {
                return Util.Format(candidate, PhoneNumberFormat.INTERNATIONAL);
            }
        }

        throw new InvalidOperationException($"No valid {type} number for person {person} in {region}.");
    }

    /// <summary>The same number as a person might type it: national, international, with the international prefix, no-break spaces, Unicode digits, extension.</summary>
    private string Format(string international, string region)
    {
        var number = Util.Parse(international, region);
        var national = Util.Format(number, PhoneNumberFormat.NATIONAL);
        return _random.Next(9) switch
        {
            0 => national,
            1 => international,
            2 => region switch { "US" => "011 ", "BR" => "0021 ", _ => "00" } + international[1..],
            3 => international.Replace(' ', '\u00A0'),
            4 => international.Replace(' ', '\u2011'),
            5 => Digits(international, '\u0660'),
            6 => Digits(national, '\uFF10'),
            7 => international + " ext. " + _random.Next(1, 999).ToString(CultureInfo.InvariantCulture),
            _ => Util.Format(number, PhoneNumberFormat.E164),
        };
    }

    private static string Digits(string text, char zero) => string.Concat(text.Select(c => char.IsAsciiDigit(c) ? (char)(zero + (c - '0')) : c));
}
