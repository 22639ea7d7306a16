using FiveSocieties.BuildingBlocks.Messaging;
using FiveSocieties.Volunteers.Deliveries;
using FiveSocieties.Volunteers.Deliveries.VolunteerTasks;
using FiveSocieties.Volunteers.Enrolments;
using FiveSocieties.Volunteers.Registry;
using FiveSocieties.Volunteers.TimeBank;
using JasperFx.Events;
using V1 = FiveSocieties.Contracts.V1;

namespace FiveSocieties.Volunteers.Integration.Outgoing;

/// <summary>
/// What the other services hear from Volunteers (DESIGN §5): ids, station, day and window; never a
/// recipient's details — only that someone was shown them, for the case's access audit in Cases.
/// </summary>
public sealed class VolunteersIntegrationEvents : IIntegrationEventMapper
{
    public IReadOnlyCollection<Type> RelayedEventTypes { get; } =
    [
        typeof(VolunteerRegistered), typeof(VolunteerErased), typeof(VolunteerRecordRead), typeof(DeliveryOffered), typeof(DeliveryDispatchFailed), typeof(DeliveryReminderSent),
        typeof(DeliveryCompleted), typeof(DeliveryMissed), typeof(HoursCredited), typeof(DeliveryReassigned),
        typeof(DeliverySkippedByRecipient), typeof(RecipientDetailsRead),
    ];

    public object? Map(IEvent @event) => @event.Data switch
    {
        // Name and phone stay sealed here: no consumer keeps them (the contract's fields go empty).
        VolunteerRegistered e => new V1.VolunteerRegistered(@event.Id, e.RegisteredAt, e.VolunteerId, e.StationId, "", "", e.Skills, e.IsSenior),
        VolunteerErased e => new V1.VolunteerErased(@event.Id, e.ErasedAt, e.VolunteerId),
        VolunteerRecordRead e => new V1.VolunteerRecordRead(@event.Id, e.At, e.StationId, e.VolunteerId, e.What, e.Shown, e.ReaderId, e.ReaderRoles),
        DeliveryOffered e => new V1.VolunteerDispatched(@event.Id, e.OfferedAt, e.DeliveryId,
            e.Ref.Kind, e.VolunteerId, e.Ref.StationId, e.Ref.CaseId, e.Ref.Date, e.Ref.WindowFrom, e.Ref.WindowTo, e.RouteStop, e.RespondBy),
        DeliveryDispatchFailed e => new V1.DispatchFailed(@event.Id, e.FailedAt, e.DeliveryId,
            e.Ref.Kind, e.Ref.StationId, e.Ref.CaseId, e.Ref.Date, e.Reason),
        DeliveryReminderSent e => new V1.DeliveryReminderDue(@event.Id, e.SentAt, e.DeliveryId,
            e.Ref.Kind, e.VolunteerId, e.Ref.StationId, e.Ref.Date, e.Ref.WindowFrom, e.Ref.WindowTo),
        DeliveryCompleted { Ref.Kind: V1.VolunteerTaskKind.CompanionshipVisit } e => new V1.VisitCompleted(@event.Id, e.CompletedAt, e.DeliveryId,
            e.Ref.CaseId, e.Ref.StationId, e.VolunteerId, e.Ref.Date, e.Hours, e.Wellbeing, e.ConcernNote),
        DeliveryCompleted e => new V1.DeliveryCompleted(@event.Id, e.CompletedAt, e.DeliveryId,
            e.Ref.CaseId, e.Ref.StationId, e.VolunteerId, e.Ref.Date, e.Wellbeing, e.ConcernNote),
        DeliveryMissed e => new V1.DeliveryMissed(@event.Id, e.MissedAt, e.DeliveryId, e.Ref.CaseId,
            e.Ref.StationId, e.VolunteerId, e.Ref.Date, e.Reason, e.LivesAlone),
        // Taken from nobody (it was waiting for someone), nobody needs telling.
        DeliveryReassigned { FromVolunteerId: { } from } e => new V1.VolunteerTaskReassigned(@event.Id, e.ReassignedAt, e.DeliveryId,
            e.Ref.Kind, from, e.Ref.StationId, e.Ref.Date, e.Ref.WindowFrom, e.Ref.WindowTo),
        DeliverySkippedByRecipient e => new V1.DeliverySkippedByRecipient(@event.Id, e.SkippedAt, e.DeliveryId, e.Ref.CaseId,
            e.Ref.StationId, e.VolunteerId, e.Ref.Date, e.Ref.WindowFrom, e.Ref.WindowTo),
        RecipientDetailsRead e => new V1.RecipientDetailsShown(@event.Id, e.At, e.CaseId, e.StationId, e.DeliveryId, e.VolunteerId,
            e.ReaderId, e.ReaderRoles, e.Where),
        HoursCredited e => new V1.VolunteerHoursCredited(@event.Id, e.CreditedAt, e.EntryId, e.VolunteerId, e.StationId, e.Hours,
            e.Source, e.TaskId),
        _ => null,
    };
}
