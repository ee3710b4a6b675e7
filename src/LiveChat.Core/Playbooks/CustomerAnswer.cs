using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace LiveChat.Core.Playbooks;

/// <summary>
/// Reads the visitor's own words as an answer to the routing question "are you a customer?" (feature P5, seed 004):
/// affirmation and negation words of each supported language, matched as whole tokens, lower-cased, with diacritics
/// folded, so "Ne, ještě nejsem zákazníkem" and "ne jeste nejsem zakaznikem" both say prospect. Thread-safe.
/// </summary>
internal static class CustomerAnswer
{
    private static readonly FrozenDictionary<string, Words> ByLanguage = new Dictionary<string, Words>(StringComparer.Ordinal)
    {
        ["en"] = new(
            Yes: "yes yeah yea yep yup sure absolutely correct indeed definitely y",
            No: "no nope nah not never dont isnt arent havent nor",
            Self: "customer client am im existing already",
            Unsure: "maybe perhaps know idk unsure"),
        ["fr"] = new(
            Yes: "oui ouais ouai si evidemment absolument exact effectivement certainement",
            No: "non nan ne pas jamais aucun aucunement",
            Self: "client cliente clients suis sommes deja",
            Unsure: "sais peut etre"),
        ["cs"] = new(
            Yes: "ano jo jj jasne urcite samozrejme presne",
            No: "ne nejsem nejsme neni nikdy",
            Self: "zakaznik zakaznikem zakaznice zakaznici jsem jsme uz jiz",
            Unsure: "mozna nevim vim"),
        ["de"] = new(
            Yes: "ja jawohl jep jo genau klar naturlich sicher doch",
            No: "nein nee nicht kein keine keiner nie niemals",
            Self: "kunde kundin kunden bin sind schon bereits",
            Unsure: "vielleicht weiss"),
        ["es"] = new(
            Yes: "si claro vale correcto efectivamente exacto",
            No: "no nunca tampoco ningun ninguna",
            Self: "cliente clientes soy somos ya",
            Unsure: "quizas quiza talvez"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>
    /// Customer (<see langword="true"/>), prospect (<see langword="false"/>) or unsure (<see langword="null"/>). The
    /// offered labels count first, whole or by their first word, then words: doubt ("maybe", "I don't know") is unsure,
    /// a negation without a yes-word is a prospect, a yes-word without a negation a customer, both are unsure, and neither is a customer only when the
    /// visitor names themselves one ("I'm a customer", "Ich bin schon Kunde").
    /// </summary>
    /// <param name="language">The playbook's language; English words are understood in every language.</param>
    /// <param name="answer">What the visitor typed.</param>
    /// <param name="yesLabel">The offered customer answer.</param>
    /// <param name="noLabel">The offered prospect answer.</param>
    public static bool? Match(string language, string answer, string yesLabel, string noLabel)
    {
        var tokens = Tokens(answer);
        if (tokens.Count == 0)
        {
            return null;
        }

        List<string> yes = Tokens(yesLabel), no = Tokens(noLabel);
        if (tokens.SequenceEqual(yes) || (tokens.Count == 1 && yes.Count > 0 && tokens[0] == yes[0]))
        {
            return true;
        }

        if (tokens.SequenceEqual(no) || (tokens.Count == 1 && no.Count > 0 && tokens[0] == no[0]))
        {
            return false;
        }

        var own = ByLanguage.GetValueOrDefault(language);
        var english = ByLanguage["en"];
        bool Any(Func<Words, FrozenSet<string>> set) => tokens.Exists(t => set(english).Contains(t) || (own is not null && set(own).Contains(t)));
        if (Any(w => w.UnsureWords))
        {
            return null;
        }

        bool saysYes = Any(w => w.YesWords), saysNo = Any(w => w.NoWords);
        return (saysYes, saysNo) switch
        {
            (true, false) => true,
            (false, true) => false,
            (true, true) => null,
            _ => Any(w => w.SelfWords) ? true : null,
        };
    }

    /// <summary>The answer's words: lower-cased, diacritics folded, split at anything but letters and digits.</summary>
    public static List<string> Tokens(string text)
    {
        var folded = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category != UnicodeCategory.NonSpacingMark)
            {
                // An apostrophe joins a contraction ("don't" → "dont", "I'm" → "im"); other punctuation separates words.
                folded.Append(c is '\'' or '’' ? '\0' : char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ');
            }
        }

        return [.. folded.Replace("\0", string.Empty).ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries)];
    }

    private sealed record Words(string Yes, string No, string Self, string Unsure)
    {
        public FrozenSet<string> UnsureWords { get; } = Unsure.Split(' ').ToFrozenSet(StringComparer.Ordinal);

        public FrozenSet<string> YesWords { get; } = Yes.Split(' ').ToFrozenSet(StringComparer.Ordinal);

        public FrozenSet<string> NoWords { get; } = No.Split(' ').ToFrozenSet(StringComparer.Ordinal);

        public FrozenSet<string> SelfWords { get; } = Self.Split(' ').ToFrozenSet(StringComparer.Ordinal);
    }
}
