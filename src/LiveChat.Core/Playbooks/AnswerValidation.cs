namespace LiveChat.Core.Playbooks;

/// <summary>What a <see cref="FreeTextQuestionCard"/> accepts.</summary>
public enum AnswerValidation
{
    /// <summary>Any text.</summary>
    None = 0,

    /// <summary>An e-mail address; it goes through identity resolution, like the contact form's (seed 000, feature P4).</summary>
    Email = 1,

    /// <summary>A phone number: digits with an optional leading <c>+</c>, spaces, dots, dashes and parentheses; 6 to 15 digits. It goes through identity resolution, like the contact form's (seed 000, feature P4).</summary>
    Phone = 2,

    /// <summary>A number, such as <c>12</c> or <c>12.5</c> (a comma works as the decimal separator too).</summary>
    Number = 3,

    /// <summary>
    /// The visitor's name: up to 200 characters with at least one letter. Like <see cref="Email"/> and <see cref="Phone"/>
    /// answers, it goes through identity resolution and lands on the contact and its CRM record (seed 000, feature P4).
    /// </summary>
    Name = 4,
}
