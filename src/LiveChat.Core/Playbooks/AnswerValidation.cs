namespace LiveChat.Core.Playbooks;

/// <summary>What a <see cref="FreeTextQuestionCard"/> accepts.</summary>
public enum AnswerValidation
{
    /// <summary>Any text.</summary>
    None = 0,

    /// <summary>An e-mail address.</summary>
    Email = 1,

    /// <summary>A phone number: digits with an optional leading <c>+</c>, spaces, dots, dashes and parentheses; 6 to 15 digits.</summary>
    Phone = 2,

    /// <summary>A number, such as <c>12</c> or <c>12.5</c> (a comma works as the decimal separator too).</summary>
    Number = 3,
}
