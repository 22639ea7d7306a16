using FiveSocieties.BuildingBlocks.Messaging;
using FiveSocieties.Cases.Cases;
using FiveSocieties.Cases.Households;
using FiveSocieties.Cases.Staff;
using FiveSocieties.Cases.Stations;
using FiveSocieties.BuildingBlocks.Privacy;
using FiveSocieties.BuildingBlocks.Scheduling;
using JasperFx.Events;
using Marten;
using V1 = FiveSocieties.Contracts.V1;

namespace FiveSocieties.Cases.Integration.Outgoing;

/// <summary>
/// What the other services hear from Cases (DESIGN §5): ids, station, grid, group and categories;
/// never personal data — except DeliveryRecipientShared, which exists only while a consent allows
/// it, and whose fields are opened from the sealed household record as it is published (an erased
/// client's details cannot be opened, so nothing is published).
/// </summary>
public sealed class CasesIntegrationEvents(IServiceProvider services, LocalCalendar calendar) : IIntegrationEventMapper
{
    // Resolved on first use: the store owns the subscription that owns this mapper.
    private IDocumentStore Store => field ??= services.GetRequiredService<IDocumentStore>();
    private IPersonalKeyStore PersonalKeys => field ??= services.GetRequiredService<IPersonalKeyStore>();

    public IReadOnlyCollection<Type> RelayedEventTypes { get; } =
    [
        typeof(CaseOpened), typeof(CaseworkerReassigned), typeof(NeedRaised), typeof(NeedWithdrawn), typeof(CaseClosed),
        typeof(CaseReopened), typeof(DeliveryDetailsShared), typeof(DeliveryDetailsRevoked), typeof(NeedFulfilled),
        typeof(VisitOverdueNoticed), typeof(Cases.Erasing.ClientDataErased), typeof(Auditing.CaseFileOpenedByBreakGlass), typeof(Auditing.HouseholdOpenedByBreakGlass),
        typeof(SmsContactAllowed), typeof(SmsContactEnded), typeof(MealSkipsNoticed),
        typeof(StationOpened), typeof(StaffJoined), typeof(StaffRoleChanged), typeof(StaffLeft), typeof(UrgentNeedLeftUnmatched),
    ];

    public object? Map(IEvent @event) => @event.Data switch
    {
        CaseOpened e => new V1.CaseOpened(@event.Id, e.OpenedAt, e.CaseId, e.StationId, e.CaseworkerId, e.ClientGroup,
            e.Categories, Grid(e.Location)),
        CaseworkerReassigned e => new V1.CaseworkerAssigned(@event.Id, e.ReassignedAt, e.CaseId, e.StationId,
            e.CaseworkerId, e.PreviousCaseworkerId),
        NeedRaised e => new V1.NeedRaised(@event.Id, e.RaisedAt, e.NeedId, e.CaseId, e.StationId, e.CaseworkerId, e.Category,
            e.Urgency, e.Recurrence, e.Quantity, e.StartDate, e.ClientGroup, e.ClientCategories, Grid(e.Location),
            e.ClientAge, e.AbilityLevel, e.RiskLevel, e.ApproximatePosition),
        NeedWithdrawn e => new V1.NeedWithdrawn(@event.Id, e.WithdrawnAt, e.NeedId, e.CaseId, e.Cause),
        CaseClosed e => new V1.CaseClosed(@event.Id, e.ClosedAt, e.CaseId, e.StationId),
        CaseReopened e => new V1.CaseReopened(@event.Id, e.ReopenedAt, e.CaseId, e.StationId, e.CaseworkerId),
        VisitOverdueNoticed e => new V1.VisitOverdue(@event.Id, e.NoticedAt, e.CaseId, e.StationId, e.CaseworkerId,
            calendar.Today(e.DueAt)),
        NeedFulfilled e => new V1.NeedFulfilled(@event.Id, e.FulfilledAt, e.NeedId, e.CaseId, e.ReferralId),
        UrgentNeedLeftUnmatched e => new V1.UrgentNeedUnmatched(@event.Id, e.NoticedAt, e.NeedId, e.CaseId, e.StationId, e.CaseworkerId,
            e.Category, e.RaisedAt),
        DeliveryDetailsRevoked e => new V1.DeliveryRecipientRevoked(@event.Id, e.RevokedAt, e.ConsentId, e.CaseId, e.Cause),
        SmsContactAllowed e => new V1.HouseholdSmsContactAllowed(@event.Id, e.AllowedAt, e.ConsentId, e.CaseId, e.ValidUntil),
        SmsContactEnded e => new V1.HouseholdSmsContactEnded(@event.Id, e.EndedAt, e.ConsentId, e.CaseId, e.Cause),
        MealSkipsNoticed e => new V1.MealSkipsNoticed(@event.Id, e.NoticedAt, e.CaseId, e.StationId, e.Dates.Count, e.Dates[0], e.Dates[^1]),
        Cases.Erasing.ClientDataErased e => new V1.ClientDataErased(@event.Id, e.ErasedAt, e.CaseId),
        Auditing.CaseFileOpenedByBreakGlass e => new V1.CaseFileOpenedByBreakGlass(@event.Id, e.At, e.CaseId, e.StationId, e.SupervisorId),
        Auditing.HouseholdOpenedByBreakGlass e => new V1.HouseholdOpenedByBreakGlass(@event.Id, e.At, e.HouseholdId, e.StationId, e.SupervisorId),
        StationOpened e => new V1.StationOpened(@event.Id, e.OpenedAt, e.StationId, e.DistrictCode, e.TownshipCode),
        // Who answers where, never their name: the other services know people by their sign-in.
        StaffJoined e => new V1.StaffJoined(@event.Id, e.JoinedAt, e.PersonId, e.Role, e.StationId, e.DistrictCode),
        StaffRoleChanged e => new V1.StaffRoleChanged(@event.Id, e.ChangedAt, e.PersonId, e.Role, e.StationId, e.DistrictCode),
        StaffLeft e => new V1.StaffLeft(@event.Id, e.LeftAt, e.PersonId, e.StationId, e.DistrictCode),
        _ => null,
    };

    public async ValueTask<object?> MapAsync(IEvent @event, CancellationToken cancellationToken)
    {
        if (@event.Data is not DeliveryDetailsShared e) return Map(@event);
        await using var session = Store.QuerySession();
        var client = await ClientDirectory.OpenAsync(session, PersonalKeys, e.Client.HouseholdId, e.Client.MemberId, cancellationToken);
        if (client is not { Details: { } person, Home: { } home }) return null;
        var notesKey = await PersonalKeys.FindAsync(e.Client.MemberId, cancellationToken);
        return new V1.DeliveryRecipientShared(@event.Id, e.SharedAt, e.ConsentId, e.CaseId, e.StationId, person.Name, home.Address,
            person.Phone ?? "", PersonalData.Open(notesKey, e.SealedDietaryNotes),
            home is { Latitude: { } lat, Longitude: { } lon } ? new V1.GeoPoint(lat, lon) : null,
            Grid(e.Location), e.LivesAlone, e.ValidUntil);
    }

    private static V1.GridLocation Grid(CaseLocation location) => new(location.District, location.Township, location.Grid);
}
