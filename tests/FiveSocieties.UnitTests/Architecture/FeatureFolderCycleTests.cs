using System.Text.RegularExpressions;

namespace FiveSocieties.UnitTests.Architecture;

/// <summary>
/// Imports between a service's feature folders (its top-level folders) must run one way: a folder
/// that imports another, directly or round a loop, which imports it back makes a knot nobody can
/// read or change alone. Read from the sources: the `namespace` lines say which folder owns a
/// namespace, and every use of one — a `using` line, a name written out in full, or one written
/// from the project's own namespace down (`Auditing.CaseFileAccess`) — is an import.
/// </summary>
public sealed partial class FeatureFolderCycleTests
{
    [Fact]
    public void No_feature_folders_import_each_other_round_a_loop()
    {
        var loops = Projects().SelectMany(project => LoopsIn(project).Select(loop => $"{Path.GetFileName(project)}: {string.Join(" ↔ ", loop)}")).ToList();
        loops.ShouldBeEmpty($"loops between feature folders (imports must run one way):\n{string.Join('\n', loops)}");
    }

    [Fact]
    public void A_loop_is_found_only_between_folders()
    {
        var imports = new Dictionary<string, HashSet<string>>
        {
            ["A"] = ["B"], ["B"] = ["C"], ["C"] = ["A"], ["D"] = ["A"], ["E"] = [],
        };
        StronglyConnected(imports).ShouldBe([["A", "B", "C"]]);
        StronglyConnected(new Dictionary<string, HashSet<string>> { ["A"] = ["B"], ["B"] = [] }).ShouldBeEmpty();
    }

    private static IEnumerable<string> Projects() =>
        Directory.EnumerateDirectories(Path.Combine(Repository.Root, "services"))
            .Where(d => Directory.EnumerateFiles(d, "*.csproj").Any())
            .Order(StringComparer.Ordinal);

    /// <summary>The loops of one project: which folder declares each namespace, then which folders each folder's files import.</summary>
    private static List<List<string>> LoopsIn(string project)
    {
        var files = Directory.EnumerateFiles(project, "*.cs", SearchOption.AllDirectories)
            .Where(f => Path.GetRelativePath(project, f).Split(Path.DirectorySeparatorChar) is not ["obj" or "bin" or "app", ..])
            .Select(f => (Folder: FolderOf(project, f), Text: File.ReadAllText(f)))
            .Where(f => f.Folder is not null)
            .Select(f => (Folder: f.Folder!, f.Text))
            .ToList();
        var owners = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var types = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (folder, text) in files)
        foreach (Match declared in Namespace().Matches(text))
        {
            (owners.TryGetValue(declared.Groups[1].Value, out var set) ? set : owners[declared.Groups[1].Value] = []).Add(folder);
            foreach (Match type in TypeDeclaration().Matches(text)) types.Add($"{declared.Groups[1].Value}.{type.Groups[1].Value}");
        }
        var root = $"FiveSocieties.{Path.GetFileName(project)}";
        var folders = files.Select(f => f.Folder).ToHashSet(StringComparer.Ordinal);

        var imports = files.Select(f => f.Folder).Distinct().ToDictionary(f => f, _ => new HashSet<string>(StringComparer.Ordinal));
        foreach (var (folder, text) in files)
        {
            foreach (Match used in Qualified().Matches(text))
                // A namespace, or a type or member in one: the longest leading part some folder declares.
                if (OwnerOf(owners, used.Value) is { } targets)
                    imports[folder].UnionWith(targets.Where(t => t != folder));
            foreach (Match used in Relative().Matches(text))
            {
                // Written from the project's namespace down: a folder's name, then one of its namespaces or types
                // (so that a property that happens to share a folder's name is not taken for it).
                var parts = used.Value.Split('.');
                var full = $"{root}.{parts[0]}.{parts[1]}";
                if (folders.Contains(parts[0]) && (owners.ContainsKey(full) || types.Contains(full)) && OwnerOf(owners, $"{root}.{used.Value}") is { } targets)
                    imports[folder].UnionWith(targets.Where(t => t != folder));
            }
        }
        return StronglyConnected(imports);
    }

    private static HashSet<string>? OwnerOf(Dictionary<string, HashSet<string>> owners, string name)
    {
        for (var candidate = name; ; candidate = candidate[..candidate.LastIndexOf('.')])
        {
            if (owners.TryGetValue(candidate, out var targets)) return targets;
            if (!candidate.Contains('.')) return null;
        }
    }

    /// <summary>A file's feature folder: the first folder under the project; a file at the root (wiring, settings) has none.</summary>
    private static string? FolderOf(string project, string file) =>
        Path.GetRelativePath(project, file).Split(Path.DirectorySeparatorChar) is [var folder, _, ..] ? folder : null;

    /// <summary>Tarjan's strongly connected components with more than one folder, each sorted, in a stable order.</summary>
    private static List<List<string>> StronglyConnected(Dictionary<string, HashSet<string>> imports)
    {
        var (index, low, onStack, stack, found) = (new Dictionary<string, int>(), new Dictionary<string, int>(), new HashSet<string>(), new Stack<string>(), new List<List<string>>());
        void Visit(string node)
        {
            index[node] = low[node] = index.Count;
            stack.Push(node);
            onStack.Add(node);
            foreach (var next in imports.GetValueOrDefault(node, []).Order(StringComparer.Ordinal))
            {
                if (!index.ContainsKey(next)) { Visit(next); low[node] = Math.Min(low[node], low[next]); }
                else if (onStack.Contains(next)) low[node] = Math.Min(low[node], index[next]);
            }
            if (low[node] != index[node]) return;
            var component = new List<string>();
            string member;
            do { member = stack.Pop(); onStack.Remove(member); component.Add(member); } while (member != node);
            if (component.Count > 1) found.Add([.. component.Order(StringComparer.Ordinal)]);
        }
        foreach (var node in imports.Keys.Order(StringComparer.Ordinal))
            if (!index.ContainsKey(node)) Visit(node);
        return [.. found.OrderBy(c => c[0], StringComparer.Ordinal)];
    }

    [GeneratedRegex(@"^\s*namespace\s+([\w.]+)", RegexOptions.Multiline)]
    private static partial Regex Namespace();

    /// <summary>A name of this code base written out: in a using line, or in full where it is used.</summary>
    [GeneratedRegex(@"\bFiveSocieties(?:\.\w+)+")]
    private static partial Regex Qualified();

    /// <summary>A dotted name that starts a chain (not a member of something before it), capitalised as namespaces and types are.</summary>
    [GeneratedRegex(@"(?<![\w.])[A-Z]\w*(?:\.[A-Z]\w*)+")]
    private static partial Regex Relative();

    [GeneratedRegex(@"\b(?:class|record|struct|interface|enum)\s+(\w+)")]
    private static partial Regex TypeDeclaration();
}
