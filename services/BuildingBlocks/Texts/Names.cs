namespace FiveSocieties.BuildingBlocks.Texts;

/// <summary>An enum value inside a phrase: in English its name in lower case ("caseworker"), in Chinese its catalogue name.</summary>
public readonly record struct LowerName(Enum Value)
{
    public override string ToString() => Value.ToString().ToLowerInvariant();
}

/// <summary>Enum values inside a phrase: "EmptyNest, LivesAlone" in English, "空巢、独居" in Chinese.</summary>
public sealed record NameList(IReadOnlyList<Enum> Values)
{
    public static NameList Of<T>(IEnumerable<T> values) where T : struct, Enum => new([.. values.Select(v => (Enum)v)]);

    public override string ToString() => string.Join(", ", Values);
}
