namespace LiveChat.Core.Storage;

/// <summary>
/// A keyset position in an inbox folder: the sort key of the last conversation of the previous page. Pages stay
/// consistent while conversations come and go, unlike offsets. Hosts see it only sealed in an opaque continuation token.
/// </summary>
/// <param name="EndedAtUtcTicks">The last conversation's end time in UTC ticks (the Ended folder's first key), or 0.</param>
/// <param name="Number">The last conversation's number.</param>
public readonly record struct InboxCursor(long EndedAtUtcTicks, long Number);
