namespace LiveChat.AspNetCore.Wire;

/// <summary>The details panel of a conversation (feature C7); agents only. Part of the hub contract: serialized as JSON with camelCase names; immutable.</summary>
/// <param name="ConversationId">The conversation id.</param>
/// <param name="DealValue">The deal value's amount, if set.</param>
/// <param name="DealCurrency">Its ISO 4217 currency.</param>
/// <param name="PersonName">The person.</param>
/// <param name="OrganizationName">The organization.</param>
/// <param name="Qualified">Whether the bot or an agent qualified the visitor.</param>
/// <param name="Tags">Tags.</param>
/// <param name="Notes">Agents' notes.</param>
/// <param name="CreatedResults">Records created from the conversation.</param>
public sealed record ConversationDetailsView(
    string ConversationId,
    decimal? DealValue,
    string? DealCurrency,
    string? PersonName,
    string? OrganizationName,
    bool? Qualified,
    IReadOnlyList<string> Tags,
    IReadOnlyList<WireNote> Notes,
    IReadOnlyList<WireCreatedResult> CreatedResults);
