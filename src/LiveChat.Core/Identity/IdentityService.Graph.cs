using LiveChat.Core.Crm;
using LiveChat.Core.Internal;
using LiveChat.Core.Storage;
using Microsoft.Extensions.Logging;

namespace LiveChat.Core.Identity;

/// <content>
/// The graph's readers and its single writer per workspace: a read or a write first takes in what other processes
/// appended to the identity log; a write decides, appends and drops the graph when anything fails after it changed.
/// </content>
public sealed partial class IdentityService
{
    /// <summary>
    /// Reads the graph after taking in what other processes appended, in the writer's turn: a read waits for a write or
    /// another read's catch-up under way in this process, so it never answers from a graph that is still catching up
    /// (a read on a server that did not write would miss what another server stored) nor from a write's entries not yet
    /// stored. A read made inside a write of the same flow (a CRM gateway asking during a filing) reads the graph as it is.
    /// </summary>
    private async ValueTask<T> ReadAsync<T>(WorkspaceId workspace, Func<IdentityBook, T> read, CancellationToken cancellationToken)
    {
        while (true)
        {
            var book = Book(workspace);
            if (ReferenceEquals(_writing.Value, book))
            {
                return Read(book, read);
            }

            await book.Writer.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (book.Invalid)
                {
                    continue;
                }

                await CatchUpAsync(book, cancellationToken).ConfigureAwait(false);
                return Read(book, read);
            }
            finally
            {
                book.Writer.Release();
            }
        }
    }

    private static T Read<T>(IdentityBook book, Func<IdentityBook, T> read)
    {
        lock (book.Gate)
        {
            return read(book);
        }
    }

    private static void Append(IdentityBook book, IEnumerable<IdentityEvent> entries)
    {
        lock (book.Gate)
        {
            foreach (var entry in entries)
            {
                book.Apply(entry);
            }
        }
    }

    /// <summary>Applies what the store holds beyond the graph. Called holding <see cref="IdentityBook.Writer"/>.</summary>
    private async ValueTask<IdentityBook> CatchUpAsync(IdentityBook book, CancellationToken cancellationToken)
    {
        // Settings another process saved are used from the next write on, within the cache duration.
        var settings = (await _locales.Workspaces.GetAsync(book.Workspace, cancellationToken).ConfigureAwait(false)).Identity;
        lock (book.Gate)
        {
            book.Settings = settings;
        }

        var entries = await _log.ReadIdentityEventsAsync(book.Workspace, book.LastSequence, cancellationToken).ConfigureAwait(false);
        if (entries.Count > 0)
        {
            lock (book.Gate)
            {
                foreach (var entry in entries)
                {
                    book.Apply(entry);
                }

                // The store holds these entries redacted already.
                book.TakeRedactions();
            }
        }

        return book;
    }

    /// <summary>
    /// Runs one writer of the workspace at a time in this process: catches up with the store, lets
    /// <paramref name="write"/> apply its entries to the graph, then appends them to the store. When another process
    /// appended first, the graph is replayed from the store and <paramref name="write"/> decides again; when anything
    /// fails after the graph changed, the graph is dropped, so memory never holds what the store does not.
    /// </summary>
    private async ValueTask<T> WriteAsync<T>(WorkspaceId workspace, Func<IdentityBook, ValueTask<T>> write, CancellationToken cancellationToken)
    {
        List<CrmRecordId>? unlinked = null;
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                // Nothing reacts to an identity change once the engine is disposed (no lane runs): refused before it is made.
                _work.ThrowIfDisposed();
                var book = Book(workspace);
                await book.Writer.WaitAsync(cancellationToken).ConfigureAwait(false);
                var outer = _writing.Value;
                _writing.Value = book;
                try
                {
                    if (book.Invalid)
                    {
                        continue;
                    }

                    await CatchUpAsync(book, cancellationToken).ConfigureAwait(false);
                    var start = book.LastSequence;
                    try
                    {
                        var result = await write(book).ConfigureAwait(false);
                        IReadOnlyList<IdentityEvent> entries;
                        IReadOnlyList<IdentityEvent> redactions;
                        lock (book.Gate)
                        {
                            entries = book.EntriesAfter(start);
                            redactions = book.TakeRedactions();
                        }

                        if (entries.Count > 0)
                        {
                            await _log.AppendIdentityEventsAsync(workspace, entries, redactions, CancellationToken.None).ConfigureAwait(false);
                        }

                        book.CreatedCrmRecords.Clear();
                        return result;
                    }
                    catch (Exception e)
                    {
                        // Lost the race to another process: the next attempt replays the log and decides again. Anything
                        // else: the graph may hold entries the store does not, so it is dropped and replayed on next use.
                        (unlinked ??= []).AddRange(book.CreatedCrmRecords);
                        book.CreatedCrmRecords.Clear();
                        var retry = e is IdentityLogConflictException && attempt < MaxWriteAttempts;
                        if (book.LastSequence != start || retry)
                        {
                            book.Invalid = true;
                            _books.TryRemove(KeyValuePair.Create(book.Workspace, book));
                        }

                        if (!retry)
                        {
                            throw;
                        }
                    }
                }
                finally
                {
                    _writing.Value = outer;
                    book.Writer.Release();
                }
            }
        }
        finally
        {
            if (unlinked is not null)
            {
                await EraseUnlinkedRecordsAsync(workspace, unlinked).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Erases the CRM leads that attempts which did not land created, unless a contact links them by now: another process
    /// may have found such a lead in the CRM and filed its client on it.
    /// </summary>
    private async ValueTask EraseUnlinkedRecordsAsync(WorkspaceId workspace, List<CrmRecordId> records)
    {
        try
        {
            var log = await _log.ReadIdentityEventsAsync(workspace, 0, CancellationToken.None).ConfigureAwait(false);
            var linked = log.OfType<CrmRecordLinked>().Select(e => e.Record).ToHashSet();
            foreach (var record in records.Where(r => !linked.Contains(r)))
            {
                await _crm.EraseAsync(workspace, record, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.UnlinkedCrmRecordsKept(_logger, workspace, string.Join(", ", records), e);
        }
    }
}
