namespace LiveChat.Core.Internal;

/// <summary>
/// A service whose timers are due work (the router's recovery, the reply mailer, the bot): its scheduler holds the
/// handlers of its kinds, so that <see cref="Storage.DueWorkSweep"/> can run an item in a process that did not arm it.
/// </summary>
internal interface IDueWorkOwner
{
    /// <summary>The owner's scheduler.</summary>
    DueWorkScheduler DueWork { get; }
}
