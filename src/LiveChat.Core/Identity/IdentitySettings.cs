using System.Collections.Immutable;
using LiveChat.Core.Agents;

namespace LiveChat.Core.Identity;

/// <summary>A workspace's identity and chat-tracking settings (features I1, I2, I4, I6). Immutable.</summary>
public sealed record IdentitySettings
{
    /// <summary>The ISO 3166 region for phone numbers without a country code, such as <c>FR</c>.</summary>
    public string? DefaultRegion { get; init; }

    /// <summary>The secret the host signs its user ids with (see <see cref="HostVerification"/>); none disables host verification.</summary>
    public string? HostSecret { get; init; }

    /// <summary>Switches per channel name (such as <c>instagram</c>); a channel not listed uses <see cref="ChannelTracking.Default"/>.</summary>
    public ImmutableDictionary<string, ChannelTracking> Channels { get; init; } = ImmutableDictionary<string, ChannelTracking>.Empty;

    /// <summary>
    /// The most contacts one identifier value may link; a value shared more widely links no one else (default 3). Chat
    /// tracking never shares a value one contact owns (a contradicted one becomes a suggestion), so only values several
    /// contacts already hold, as logs written before that rule may, reach this limit.
    /// </summary>
    public int MaxContactsPerValue { get; init; } = 3;

    /// <summary>
    /// E-mail local parts that name a role or a shared mailbox, not a person (feature I6): such addresses are kept on the
    /// contact but never match anyone. Compared case-insensitively, ignoring a <c>+tag</c>. The default is RFC 2142's
    /// mailbox names plus the role, team and automated senders common on business sites (<see cref="DefaultRoleMailboxes"/>);
    /// replace the list to change it.
    /// </summary>
    public ImmutableArray<string> RoleMailboxes { get; init; } = DefaultRoleMailboxes;

    /// <summary>
    /// Placeholders typed instead of a value (<c>null</c>, <c>n/a</c>, <c>-</c>, <c>test@test.com</c> …), compared
    /// case-insensitively with the trimmed raw text and with the normalized value. <c>IdentifyAsync</c> and the contact
    /// form report them in <see cref="IdentifyResult.IgnoredValues"/> instead of refusing the call; an identifier built by
    /// hand with such a value is kept on the contact but never matches.
    /// </summary>
    public ImmutableArray<string> BlockedValues { get; init; } = DefaultBlockedValues;

    /// <summary>
    /// How long a phone or channel handle may go unused before it stops proving anything on its own (feature I6): numbers
    /// are recycled to new owners. A dormant value matches at most as typed (no history shown), and contradicting evidence
    /// makes it a suggestion. Default 180 days.
    /// </summary>
    public TimeSpan DormancyPeriod { get; init; } = TimeSpan.FromDays(180);

    /// <summary>The default <see cref="RoleMailboxes"/>.</summary>
    public static ImmutableArray<string> DefaultRoleMailboxes { get; } =
    [
        // RFC 2142 and its common spellings.
        "abuse", "admin", "administrator", "hostmaster", "info", "marketing", "noc", "postmaster", "root", "sales", "security",
        "support", "usenet", "uucp", "webmaster", "www", "ftp", "news", "mailer-daemon",
        // Automated senders and nobody.
        "noreply", "no-reply", "no_reply", "donotreply", "do-not-reply", "do_not_reply", "bounce", "bounces", "nobody",
        "notifications", "notification", "alerts", "mailer", "daemon", "devnull", "null", "anonymous", "test",
        // Departments, teams and shared desks.
        "accounting", "accounts", "billing", "bookings", "booking", "careers", "jobs", "hr", "recruitment", "recruiting",
        "compliance", "legal", "privacy", "dpo", "gdpr", "contact", "contactus", "contact-us", "enquiries", "enquiry",
        "inquiries", "inquiry", "feedback", "hello", "hi", "help", "helpdesk", "service", "services", "customerservice",
        "customer-service", "customercare", "care", "office", "team", "staff", "all", "everyone", "orders", "order",
        "purchasing", "procurement", "invoices", "invoice", "finance", "payments", "press", "media", "pr", "partners",
        "investors", "ir", "reception", "frontdesk", "reservations", "shop", "store", "returns", "shipping", "tech", "it",
        "ops", "operations", "sysadmin", "mail", "email", "newsletter", "subscribe", "unsubscribe", "welcome", "general",
        "admissions", "events", "studio",
        // The same shared desks in the other supported languages (French, Czech, German, Spanish) and Portuguese.
        "bonjour", "accueil", "commercial", "commerciale", "compta", "comptabilite", "facturation", "factures", "direction",
        "secretariat", "recrutement", "emploi", "juridique", "assistance", "ventes", "vente", "devis", "commandes",
        "reservation", "presse", "communication", "partenariats", "sav", "service-client", "serviceclient",
        "obchod", "fakturace", "faktury", "podpora", "kancelar", "ucetni", "ucetnictvi", "objednavky", "recepce", "kariera",
        "nabor", "personalni", "sekretariat", "reklamace", "poptavky", "poptavka", "dotazy", "provoz", "vedeni",
        "kontakt", "vertrieb", "verkauf", "buchhaltung", "rechnung", "rechnungen", "kundenservice", "kundendienst", "buero",
        "zentrale", "empfang", "personal", "bewerbung", "bestellung", "bestellungen", "anfrage", "anfragen", "datenschutz",
        "hola", "contacto", "ventas", "soporte", "facturacion", "contabilidad", "administracion", "atencionalcliente",
        "atencion", "pedidos", "reservas", "empleo", "rrhh", "prensa", "comercial", "informacion",
        "contato", "vendas", "suporte", "atendimento", "financeiro", "faturamento", "rh",
    ];

    /// <summary>The default <see cref="BlockedValues"/>.</summary>
    public static ImmutableArray<string> DefaultBlockedValues { get; } =
    [
        "null", "undefined", "nil", "none", "n/a", "na", "n.a.", "-", "--", "---", ".", "?", "x", "xx", "xxx", "0", "test",
        "testing", "anonymous", "unknown", "nobody", "no", "asdf", "qwerty", "empty", "not provided", "no email", "no phone",
        "test@test.com", "test@example.com", "email@example.com", "example@example.com", "user@example.com", "a@a.com",
        "a@b.com", "abc@abc.com", "no@email.com", "noemail@noemail.com", "none@none.com", "asdf@asdf.com", "x@x.com",
    ];

    /// <summary>The defaults: tracking on everywhere, no region, no host secret, three contacts per value.</summary>
    /// <remarks>Declared after the default lists it is built from: static members are initialized in textual order.</remarks>
    public static IdentitySettings Default { get; } = new();

    /// <summary>
    /// The owner of every lead the SDK creates: by chat tracking, by an agent's "Create lead" and by playbooks (features
    /// C7, I4, I7, P4). When <see langword="null"/>, <see cref="LeadDistributionGroup"/> is used, and without either the
    /// conversation's agent owns the lead.
    /// </summary>
    public AgentId? LeadOwner { get; init; }

    /// <summary>The CRM distribution group whose members take every new lead in turn, when no <see cref="LeadOwner"/> is set.</summary>
    public string? LeadDistributionGroup { get; init; }

    /// <summary>The switches of <paramref name="channel"/>.</summary>
    public ChannelTracking For(string channel) => Channels.TryGetValue(channel, out var tracking) ? tracking : ChannelTracking.Default;
}
