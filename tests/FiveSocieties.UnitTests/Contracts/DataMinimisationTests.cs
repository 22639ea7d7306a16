using System.Reflection;
using FiveSocieties.Contracts.V1;

namespace FiveSocieties.UnitTests.Contracts;

/// <summary>
/// DESIGN §5/§6: integration events carry ids, codes, enums, numbers and dates — not people. Any
/// field that could hold a person's data (free text, or a name that says so) must be on the list
/// below with the reason it may travel; a new such field fails this test until someone decides.
/// </summary>
public sealed class DataMinimisationTests
{
    private static readonly Dictionary<string, string> AllowedFreeText = new()
    {
        ["DeliveryRecipientShared.Name"] = "shared with the volunteer who brings the meal, only under a valid consent",
        ["DeliveryRecipientShared.Address"] = "as above",
        ["DeliveryRecipientShared.Phone"] = "as above",
        ["DeliveryRecipientShared.DietaryNotes"] = "as above",
        ["RecipientDetailsShown.ReaderRoles"] = "the reader's role codes (volunteer, coordinator …), for the access audit",
        ["RecipientDetailsShown.Where"] = "where the details were shown, a code: volunteer-task, meal-enrolments or dispatch-map",
        ["VolunteerRecordRead.ReaderRoles"] = "the reader's role codes, for the access audit",
        ["VolunteerRecordRead.What"] = "a code: volunteer-record, volunteer-list or reassign-candidates",
        ["VolunteerRegistered.Name"] = "kept for the wire's shape; sent empty since volunteers are sealed (issue 27)",
        ["VolunteerRegistered.Phone"] = "as above",
        ["DeliveryCompleted.ConcernNote"] = "the volunteer's observation, for the client's own case file in Cases only",
        ["VisitCompleted.ConcernNote"] = "as above",
        ["ProviderRegistered.Name"] = "an organisation's public name",
        ["ProviderRegistered.CreditCode"] = "an organisation's public registration code",
        ["ResourceOffered.ProviderName"] = "an organisation's public name",
        ["ResourceOffered.Title"] = "the title of a public offer",
        ["ResourceMatchedToNeeds.ProviderName"] = "an organisation's public name",
        ["ResourceMatchedToNeeds.Title"] = "the title of a public offer",
        ["ReferralProposed.ProviderName"] = "an organisation's public name",
        ["ReferralProposed.OfferTitle"] = "the title of a public offer",
        ["ReferralProposed.Reasons"] = "matching's reasons, built from categories and distances, never from personal data",
        ["ReferralApproved.OfferTitle"] = "the title of a public offer",
        ["ReferralAccepted.ProviderName"] = "an organisation's public name",
        ["GridLocation.District"] = "an administrative division code",
        ["GridLocation.Township"] = "an administrative division code",
        ["GridLocation.Grid"] = "a grid (网格) code",
        ["ServiceArea.Districts"] = "administrative division codes",
        ["ServiceArea.Townships"] = "administrative division codes",
        ["ServiceArea.Grids"] = "grid codes",
        ["StationOpened.DistrictCode"] = "an administrative division code",
        ["StationOpened.TownshipCode"] = "an administrative division code",
        ["StaffJoined.DistrictCode"] = "an administrative division code: where the post is",
        ["StaffRoleChanged.DistrictCode"] = "as above",
        ["StaffLeft.DistrictCode"] = "as above",
    };

    /// <summary>Fields whose names say "this is a person" are refused whatever their type, unless allowed.</summary>
    private static readonly string[] PersonalNames = ["Name", "Phone", "Address", "IdNumber", "Birth", "Email", "Note", "Gender", "Diagnosis", "Medication"];

    /// <summary>Exact positions travel only to whoever brings the meal; elsewhere positions are grid-level.</summary>
    private static readonly Dictionary<string, string> AllowedPositions = new()
    {
        ["DeliveryRecipientShared.Position"] = "the recipient's door, for the route, under consent",
        ["NeedRaised.ApproximatePosition"] = "the grid's position rounded to 0.01° (about 1 km)",
        ["ResourceOffered.ServicePoint"] = "a provider's public service point",
        ["ReferralAccepted.ServicePoint"] = "a provider's public service point",
    };

    public static TheoryData<string> EventTypes()
    {
        var data = new TheoryData<string>();
        foreach (var type in ContractTypes().Where(t => t.GetProperty("EventId") is not null)) data.Add(type.Name);
        return data;
    }

    private static IEnumerable<Type> ContractTypes() =>
        typeof(CaseOpened).Assembly.GetTypes().Where(t => t.Namespace == typeof(CaseOpened).Namespace && t is { IsClass: true, IsPublic: true });

    [Theory]
    [MemberData(nameof(EventTypes))]
    public void An_event_carries_personal_data_only_where_DESIGN_allows_it(string eventType)
    {
        var type = ContractTypes().Single(t => t.Name == eventType);
        var offences = Fields(type, new HashSet<Type>()).Where(Offends).Select(f => $"{f.DeclaringType!.Name}.{f.Name}").ToList();
        offences.ShouldBeEmpty($"{eventType} carries fields that may hold personal data; add them to the allowed list with a reason, or remove them");
    }

    [Fact]
    public void Every_allowed_field_still_exists_so_the_list_cannot_go_stale()
    {
        var all = ContractTypes().SelectMany(t => t.GetProperties()).Select(p => $"{p.DeclaringType!.Name}.{p.Name}").ToHashSet();
        AllowedFreeText.Keys.Concat(AllowedPositions.Keys).Where(k => !all.Contains(k)).ShouldBeEmpty();
    }

    [Fact]
    public void The_check_catches_a_free_text_field_and_a_personal_name()
    {
        Offends(typeof(Probe).GetProperty(nameof(Probe.Remarks))!).ShouldBeTrue();
        Offends(typeof(Probe).GetProperty(nameof(Probe.BirthDate))!).ShouldBeTrue();
        Offends(typeof(Probe).GetProperty(nameof(Probe.Where))!).ShouldBeTrue();
        Offends(typeof(Probe).GetProperty(nameof(Probe.Count))!).ShouldBeFalse();
    }

    private sealed record Probe(string Remarks, DateOnly BirthDate, GeoPoint Where, int Count);

    private static bool Offends(PropertyInfo field)
    {
        var key = $"{field.DeclaringType!.Name}.{field.Name}";
        if (AllowedFreeText.ContainsKey(key) || AllowedPositions.ContainsKey(key)) return false;
        var type = Nullable.GetUnderlyingType(field.PropertyType) ?? field.PropertyType;
        if (type == typeof(GeoPoint)) return true;
        if (IsText(type)) return true;
        return PersonalNames.Any(n => field.Name.Contains(n, StringComparison.OrdinalIgnoreCase));
    }

    private static bool IsText(Type type) =>
        type == typeof(string) || (type.IsGenericType && type.GetGenericArguments().Any(IsText));

    /// <summary>Every property of the event and of the contract records it contains, recursively.</summary>
    private static IEnumerable<PropertyInfo> Fields(Type type, HashSet<Type> seen)
    {
        if (!seen.Add(type)) yield break;
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.Name == "EqualityContract") continue;
            yield return property;
            var inner = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            var nested = inner.IsGenericType ? inner.GetGenericArguments() : [inner];
            foreach (var n in nested.Where(n => n.Namespace == typeof(CaseOpened).Namespace && n.IsClass))
                foreach (var f in Fields(n, seen)) yield return f;
        }
    }
}
