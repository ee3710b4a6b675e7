namespace LiveChat.AspNetCore.Wire;

/// <summary>A contact form the visitor submitted (features E1, E3, P7). Part of the hub contract: serialized as JSON with camelCase names; immutable.</summary>
/// <param name="Name">The name.</param>
/// <param name="Email">The e-mail address.</param>
/// <param name="Phone">The phone number.</param>
public sealed record VisitorContactForm(
    string? Name,
    string? Email,
    string? Phone);
