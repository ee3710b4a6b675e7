namespace LiveChat.Core;

/// <summary>Maps a <see cref="LiveChatErrorCategory"/> to the HTTP status a web host answers with. Thread-safe.</summary>
public static class LiveChatErrorCategoryExtensions
{
    /// <summary>404, 409, 403, 400 or 503.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined category.</exception>
    public static int ToHttpStatusCode(this LiveChatErrorCategory category) => category switch
    {
        LiveChatErrorCategory.NotFound => 404,
        LiveChatErrorCategory.Conflict => 409,
        LiveChatErrorCategory.Forbidden => 403,
        LiveChatErrorCategory.Invalid => 400,
        LiveChatErrorCategory.Unavailable => 503,
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, "Unknown error category."),
    };
}
