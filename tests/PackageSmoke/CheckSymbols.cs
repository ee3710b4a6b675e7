// Checks what tests/run.sh packed: run with `dotnet run tests/PackageSmoke/CheckSymbols.cs -- FEED VERSION COMMIT [REMOTE]`.
// Every package names its git repository and commit (LiveChat.Core only when the clone has a hosted remote) and has a symbols package (.snupkg) whose portable pdb was built
// deterministically (every source path under /_/) and, when the clone has a remote, carries SourceLink to it.
// Each package's README.md is its own (src/<package>/README.md), with no relative link or image: a gallery shows it alone.
using System.IO.Compression;
using System.Reflection.Metadata;
using System.Xml.Linq;

var (feed, version, commit, remote) = (args[0], args[1], args[2], args.Length > 3 ? args[3] : "");
var sourceLinkKind = new Guid("CC110556-A091-4D38-9FEC-25AB9A351A6A");
var failures = new List<string>();
var packages = Directory.GetFiles(feed, $"*.{version}.nupkg");
if (packages.Length == 0)
{
    failures.Add($"no package of version {version} in the feed");
}

foreach (var package in packages)
{
    var id = Path.GetFileName(package)[..^($".{version}.nupkg".Length)];
    using (var nupkg = ZipFile.OpenRead(package))
    {
        var nuspec = XDocument.Load(nupkg.GetEntry($"{id}.nuspec")!.Open());
        var repository = nuspec.Descendants().FirstOrDefault(e => e.Name.LocalName == "repository");
        // NuGet writes the repository element only with a URL when the package comes from a nuspec (LiveChat.Core), so
        // without a hosted remote only the packages packed from their project name one; whoever names one is right.
        Check(repository is not null || (remote.Length == 0 && id == "LiveChat.Core"), $"{id}: the nuspec names no repository");
        Check(repository is null || repository.Attribute("type")?.Value == "git", $"{id}: the nuspec names no git repository");
        Check(repository is null || commit.Length == 0 || repository.Attribute("commit")?.Value == commit, $"{id}: the nuspec names commit '{repository?.Attribute("commit")?.Value}', not {commit}");
        Check(remote.Length == 0 || repository?.Attribute("url")?.Value is { Length: > 0 }, $"{id}: the nuspec names no repository URL though the clone has a remote");
        Check(!nupkg.Entries.Any(e => e.FullName.EndsWith(".pdb", StringComparison.Ordinal)), $"{id}: the main package carries a pdb");

        // A gallery shows the package's own README with no repository around it: a relative link or image would break.
        var readme = nupkg.GetEntry("README.md") is { } entry ? new StreamReader(entry.Open()).ReadToEnd() : null;
        Check(readme?.StartsWith($"# {id}\n", StringComparison.Ordinal) == true, $"{id}: the package's README.md is missing or is not its own (no '# {id}' title)");
        var relative = readme is null ? null : System.Text.RegularExpressions.Regex.Match(readme, @"\]\((?!https://)[^)]*\)");
        Check(relative is null || !relative.Success, $"{id}: the package's README.md has a relative link or image, which a gallery cannot resolve: {relative?.Value}");
    }

    var symbols = Path.ChangeExtension(package, ".snupkg");
    if (!Check(File.Exists(symbols), $"{id}: no symbols package"))
    {
        continue;
    }

    using var snupkg = ZipFile.OpenRead(symbols);
    var pdbEntry = snupkg.GetEntry($"lib/net10.0/{id}.pdb");
    if (!Check(pdbEntry is not null, $"{id}: the symbols package has no lib/net10.0/{id}.pdb"))
    {
        continue;
    }

    using var pdbStream = new MemoryStream();
    pdbEntry!.Open().CopyTo(pdbStream);
    pdbStream.Position = 0;
    using var provider = MetadataReaderProvider.FromPortablePdbStream(pdbStream);
    var pdb = provider.GetMetadataReader();
    var documents = pdb.Documents.Select(d => pdb.GetString(pdb.GetDocument(d).Name)).ToList();
    Check(documents.Count > 0 && documents.All(d => d.StartsWith("/_/", StringComparison.Ordinal)),
        $"{id}: the pdb has machine paths, so the build was not deterministic: {documents.FirstOrDefault(d => !d.StartsWith("/_/", StringComparison.Ordinal))}");
    var sourceLink = pdb.CustomDebugInformation
        .Select(pdb.GetCustomDebugInformation)
        .Where(c => pdb.GetGuid(c.Kind) == sourceLinkKind)
        .Select(c => System.Text.Encoding.UTF8.GetString(pdb.GetBlobBytes(c.Value)))
        .FirstOrDefault();
    Check(remote.Length == 0 || sourceLink?.Contains("\"/_/*\"", StringComparison.Ordinal) == true, $"{id}: the pdb has no SourceLink though the clone has a remote");
    Console.WriteLine($"{id}: repository and symbols checked ({documents.Count} sources{(sourceLink is null ? ", no remote for SourceLink" : ", SourceLink")})");
}

foreach (var failure in failures)
{
    Console.Error.WriteLine(failure);
}

return failures.Count == 0 ? 0 : 1;

bool Check(bool condition, string failure)
{
    if (!condition)
    {
        failures.Add(failure);
    }

    return condition;
}
