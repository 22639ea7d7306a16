using FiveSocieties.BuildingBlocks.EventStore;
using FiveSocieties.BuildingBlocks.Messaging;
using FiveSocieties.Notifications.Recipients;
using Marten;
using MassTransit;
using V1 = FiveSocieties.Contracts.V1;

namespace FiveSocieties.Notifications.Integration.Incoming;

/// <summary>A new station: its district, so its alarms can climb to the district's duty officers.</summary>
public sealed class StationOpenedConsumer(IDocumentStore store) : InboxConsumer<V1.StationOpened>(store)
{
    protected override bool CommitsByGroup => true;
    protected override IEnumerable<Guid> StreamsOf(V1.StationOpened message) => [message.StationId];

    protected override Task HandleAsync(V1.StationOpened message, IDocumentSession session, ConsumeContext<V1.StationOpened> context) =>
        Roster.PlaceStationAsync(session, message.StationId, message.DistrictCode, context.CancellationToken);
}

/// <summary>Someone joined a roster: reachable for that post's alarms from now on, with default preferences until they set their own.</summary>
public sealed class StaffJoinedConsumer(IDocumentStore store) : InboxConsumer<V1.StaffJoined>(store)
{
    protected override bool CommitsByGroup => true;
    protected override IEnumerable<Guid> StreamsOf(V1.StaffJoined message) => Roster.StreamsOf(message.PersonId, message.StationId);

    protected override Task HandleAsync(V1.StaffJoined message, IDocumentSession session, ConsumeContext<V1.StaffJoined> context) =>
        Roster.FollowAsync(session, message.PersonId, message.Role, message.StationId, message.DistrictCode, Roster.VersionOf(context),
            context.CancellationToken);
}

public sealed class StaffRoleChangedConsumer(IDocumentStore store) : InboxConsumer<V1.StaffRoleChanged>(store)
{
    protected override bool CommitsByGroup => true;
    protected override IEnumerable<Guid> StreamsOf(V1.StaffRoleChanged message) => Roster.StreamsOf(message.PersonId, message.StationId);

    protected override Task HandleAsync(V1.StaffRoleChanged message, IDocumentSession session, ConsumeContext<V1.StaffRoleChanged> context) =>
        Roster.FollowAsync(session, message.PersonId, message.Role, message.StationId, message.DistrictCode, Roster.VersionOf(context),
            context.CancellationToken);
}

/// <summary>Someone left a roster: no more of that station's or district's alarms.</summary>
public sealed class StaffLeftConsumer(IDocumentStore store) : InboxConsumer<V1.StaffLeft>(store)
{
    protected override bool CommitsByGroup => true;
    protected override IEnumerable<Guid> StreamsOf(V1.StaffLeft message) => [message.PersonId];

    protected override Task HandleAsync(V1.StaffLeft message, IDocumentSession session, ConsumeContext<V1.StaffLeft> context) =>
        session.DecideAsync<Recipient>(message.PersonId,
            state => RecipientDecider.Decide(state, new FollowRoster(message.PersonId, null, Guid.Empty, null, Roster.VersionOf(context))),
            context.CancellationToken);
}

public static class Roster
{
    /// <summary>What a roster message decides on: the person's recipient stream and their station's place.</summary>
    public static IEnumerable<Guid> StreamsOf(Guid personId, Guid? stationId) => stationId is { } station ? [personId, station] : [personId];

    /// <summary>The version of the person's roster stream, which the relay carries with each event.</summary>
    public static long VersionOf(ConsumeContext context) => context.Headers.Get<long>(FiveSocieties.BuildingBlocks.Messaging.MessageHeaders.StreamVersion) ?? 0;

    public static async Task FollowAsync(IDocumentSession session, Guid personId, V1.StaffRole role, Guid? stationId, string districtCode,
        long rosterVersion, CancellationToken ct)
    {
        var kind = role switch
        {
            V1.StaffRole.Caseworker => RecipientKind.Caseworker,
            V1.StaffRole.Supervisor => RecipientKind.Supervisor,
            V1.StaffRole.Coordinator => RecipientKind.Coordinator,
            V1.StaffRole.DistrictOfficer => RecipientKind.DistrictOfficer,
            _ => throw new ArgumentOutOfRangeException(nameof(role), role, "a role this version does not know"),
        };
        await session.DecideAsync<Recipient>(personId,
            state => RecipientDecider.Decide(state, new FollowRoster(personId, kind, stationId ?? Guid.Empty, districtCode, rosterVersion)), ct);
        // A station's staff also tell where the station is: its alarms can climb even if StationOpened is still on its way.
        if (stationId is { } station) await PlaceStationAsync(session, station, districtCode, ct);
    }

    public static Task PlaceStationAsync(IDocumentSession session, Guid stationId, string districtCode, CancellationToken ct) =>
        session.DecideAsync<StationPlace>(stationId, state => StationPlace.Decide(state, new StationPlaced(stationId, districtCode)), ct);
}
