using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace LiveChat.Core.Playbooks;

/// <summary>
/// Reads and writes playbooks as JSON (feature P1), with a <c>schemaVersion</c> property so that a later SDK can still
/// read today's playbooks and today's SDK refuses tomorrow's.
/// </summary>
/// <remarks>
/// Reading is all or nothing: JSON that is malformed, written for another schema version, or describes an invalid
/// playbook throws one <see cref="PlaybookValidationException"/> listing the defects with their paths, and returns
/// nothing. A JSON syntax error stops the reader, so it is the only defect reported for such a text. Thread-safe.
/// </remarks>
public static class PlaybookJson
{
    /// <summary>The schema version this SDK writes and reads.</summary>
    public const int SchemaVersion = 1;

    private const string SchemaVersionProperty = "schemaVersion";

    /// <summary>The serializer options: camel case, enums as strings, card and action types in a <c>type</c> property.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>The playbook as indented JSON, with <c>schemaVersion</c> first.</summary>
    public static string Serialize(Playbook playbook)
    {
        ArgumentNullException.ThrowIfNull(playbook);
        var body = JsonSerializer.SerializeToNode(playbook, Options)!.AsObject();
        var document = new JsonObject { [SchemaVersionProperty] = SchemaVersion };
        foreach (var (name, value) in body.ToList())
        {
            body.Remove(name);
            document[name] = value;
        }

        return document.ToJsonString(Options);
    }

    /// <summary>Reads and validates a playbook.</summary>
    /// <exception cref="PlaybookValidationException">
    /// The JSON is malformed, has no or another <c>schemaVersion</c>, or describes a playbook with defects; every defect
    /// found is listed with its path.
    /// </exception>
    public static Playbook Deserialize(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        Playbook? playbook;
        try
        {
            using var document = Parse(json);
            CheckSchemaVersion(document.RootElement);
            playbook = document.RootElement.Deserialize<Playbook>(Options);
        }
        catch (JsonException ex)
        {
            throw Malformed(ex.Path, ex.LineNumber, ex.Message);
        }
        catch (NotSupportedException ex)
        {
            // Raised for a card or action without a "type" property (an abstract type cannot be created).
            throw Malformed((ex.InnerException as JsonException)?.Path, null, ex.Message);
        }

        if (playbook is null)
        {
            throw Malformed("$", null, "The JSON is null, not a playbook.");
        }

        PlaybookValidator.ThrowIfInvalid(playbook);
        return playbook;
    }

    private static JsonDocument Parse(string json)
    {
        try
        {
            return JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException)
        {
            // The document reader does not track paths; the serializer's reader does, and fails at the same token.
            JsonSerializer.Deserialize<Playbook>(json, Options);
            throw;
        }
    }

    private static void CheckSchemaVersion(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Malformed("$", null, $"A playbook is a JSON object, not {root.ValueKind}.");
        }

        if (!root.TryGetProperty(SchemaVersionProperty, out var version))
        {
            throw new PlaybookValidationException([new(PlaybookDefectKind.UnknownSchemaVersion, "$." + SchemaVersionProperty, null,
                $"The schemaVersion property is missing; this SDK reads schema version {SchemaVersion}.")]);
        }

        if (version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var number) || number != SchemaVersion)
        {
            throw new PlaybookValidationException([new(PlaybookDefectKind.UnknownSchemaVersion, "$." + SchemaVersionProperty, null,
                $"Schema version {version.GetRawText()} is not known; this SDK reads schema version {SchemaVersion}.")]);
        }
    }

    private static PlaybookValidationException Malformed(string? path, long? line, string message)
        => new([new(PlaybookDefectKind.MalformedJson, path ?? "$", null, line is { } l ? $"Line {l + 1}: {message}" : message)]);

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = true,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            MaxDepth = 32,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
