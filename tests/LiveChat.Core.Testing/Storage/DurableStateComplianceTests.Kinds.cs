using FluentAssertions;
using LiveChat.Core.Storage;
using Xunit;

namespace LiveChat.Core.Testing.Storage;

/// <summary>
/// Pending due work listed by kind (issue 15, item 3: a start re-arms each owner's items without reading the other
/// owners'): the store filters, so a page of the asked kinds is full however many items of other kinds come first.
/// </summary>
public abstract partial class DurableStateComplianceTests
{
    [Fact]
    public async Task DueWork_ListPending_ListsOnlyTheAskedKinds_DueOrNot_EarliestFirst_UpToTheLimit()
    {
        await Stores.DueWork.ScheduleAsync(new DueWork(Workspace, "c1", DueWorkKind.ContactForm, Now.AddSeconds(5)));
        await Stores.DueWork.ScheduleAsync(new DueWork(Workspace, "c2", DueWorkKind.UnreadReplies, Now.AddSeconds(2)));
        await Stores.DueWork.ScheduleAsync(new DueWork(Workspace, "agent-1", DueWorkKind.PresenceGrace, Now.AddMinutes(1)));
        await Stores.DueWork.ScheduleAsync(new DueWork(Other, "c3", DueWorkKind.OfferExpiry, Now.AddSeconds(3)));
        await Stores.DueWork.ScheduleAsync(new DueWork(Workspace, "c4", DueWorkKind.TranscriptOffer, Now.AddSeconds(-1)));

        (await Stores.DueWork.ListPendingAsync([DueWorkKind.OfferExpiry, DueWorkKind.PresenceGrace], 10))
            .Select(w => (w.Workspace, w.Subject)).Should().Equal((Other, "c3"), (Workspace, "agent-1"));
        (await Stores.DueWork.ListPendingAsync([DueWorkKind.ContactForm, DueWorkKind.TranscriptOffer, DueWorkKind.UnreadReplies], 2))
            .Select(w => w.Subject).Should().Equal("c4", "c2");
        (await Stores.DueWork.ListPendingAsync([DueWorkKind.UnreadReplies, DueWorkKind.UnreadReplies], 10))
            .Should().ContainSingle().Which.Should().Be(await Stores.DueWork.FindAsync(Workspace, "c2", DueWorkKind.UnreadReplies));
        (await Stores.DueWork.ListPendingAsync([], 10)).Should().BeEmpty();
    }

    [Fact]
    public async Task DueWork_ListPending_FillsItsPage_BehindManyItemsOfOtherKinds()
    {
        for (var i = 0; i < 20; i++)
        {
            await Stores.DueWork.ScheduleAsync(new DueWork(Workspace, $"agent-{i}", DueWorkKind.PresenceGrace, Now.AddSeconds(i)));
        }

        await Stores.DueWork.ScheduleAsync(new DueWork(Workspace, "c1", DueWorkKind.UnreadReplies, Now.AddMinutes(5)));
        await Stores.DueWork.ScheduleAsync(new DueWork(Workspace, "c2", DueWorkKind.UnreadReplies, Now.AddMinutes(6)));

        (await Stores.DueWork.ListPendingAsync([DueWorkKind.UnreadReplies], 2)).Select(w => w.Subject).Should().Equal("c1", "c2");
    }

    [Fact]
    public async Task DueWork_ListPending_RefusesANonPositiveLimit_AndNoKinds()
    {
        await FluentActions.Awaiting(async () => await Stores.DueWork.ListPendingAsync([DueWorkKind.OfferExpiry], 0)).Should().ThrowAsync<ArgumentOutOfRangeException>();
        await FluentActions.Awaiting(async () => await Stores.DueWork.ListPendingAsync(null!, 10)).Should().ThrowAsync<ArgumentNullException>();
    }
}
