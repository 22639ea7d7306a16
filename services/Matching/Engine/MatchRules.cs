using FiveSocieties.BuildingBlocks.Texts;
using FiveSocieties.Contracts.V1;

namespace FiveSocieties.Matching.Engine;

/// <summary>
/// The hard rules: an offer that breaks one is never proposed, however well it would score.
/// Category, service area, validity on the day service would start, eligibility (client group,
/// age range, categories, ability levels) and free capacity. A fact the need does not carry (age
/// or ability level not yet assessed) does not exclude; the candidate says so, so that the
/// caseworker checks it when approving.
/// </summary>
public static class MatchRules
{
    /// <summary>Null when the offer fits; otherwise the rule code and why, as a reason with its own code.</summary>
    public static (string Rule, MatchReason Reason)? Exclude(NeedProfile need, OfferProfile offer, DateOnly today)
    {
        if (offer.Category != need.Category)
            return ("category", new("excluded.category", $"offers {offer.Category}, the need is {need.Category}"));
        if (!Serves(offer.Area, need.Location))
            return ("area", new("excluded.area", $"does not serve {need.Location.District}/{need.Location.Township}/{need.Location.Grid}"));
        var serviceDate = need.StartDate > today ? need.StartDate : today;
        if (offer.ValidFrom > serviceDate)
            return ("validity", new("excluded.validity.not-started", $"starts on {offer.ValidFrom:yyyy-MM-dd}, after {serviceDate:yyyy-MM-dd}"));
        if (offer.ValidUntil is { } until && until < serviceDate)
            return ("validity", new("excluded.validity.ended", $"ended on {until:yyyy-MM-dd}"));
        var eligibility = offer.Eligibility;
        if (eligibility.ClientGroups.Count > 0 && !eligibility.ClientGroups.Contains(need.ClientGroup))
            return ("eligibility.group", new("excluded.eligibility.group",
                $"is for {NameList.Of(eligibility.ClientGroups)}, not {need.ClientGroup}"));
        if (need.ClientAge is { } age)
        {
            if (eligibility.MinAge is { } min && age < min)
                return ("eligibility.age", new("excluded.eligibility.age.below", $"is for ages from {min}; the client is {age}"));
            if (eligibility.MaxAge is { } max && age > max)
                return ("eligibility.age", new("excluded.eligibility.age.above", $"is for ages up to {max}; the client is {age}"));
        }
        if (eligibility.Categories.Count > 0 && !eligibility.Categories.Any(need.ClientCategories.Contains))
            return ("eligibility.category", new("excluded.eligibility.category", $"is for {NameList.Of(eligibility.Categories)} clients"));
        if (need.AbilityLevel is { } level && eligibility.AbilityLevels.Count > 0 && !eligibility.AbilityLevels.Contains(level))
            return ("eligibility.ability", new("excluded.eligibility.ability",
                $"is for ability levels {string.Join(",", eligibility.AbilityLevels)}; the client is at {level}"));
        if (offer.FreeCapacity == 0)
            return ("capacity", new("excluded.capacity", $"all {offer.Capacity} places are taken"));
        return null;
    }

    /// <summary>Empty lists mean anywhere; otherwise the district, the township or the grid must be listed.</summary>
    public static bool Serves(ServiceArea area, GridLocation location) =>
        (area.Districts.Count == 0 && area.Townships.Count == 0 && area.Grids.Count == 0)
        || area.Districts.Contains(location.District)
        || area.Townships.Contains(location.Township)
        || area.Grids.Contains(location.Grid);

    /// <summary>The reasons a fitting offer gives for itself (the "why" of the hard rules).</summary>
    public static IEnumerable<MatchReason> WhyItFits(NeedProfile need, OfferProfile offer)
    {
        yield return AreaReason(offer.Area, need.Location);
        var eligibility = offer.Eligibility;
        if (eligibility.MinAge is not null || eligibility.MaxAge is not null)
            yield return need.ClientAge is { } age
                ? new("age", $"age {age} within {Bound(eligibility.MinAge)}–{Bound(eligibility.MaxAge)}")
                : new("age.unknown", "client's age not known here: check the age limit when approving");
        if (eligibility.Categories.Count > 0)
            yield return new("category", $"client is {NameList.Of(eligibility.Categories.Where(need.ClientCategories.Contains))}");
        if (eligibility.AbilityLevels.Count > 0 && need.AbilityLevel is null)
            yield return new("ability.unknown", "client's ability level not assessed: check it when approving");
        yield return new("capacity", $"{offer.FreeCapacity} of {offer.Capacity} places free");
    }

    /// <summary>An age limit, or "any" (said in the reader's language) where there is none.</summary>
    private static object Bound(int? limit) => limit is { } value ? value : (Phrase)"any";

    private static MatchReason AreaReason(ServiceArea area, GridLocation location) =>
        area.Grids.Contains(location.Grid) ? new("area.grid", $"serves grid {location.Grid}")
        : area.Townships.Contains(location.Township) ? new("area.township", $"serves township {location.Township}")
        : area.Districts.Contains(location.District) ? new("area.district", $"serves district {location.District}")
        : new("area.anywhere", "serves every area");
}

/// <summary>
/// Why an offer fits a need, or why not: a stable code ("distance", "capacity") and the sentence,
/// in English here and in the reader's language on the wire (Chinese from <see cref="MatchingTexts"/> under "reason." and the code).
/// </summary>
public sealed record MatchReason(string Code, Phrase Text)
{
    public override string ToString() => Text.English;
}
