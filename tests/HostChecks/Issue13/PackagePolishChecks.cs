using System.IO.Compression;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;
using FluentAssertions;
using Xunit;

namespace LiveChat.Issue13.Checks;

/// <summary>Skips unless LIVECHAT_FEED names a folder holding the packed .nupkg/.snupkg files.</summary>
public sealed class FeedTheoryAttribute : TheoryAttribute
{
    public FeedTheoryAttribute()
    {
        var feed = Environment.GetEnvironmentVariable("LIVECHAT_FEED");
        if (string.IsNullOrEmpty(feed) || !Directory.Exists(feed)) Skip = "LIVECHAT_FEED is not set to a package folder";
    }
}

// Package polish: symbols package (.snupkg), SourceLink, repository metadata, deterministic CI build.
public class PackagePolishChecks
{
    public static TheoryData<string> Packages => new()
        { "LiveChat.Core", "LiveChat.Storage.Sqlite", "LiveChat.Storage.PostgreSql", "LiveChat.Email.MailKit" };

    private static string Version =>
        Environment.GetEnvironmentVariable("LIVECHAT_VERSION")
        ?? typeof(PackagePolishChecks).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .First(a => a.Key == "LiveChatVersion").Value!;

    private static string Feed => Environment.GetEnvironmentVariable("LIVECHAT_FEED")!;
    private static string Nupkg(string id) => Path.Combine(Feed, $"{id}.{Version}.nupkg");
    private static string Snupkg(string id) => Path.Combine(Feed, $"{id}.{Version}.snupkg");

    private static XElement Nuspec(string id)
    {
        using var zip = ZipFile.OpenRead(Nupkg(id));
        var entry = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.OrdinalIgnoreCase));
        using var s = entry.Open();
        return XDocument.Load(s).Root!;
    }

    private static byte[] Entry(string package, Func<string, bool> match)
    {
        using var zip = ZipFile.OpenRead(package);
        var entry = zip.Entries.First(e => match(e.FullName));
        using var s = entry.Open();
        using var ms = new MemoryStream();
        s.CopyTo(ms);
        return ms.ToArray();
    }

    [FeedTheory, MemberData(nameof(Packages))]
    public void Nuspec_names_the_git_repository_and_commit(string id)
    {
        File.Exists(Nupkg(id)).Should().BeTrue($"{Nupkg(id)} is packed");
        var meta = Nuspec(id).Elements().Single(e => e.Name.LocalName == "metadata");
        var repo = meta.Elements().SingleOrDefault(e => e.Name.LocalName == "repository");
        repo.Should().NotBeNull("<repository> metadata lets a user find the source");
        ((string?)repo!.Attribute("type")).Should().Be("git");
        ((string?)repo.Attribute("url")).Should().NotBeNullOrWhiteSpace("the repository's URL, not only its commit")
            .And.MatchRegex("^https?://", "an absolute URL a debugger or a package gallery can follow");
        ((string?)repo.Attribute("commit")).Should().MatchRegex("^[0-9a-f]{40}$", "the exact commit the package was built from");
    }

    [FeedTheory, MemberData(nameof(Packages))]
    public void Symbols_package_exists_beside_the_package_with_a_portable_pdb(string id)
    {
        File.Exists(Snupkg(id)).Should().BeTrue("a .snupkg is packed beside the .nupkg");
        using var zip = ZipFile.OpenRead(Snupkg(id));
        zip.Entries.Should().Contain(e => e.FullName == $"lib/net10.0/{id}.pdb");
    }

    [FeedTheory, MemberData(nameof(Packages))]
    public void Pdb_matches_the_dll_and_carries_sourcelink_with_ci_paths(string id)
    {
        File.Exists(Snupkg(id)).Should().BeTrue("a .snupkg is packed beside the .nupkg");
        var dll = Entry(Nupkg(id), n => n == $"lib/net10.0/{id}.dll");
        var pdb = Entry(Snupkg(id), n => n == $"lib/net10.0/{id}.pdb");

        using var pe = new PEReader(new MemoryStream(dll));
        var debug = pe.ReadDebugDirectory();
        debug.Should().Contain(d => d.Type == DebugDirectoryEntryType.Reproducible, "a deterministic build");
        var codeView = pe.ReadCodeViewDebugDirectoryData(debug.First(d => d.Type == DebugDirectoryEntryType.CodeView));

        using var provider = MetadataReaderProvider.FromPortablePdbStream(new MemoryStream(pdb));
        var reader = provider.GetMetadataReader();
        new BlobContentId(reader.DebugMetadataHeader!.Id).Guid.Should().Be(codeView.Guid, "the symbols belong to this very dll");

        var sourceLinkKind = new Guid("CC110556-A091-4D38-BB8C-6BD0A3FA1E75");
        var sourceLink = reader.GetCustomDebugInformation(EntityHandle.ModuleDefinition)
            .Select(reader.GetCustomDebugInformation)
            .Where(c => reader.GetGuid(c.Kind) == sourceLinkKind)
            .Select(c => System.Text.Encoding.UTF8.GetString(reader.GetBlobBytes(c.Value)))
            .SingleOrDefault();
        sourceLink.Should().NotBeNull("SourceLink maps the sources to the repository");
        sourceLink.Should().Contain("\"documents\"").And.Contain("http");

        var documents = reader.Documents.Select(h => reader.GetString(reader.GetDocument(h).Name)).ToList();
        documents.Should().NotBeEmpty();
        documents.Where(d => !d.EndsWith(".g.cs") && !d.Contains("/obj/"))
            .Should().OnlyContain(d => d.StartsWith("/_/"), "ContinuousIntegrationBuild maps paths to /_/, no build-machine paths");
    }
}
