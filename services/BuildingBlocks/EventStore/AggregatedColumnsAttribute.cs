using System.Reflection;
using Marten.Schema;
using NpgsqlTypes;

namespace FiveSocieties.BuildingBlocks.EventStore;

/// <summary>
/// Copies document members into columns of their own, like Marten's <c>Duplicate</c> but without
/// an index: for values that SQL counts and groups (<c>GROUP BY</c>, <c>unnest</c>) once an indexed
/// column has picked the rows. Every index is one more write per event, and a B-tree over a handful
/// of values or over an array would never be used. A path ("Location.Grid") copies a member of a
/// member into a column named after the whole path (location_grid). On the class, because Marten
/// reads member attributes only from members of simple types (no arrays, no records).
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class AggregatedColumnsAttribute(params string[] memberPaths) : MartenAttribute
{
    public IReadOnlyList<string> MemberPaths { get; } = memberPaths;

    public override void Modify(DocumentMapping mapping)
    {
        foreach (var path in MemberPaths)
        {
            var members = new List<MemberInfo>();
            var owner = mapping.DocumentType;
            foreach (var name in path.Split('.'))
            {
                var property = owner.GetProperty(name) ?? throw new ArgumentException($"{owner.Name} has no property {name}.", nameof(MemberPaths));
                members.Add(property);
                owner = property.PropertyType;
            }
            var field = mapping.DuplicateField([.. members], columnName: string.Join("_", members.Select(m => ToSnakeCase(m.Name))));
            // Marten gives string collections a varchar[] column but sends them as text[]; binary
            // COPY (bulk inserts, SnapshotRebuild) refuses that mismatch instead of casting. Say
            // varchar[] on both sides, which leaves existing tables as they are.
            if (IsStringCollection(owner)) field.DbType = NpgsqlDbType.Array | NpgsqlDbType.Varchar;
        }
    }

    private static bool IsStringCollection(Type type) =>
        type != typeof(string) && type.IsAssignableTo(typeof(IEnumerable<string>));

    private static string ToSnakeCase(string name) =>
        string.Concat(name.Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
