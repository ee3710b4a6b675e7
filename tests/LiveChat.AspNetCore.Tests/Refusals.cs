namespace LiveChat.AspNetCore.Tests;

/// <summary>Reads the hub contract's "code: text" from a client-side error message.</summary>
internal static class Refusals
{
    public static string Refusal(this string message) => HubClient.Refusal(message);
}
