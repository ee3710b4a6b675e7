namespace LiveChat.AspNetCore.Wire;

/// <summary>A change to the details panel; <see langword="null"/> leaves a field as it is. Part of the hub contract: serialized as JSON with camelCase names; immutable.</summary>
/// <param name="DealValue">The deal value's amount; give <paramref name="DealCurrency"/> with it.</param>
/// <param name="DealCurrency">Its ISO 4217 currency.</param>
/// <param name="PersonName">The person.</param>
/// <param name="OrganizationName">The organization.</param>
public sealed record ConversationDetailsChange(
    decimal? DealValue,
    string? DealCurrency,
    string? PersonName,
    string? OrganizationName);
