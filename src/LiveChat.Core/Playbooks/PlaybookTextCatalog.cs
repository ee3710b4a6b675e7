using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Collections.Immutable;

namespace LiveChat.Core.Playbooks;

/// <summary>
/// The bot's system texts in English, French, Czech, German and Spanish (feature P2); the host overrides any of them
/// with <see cref="Set"/>.
/// </summary>
/// <remarks>
/// Where Intercom's routing question speaks English only, every text here exists in every supported language. Overrides
/// apply to the whole engine, from the next message on. Thread-safe.
/// </remarks>
public sealed class PlaybookTextCatalog
{
    private static readonly FrozenDictionary<string, string[]> BuiltIn = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["en"] =
        [
            "Are you already a customer?", "Yes, I'm a customer", "No, not yet",
            "Introduce yourself so we can get back to you: your name, then your e-mail and phone.", "Thank you, we have your details.",
            "Would you like a copy of this conversation by e-mail?", "Please pick one of the options:",
            "That does not look like an e-mail address. Could you check it?", "That does not look like a phone number. Could you check it?",
            "Please answer with a number.", "Please fill in the form above so we can reach you.", "Connecting you with an agent.",
            "No agent is available right now. Leave us your details and we will get back to you.",
            "You can reach our team at {0}.", "You will find help at {0}.", "You can call us at {0}.",
        ],
        ["fr"] =
        [
            "Êtes-vous déjà client ?", "Oui, je suis client", "Non, pas encore",
            "Présentez-vous pour que nous puissions vous recontacter : votre nom, puis votre e-mail et votre téléphone.", "Merci, nous avons bien vos coordonnées.",
            "Souhaitez-vous recevoir une copie de cette conversation par e-mail ?", "Veuillez choisir l'une des options :",
            "Cela ne ressemble pas à une adresse e-mail. Pouvez-vous vérifier ?", "Cela ne ressemble pas à un numéro de téléphone. Pouvez-vous vérifier ?",
            "Veuillez répondre par un nombre.", "Veuillez remplir le formulaire ci-dessus pour que nous puissions vous joindre.", "Nous vous mettons en relation avec un conseiller.",
            "Aucun conseiller n'est disponible pour le moment. Laissez-nous vos coordonnées et nous reviendrons vers vous.",
            "Vous pouvez joindre notre équipe à {0}.", "Vous trouverez de l'aide sur {0}.", "Vous pouvez nous appeler au {0}.",
        ],
        ["cs"] =
        [
            "Jste již naším zákazníkem?", "Ano, jsem zákazník", "Ne, zatím ne",
            "Představte se, abychom se vám mohli ozvat: vaše jméno, potom e-mail a telefon.", "Děkujeme, vaše údaje máme.",
            "Chcete poslat kopii této konverzace e-mailem?", "Vyberte prosím jednu z možností:",
            "To nevypadá jako e-mailová adresa. Můžete ji zkontrolovat?", "To nevypadá jako telefonní číslo. Můžete ho zkontrolovat?",
            "Odpovězte prosím číslem.", "Vyplňte prosím formulář výše, abychom vás mohli kontaktovat.", "Spojujeme vás s operátorem.",
            "Právě teď není k dispozici žádný operátor. Zanechte nám své údaje a ozveme se vám.",
            "Náš tým zastihnete na {0}.", "Pomoc najdete na {0}.", "Zavolejte nám na {0}.",
        ],
        ["de"] =
        [
            "Sind Sie bereits Kunde?", "Ja, ich bin Kunde", "Nein, noch nicht",
            "Stellen Sie sich vor, damit wir uns bei Ihnen melden können: Ihr Name, dann Ihre E-Mail und Telefonnummer.", "Danke, wir haben Ihre Angaben erhalten.",
            "Möchten Sie eine Kopie dieses Gesprächs per E-Mail erhalten?", "Bitte wählen Sie eine der Optionen:",
            "Das sieht nicht wie eine E-Mail-Adresse aus. Können Sie sie prüfen?", "Das sieht nicht wie eine Telefonnummer aus. Können Sie sie prüfen?",
            "Bitte antworten Sie mit einer Zahl.", "Bitte füllen Sie das Formular oben aus, damit wir Sie erreichen können.", "Wir verbinden Sie mit einem Mitarbeiter.",
            "Gerade ist kein Mitarbeiter verfügbar. Hinterlassen Sie uns Ihre Kontaktdaten, wir melden uns bei Ihnen.",
            "Sie erreichen unser Team unter {0}.", "Hilfe finden Sie unter {0}.", "Rufen Sie uns an: {0}.",
        ],
        ["es"] =
        [
            "¿Ya es usted cliente?", "Sí, soy cliente", "No, todavía no",
            "Preséntese para que podamos contactarle: su nombre y luego su correo electrónico y teléfono.", "Gracias, ya tenemos sus datos.",
            "¿Desea recibir una copia de esta conversación por correo electrónico?", "Elija una de las opciones:",
            "Eso no parece una dirección de correo electrónico. ¿Puede comprobarla?", "Eso no parece un número de teléfono. ¿Puede comprobarlo?",
            "Responda con un número, por favor.", "Rellene el formulario de arriba para que podamos contactarle.", "Le estamos conectando con un agente.",
            "No hay ningún agente disponible en este momento. Déjenos sus datos y le responderemos.",
            "Puede escribir a nuestro equipo a {0}.", "Encontrará ayuda en {0}.", "Puede llamarnos al {0}.",
        ],
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private readonly ConcurrentDictionary<(string Language, SystemText Key), string> _overrides = new();

