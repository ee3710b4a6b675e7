using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using LiveChat.Core.Crm;

namespace LiveChat.Core.Playbooks;

/// <summary>
/// The JSON form of a <see cref="PlaybookRun"/> that <see cref="IPlaybookRunStore"/> adapters keep: deterministic (answers
/// in ordinal key order, enums by name), so equal runs give equal text and a store can compare-and-swap on it. Thread-safe.
/// </summary>
public static class PlaybookRunJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false) },
    };

    /// <summary>The run as compact JSON; equal runs give equal text.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="run"/> is null.</exception>
    public static string Serialize(PlaybookRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var shape = new Shape(
            run.PlaybookId, run.Version, run.CardId, run.Status,
            new SortedDictionary<string, string>(run.Answers, StringComparer.Ordinal), run.PendingForm, run.TranscriptOffered, [.. run.CrmRecords]);
        return JsonSerializer.Serialize(shape, Options);
    }

    /// <summary>Reads a run written by <see cref="Serialize"/>.</summary>
    /// <exception cref="JsonException">The text is not a playbook run.</exception>
    public static PlaybookRun Deserialize(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var shape = JsonSerializer.Deserialize<Shape>(json, Options) ?? throw new JsonException("A playbook run is null.");
        return new PlaybookRun
        {
            PlaybookId = shape.PlaybookId ?? throw new JsonException("A playbook run has no playbook id."),
            Version = shape.Version,
            CardId = shape.CardId ?? throw new JsonException("A playbook run has no card id."),
            Status = shape.Status,
            Answers = (shape.Answers ?? []).ToImmutableDictionary(StringComparer.Ordinal),
            PendingForm = shape.PendingForm,
            TranscriptOffered = shape.TranscriptOffered,
            CrmRecords = [.. shape.CrmRecords ?? []],
        };
    }

    private sealed record Shape(
        string PlaybookId,
        int Version,
        string CardId,
        PlaybookRunStatus Status,
        SortedDictionary<string, string>? Answers,
        PlaybookFormKind? PendingForm,
        bool TranscriptOffered,
        CrmRecordId[]? CrmRecords);
}
