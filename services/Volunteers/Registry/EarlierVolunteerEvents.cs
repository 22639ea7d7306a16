using Marten;

namespace FiveSocieties.Volunteers.Registry;

/// <summary>
/// Volunteer events in a shape they no longer have, and how each reads today: Marten upcasts them as it
/// loads them, so old streams fold into today's aggregate and nothing stored is rewritten. Only read,
/// never appended (docs/operations.md, "Changing an event's shape").
/// </summary>
public static class EarlierVolunteerEvents
{
    /// <summary>
    /// Availability as one weekly window (days, from, to), before a volunteer could give several slots;
    /// it reads as an <see cref="AvailabilitySet"/> of that one slot.
    /// </summary>
    public sealed record VolunteerAvailabilityChanged(
        Guid VolunteerId, IReadOnlyList<DayOfWeek> Days, TimeOnly From, TimeOnly To, Guid ChangedBy, DateTimeOffset ChangedAt);

    /// <summary>The type name it was stored under (mt_events.type): Marten's default for the class, which the new event does not reuse.</summary>
    public const string AvailabilityChangedTypeName = "volunteer_availability_changed";

    public static StoreOptions UpcastEarlierVolunteerEvents(this StoreOptions store)
    {
        store.Events.Upcast<VolunteerAvailabilityChanged, AvailabilitySet>(AvailabilityChangedTypeName, old =>
            new AvailabilitySet(old.VolunteerId, [new AvailabilitySlot(old.Days, old.From, old.To)], old.ChangedBy, old.ChangedAt));
        return store;
    }
}
