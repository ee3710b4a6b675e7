// Rows of these checks that fail against the packages of the current main for a real fault in the product. They are
// not weakened: each theory leaves them out, and KnownFaultTests runs the very same check on them, skipped with the
// fault as the reason. Once a fault is fixed, delete its predicate here and its skipped theory in KnownFaultTests.
namespace LiveChat.Issue14.Checks;

internal static class KnownFaults
{
    public const string ContactDefaultId =
        "Fault: a default ContactId is refused with ContactNotFoundException, not a specific ArgumentException "
        + "(contact.get, contact.correct, contact.erase, contact.merge; every store)";

    public const string UncheckedDefaults =
        "Fault: a default AgentId as IdentitySettings.LeadOwner and a default EmailAddress as EmailSettings.Sender are "
        + "accepted (returned nothing), should have been refused (every store)";

    public const string WorkspaceNameNotExact =
        "Fault: EmailSettings.WorkspaceName with NUL, control characters, CR LF or 100,001 characters is accepted and read "
        + "back changed (e.g. expected \"before\\u0000after\", read \"before after\"); refuse it or store it exactly";

    public const string ChannelHandleSurrogates =
        "Fault: IdentifyRequest.ChannelHandle with a lone or reversed UTF-16 surrogate is accepted, and a fresh engine "
        + "over the same SQLite or PostgreSQL database reads something else";

    public const string TokenNotSharedAcrossEngines =
        "By design, not a fault: continuation tokens are sealed with a per-process key unless LiveChatOptions.PagingKey "
        + "is configured (README, Errors); this check configures none, so a fresh engine refuses the token with "
        + "ArgumentException and the client starts from the first page";

    public static bool ContactDefault(object[] row) =>
        row[1] is "default.contact.get" or "default.contact.correct" or "default.contact.erase" or "default.contact.merge";

    public static bool UncheckedDefault(object[] row) =>
        row[1] is "default.agent.identity.leadOwner" or "default.emailAddress.sender";

    public static bool WorkspaceName(object[] row) =>
        row[1] is "email.configure.workspaceName" && row[2] is "nul" or "control" or "crlf" or "oversized";

    public static bool ChannelHandle(object[] row) =>
        row[0] is StoreKind.Sqlite or StoreKind.PostgreSql
        && row[1] is "identity.identify.channelHandle" && row[2] is "lone-high" or "lone-low" or "reversed-pair";

    public static bool DurableStore(object[] row) => row[0] is StoreKind.Sqlite or StoreKind.PostgreSql;
}
