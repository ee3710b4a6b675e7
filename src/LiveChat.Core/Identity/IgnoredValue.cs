namespace LiveChat.Core.Identity;

/// <summary>
/// A value a client typed that identity resolution set aside instead of refusing the whole call (features I1, I6, E1):
/// a placeholder such as <c>n/a</c>, or a contact-form field that is not an address or a phone number. The valid fields
/// of the same call are kept. Immutable.
/// </summary>
/// <param name="Field">Which input it came in: <c>name</c>, <c>email</c> or <c>phone</c>.</param>
/// <param name="Raw">The text exactly as given, so that it can be shown back or corrected.</param>
/// <param name="Reason">Why it was set aside, in English, for logs and agents.</param>
public sealed record IgnoredValue(string Field, string Raw, string Reason);
