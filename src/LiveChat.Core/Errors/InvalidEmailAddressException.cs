namespace LiveChat.Core;

/// <summary>An e-mail address is malformed (features E1–E4). Nothing was changed.</summary>
public sealed class InvalidEmailAddressException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    public InvalidEmailAddressException(string? address, string problem, string? paramName = null)
        : base($"The e-mail address {Quote(address)} {problem}.", paramName)
    {
        Address = address;
        Problem = problem;
    }

    /// <summary>The address as it was given.</summary>
    public string? Address { get; }

    /// <summary>What is wrong with the address, as the message words it ("has no '@'").</summary>
    public string Problem { get; }

    // Only a short prefix is echoed, so a hostile value cannot flood logs.
    private static string Quote(string? address) => address is null ? "(null)" : $"\"{(address.Length > 80 ? address[..80] + "…" : address)}\"";
}
