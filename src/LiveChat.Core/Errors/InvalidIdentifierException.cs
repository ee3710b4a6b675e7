using LiveChat.Core.Identity;

namespace LiveChat.Core;

/// <summary>An e-mail, phone number or handle could not be used as an identifier (feature I1). Nothing was changed.</summary>
public sealed class InvalidIdentifierException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    public InvalidIdentifierException(IdentifierKind kind, string problem)
        : base($"The {kind} identifier {problem}.")
    {
        Kind = kind;
        Problem = problem;
    }

    /// <summary>What is wrong with it, as the message gives it (such as <c>is empty</c>); carried so the exception can cross processes whole.</summary>
    public string Problem { get; }

    /// <summary>The kind of identifier refused.</summary>
    public IdentifierKind Kind { get; }
}
