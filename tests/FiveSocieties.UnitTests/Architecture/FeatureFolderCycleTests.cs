using System.Text.RegularExpressions;

namespace FiveSocieties.UnitTests.Architecture;

/// <summary>
/// Imports between a service's feature folders (its top-level folders) must run one way: a folder
/// that imports another, directly or round a loop, which imports it back makes a knot nobody can
/// read or change alone. Read from the `namespace` and `using` lines of the sources. The loops the
/// house had when this check came are listed below, to be untied; a new one fails, and so does a
/// listed one that is gone (take it off the list).
/// </summary>
public sealed partial class FeatureFolderCycleTests
{
    /// <summary>Each existing loop as "Project: folders in order", the folders of one strongly connected set.</summary>
    private static readonly string[] KnownLoops =
    [
        "BuildingBlocks: EventStore ↔ Hosting ↔ Http ↔ Messaging",
        "Cases: Activities ↔ Auditing ↔ Cases ↔ Households",
        "Notifications: Alarms ↔ Delivery ↔ Inbox ↔ LiveStream ↔ Notifications ↔ Recipients ↔ Rules",
        "Volunteers: Deliveries ↔ Integration",
    ];

    [Fact]
    public void No_feature_folders_import_each_other_round_a_loop_beyond_the_known_ones()
    {
        var loops = Projects().SelectMany(project => LoopsIn(project).Select(loop => $"{Path.GetFileName(project)}: {string.Join(" ↔ ", loop)}")).ToList();

        var added = loops.Except(KnownLoops).ToList();
        added.ShouldBeEmpty($"new loops between feature folders (imports must run one way):\n{string.Join('\n', added)}");
        var untied = KnownLoops.Except(loops).ToList();
        untied.ShouldBeEmpty($"loops untied or changed: update {nameof(KnownLoops)}:\n{string.Join('\n', untied)}\nnow:\n{string.Join('\n', loops)}");
    }

    [Fact]
    public void A_loop_is_found_through_using_lines_and_only_between_folders()
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
        foreach (var (folder, text) in files)
        foreach (Match declared in Namespace().Matches(text))
            (owners.TryGetValue(declared.Groups[1].Value, out var set) ? set : owners[declared.Groups[1].Value] = []).Add(folder);

        var imports = files.Select(f => f.Folder).Distinct().ToDictionary(f => f, _ => new HashSet<string>(StringComparer.Ordinal));
        foreach (var (folder, text) in files)
        foreach (Match used in Using().Matches(text))
            // A namespace, or a type in one (using static, an alias to a type).
            if (owners.TryGetValue(used.Groups[1].Value, out var targets) || owners.TryGetValue(ParentOf(used.Groups[1].Value), out targets))
                imports[folder].UnionWith(targets.Where(t => t != folder));
        return StronglyConnected(imports);
    }

    private static string ParentOf(string name) => name.LastIndexOf('.') is > 0 and var dot ? name[..dot] : name;

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

    [GeneratedRegex(@"^\s*(?:global\s+)?using\s+(?:static\s+)?(?:\w+\s*=\s*)?([\w.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex Using();
}