    /// <summary>The supported languages: <c>en</c>, <c>fr</c>, <c>cs</c>, <c>de</c> and <c>es</c>.</summary>
    public static ImmutableArray<string> SupportedLanguages { get; } = ["en", "fr", "cs", "de", "es"];

    /// <summary>Whether <paramref name="language"/> is one of <see cref="SupportedLanguages"/>.</summary>
    public static bool IsSupported(string? language) => language is not null && BuiltIn.ContainsKey(language);

    /// <summary>The text for <paramref name="key"/> in <paramref name="language"/>: the host's override, else the built-in one.</summary>
    /// <exception cref="ArgumentException">The language is not supported.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An undefined key.</exception>
    public string Get(string language, SystemText key)
    {
        var texts = Texts(language);
        Check(key);
        return _overrides.TryGetValue((language, key), out var text) ? text : texts[(int)key];
    }

    /// <summary>Replaces the built-in text for <paramref name="key"/> in <paramref name="language"/>.</summary>
    /// <exception cref="ArgumentException">The language is not supported, or the text is empty or longer than 2,000 characters.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An undefined key.</exception>
    public void Set(string language, SystemText key, string text)
    {
        Texts(language);
        Check(key);
        Internal.Guard.NotNullOrWhiteSpace(text, PlaybookValidator.MaxTextLength);
        _overrides[(language, key)] = text;
    }

    /// <summary>Goes back to the built-in text for <paramref name="key"/> in <paramref name="language"/>.</summary>
    /// <exception cref="ArgumentException">The language is not supported.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An undefined key.</exception>
    public void Reset(string language, SystemText key)
    {
        Texts(language);
        Check(key);
        _overrides.TryRemove((language, key), out _);
    }

    private static string[] Texts(string language)
    {
        ArgumentNullException.ThrowIfNull(language);
        return BuiltIn.TryGetValue(language, out var texts)
            ? texts
            : throw new ArgumentException($"The language '{language}' is not supported; use one of {string.Join(", ", SupportedLanguages)}.", nameof(language));
    }

    private static void Check(SystemText key)
    {
        if (!Enum.IsDefined(key))
        {
            throw new ArgumentOutOfRangeException(nameof(key), key, "Unknown system text.");
        }
    }
}
