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
    /// <summary>Null when the offer fits; otherwise the rule code and a sentence.</summary>
    public static (string Rule, string Reason)? Exclude(NeedProfile need, OfferProfile offer, DateOnly today)
    {
        if (offer.Category != need.Category)
            return ("category", $"offers {offer.Category}, the need is {need.Category}");
        if (!Serves(offer.Area, need.Location))
            return ("area", $"does not serve {need.Location.District}/{need.Location.Township}/{need.Location.Grid}");
        var serviceDate = need.StartDate > today ? need.StartDate : today;
        if (offer.ValidFrom > serviceDate)
            return ("validity", $"starts on {offer.ValidFrom:yyyy-MM-dd}, after {serviceDate:yyyy-MM-dd}");
        if (offer.ValidUntil is { } until && until < serviceDate)
            return ("validity", $"ended on {until:yyyy-MM-dd}");
        var eligibility = offer.Eligibility;
        if (eligibility.ClientGroups.Count > 0 && !eligibility.ClientGroups.Contains(need.ClientGroup))
            return ("eligibility.group", $"is for {string.Join("/", eligibility.ClientGroups)}, not {need.ClientGroup}");
        if (need.ClientAge is { } age)
        {
            if (eligibility.MinAge is { } min && age < min) return ("eligibility.age", $"is for ages from {min}; the client is {age}");
            if (eligibility.MaxAge is { } max && age > max) return ("eligibility.age", $"is for ages up to {max}; the client is {age}");
        }
        if (eligibility.Categories.Count > 0 && !eligibility.Categories.Any(need.ClientCategories.Contains))
            return ("eligibility.category", $"is for {string.Join("/", eligibility.Categories)} clients");
        if (need.AbilityLevel is { } level && eligibility.AbilityLevels.Count > 0 && !eligibility.AbilityLevels.Contains(level))
            return ("eligibility.ability", $"is for ability levels {string.Join(",", eligibility.AbilityLevels)}; the client is at {level}");
        if (offer.FreeCapacity == 0)
            return ("capacity", $"all {offer.Capacity} places are taken");
        return null;
    }

    /// <summary>Empty lists mean anywhere; otherwise the district, the township or the grid must be listed.</summary>
    public static bool Serves(ServiceArea area, GridLocation location) =>
        (area.Districts.Count == 0 && area.Townships.Count == 0 && area.Grids.Count == 0)
        || area.Districts.Contains(location.District)
        || area.Townships.Contains(location.Township)
        || area.Grids.Contains(location.Grid);

    /// <summary>The reasons a fitting offer gives for itself (the "why" of the hard rules).</summary>
    public static IEnumerable<string> WhyItFits(NeedProfile need, OfferProfile offer)
    {
        yield return AreaReason(offer.Area, need.Location);
        var eligibility = offer.Eligibility;
        if (eligibility.MinAge is not null || eligibility.MaxAge is not null)
            yield return need.ClientAge is { } age
                ? $"age {age} within {eligibility.MinAge?.ToString() ?? "any"}–{eligibility.MaxAge?.ToString() ?? "any"}"
                : "client's age not known here: check the age limit when approving";
        if (eligibility.Categories.Count > 0)
            yield return $"client is {string.Join("/", eligibility.Categories.Where(need.ClientCategories.Contains))}";
        if (eligibility.AbilityLevels.Count > 0 && need.AbilityLevel is null)
            yield return "client's ability level not assessed: check it when approving";
        yield return $"{offer.FreeCapacity} of {offer.Capacity} places free";
    }

    private static string AreaReason(ServiceArea area, GridLocation location) =>
        area.Grids.Contains(location.Grid) ? $"serves grid {location.Grid}"
        : area.Townships.Contains(location.Township) ? $"serves township {location.Township}"
        : area.Districts.Contains(location.District) ? $"serves district {location.District}"
        : "serves every area";
}
