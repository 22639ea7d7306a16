using FiveSocieties.BuildingBlocks.Domain;

namespace FiveSocieties.Volunteers;

/// <summary>
/// Ids derived from what they identify (a household's delivery on a day, a task's time-bank entry):
/// repeating the work that creates them finds the same stream instead of creating another.
/// </summary>
public static class DeterministicId
{
    // A fixed namespace for the Volunteers service's derived ids; changing it would orphan their streams.
    private static readonly Guid Namespace = new("7e3d2c1b-0a9f-5e8d-b7c6-a5b4c3d2e1f0");

    public static Guid For(string kind, params object[] parts) =>
        NameBasedGuid.Create(Namespace, kind + "|" + string.Join("|", parts.Select(p => p switch
        {
            DateOnly d => d.ToString("yyyy-MM-dd"),
            Guid g => g.ToString("N"),
            _ => p.ToString(),
        })));
}
