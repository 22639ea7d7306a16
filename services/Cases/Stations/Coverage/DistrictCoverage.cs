using JasperFx.Events;
using Marten.Events.Projections;

namespace FiveSocieties.Cases.Stations.Coverage;

public sealed record TownshipCoverage(string Code, string Name, Guid? StationId, bool StationRegistered);

/// <summary>
/// Read model: one district's townships and their stations, as the coverage report needs them.
/// Disposable: <see cref="DistrictCoverageProjection"/> rebuilds it from the district and station events.
/// </summary>
public sealed record DistrictCoverage(Guid Id, string DistrictCode, string DistrictName, IReadOnlyList<TownshipCoverage> Townships)
{
    public TownshipCoverage? this[string townshipCode] => Townships.FirstOrDefault(t => t.Code == townshipCode);

    public DistrictCoverage WithTownship(string code, Func<TownshipCoverage, TownshipCoverage> change) =>
        this with { Townships = Townships.Select(t => t.Code == code ? change(t) : t).ToList() };
}

/// <summary>
/// Gathers each district's own events and those of its stations into one document per
/// district. Inline, so a report read right after a write sees it.
/// </summary>
public sealed class DistrictCoverageProjection : MultiStreamProjection<DistrictCoverage, Guid>
{
    public DistrictCoverageProjection()
    {
        Identity<TownshipsRegistered>(e => e.DistrictId);
        Identity<StationOpened>(e => DivisionCodes.DistrictId(e.DistrictCode));
        Identity<StationRegisteredNationally>(e => DivisionCodes.DistrictId(e.DistrictCode));
    }

    public override DistrictCoverage? Evolve(DistrictCoverage? snapshot, Guid id, IEvent e) => e.Data switch
    {
        TownshipsRegistered registered => (snapshot ?? new DistrictCoverage(id, registered.DistrictCode, registered.DistrictName, [])) with
        {
            Townships = [.. snapshot?.Townships ?? [], .. registered.Townships.Select(t => new TownshipCoverage(t.Code, t.Name, null, false))],
        },
        // A station is only ever opened in a registered township, so the district exists by then.
        StationOpened opened => snapshot?.WithTownship(opened.TownshipCode,
            t => t with { StationId = opened.StationId, StationRegistered = opened.RegisteredInNationalSystem }),
        StationRegisteredNationally registered => snapshot?.WithTownship(registered.TownshipCode, t => t with { StationRegistered = true }),
        _ => snapshot,
    };
}
