namespace LiveChat.Core.Identity;

/// <summary>A merge was undone: both contacts are as they were, plus whatever the survivor gained since.</summary>
/// <param name="MergeSequence">The <see cref="IdentityEvent.Sequence"/> of the <see cref="ContactsMerged"/> undone.</param>
/// <param name="Survivor">The contact that had remained.</param>
/// <param name="Absorbed">The contact restored.</param>
public sealed record MergeUndone(long MergeSequence, ContactId Survivor, ContactId Absorbed) : IdentityEvent
{
    /// <inheritdoc />
    public override bool Concerns(ContactId contact) => Survivor == contact || Absorbed == contact;

    internal override IdentityEvent Redact(ErasureScope scope) => this;
}
