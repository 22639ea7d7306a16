using FiveSocieties.BuildingBlocks.Privacy;
using FiveSocieties.BuildingBlocks.EventStore;
using FiveSocieties.BuildingBlocks.Scheduling;
using FiveSocieties.Contracts.V1;
using FiveSocieties.Volunteers.Enrolments;
using FiveSocieties.Volunteers.Registry;
using FiveSocieties.Volunteers.ServedCases;
using Marten;

namespace FiveSocieties.Volunteers.Deliveries.Dispatching;

public sealed record DayPlanned(DateOnly Date, int Scheduled, int Offered, int Unassignable, double TotalKilometres);

/// <param name="Suggested">The planner's choice: what it would offer the delivery to next.</param>
/// <param name="MayTake">Free that day in the window, with the skill, room in their load and (for a child) a cleared background check.</param>
/// <param name="Passed">Declined it, let the offer lapse, did not show or had it taken away: the planner no longer offers it to them.</param>
/// <param name="Kilometres">From their home to the household (or the canteen when the household's place is unknown).</param>
public sealed record ReassignCandidate(
    Guid VolunteerId, string Name, bool Suggested, bool MayTake, bool Passed, int Load, int MaxLoad, BackgroundCheckStatus BackgroundCheck,
    double Kilometres);

/// <summary>
/// Brings the planner and the streams together: schedules a day's deliveries for the enrolled
/// households, offers them along the planned routes, and finds the next volunteer when one
/// declines, lets the offer lapse or does not show. Appends in the caller's session; the caller commits.
/// </summary>
public sealed class Dispatcher(VolunteersSettings settings, LocalCalendar calendar, IPersonalKeyStore keys)
{
    public async Task<DayPlanned> PlanDayAsync(IDocumentSession session, DateOnly date, Guid? stationId, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var startsOfDay = calendar.StartOfDay(date);
        var enrolments = (await session.Query<MealEnrolment>()
                .Where(e => e.Status == EnrolmentStatus.Enrolled)
                .Where(e => stationId == null || e.StationId == stationId)
                .ToListAsync(cancellationToken))
            .Where(e => e.DeliversOn(date, startsOfDay)).ToList();
        var existing = (await session.Query<Delivery>()
                .Where(d => d.Date == date)
                .Where(d => stationId == null || d.StationId == stationId)
                .ToListAsync(cancellationToken)).ToDictionary(d => d.Id);
        var served = (await session.LoadManyAsync<ServedCase>(cancellationToken, enrolments.Select(e => e.CaseId).ToArray())).ToDictionary(c => c.Id);

        var newlyScheduled = new List<DeliveryScheduled>();
        foreach (var enrolment in enrolments)
        {
            var id = Delivery.IdFor(enrolment.CaseId, date);
            if (existing.ContainsKey(id)) continue;
            newlyScheduled.Add(new DeliveryScheduled(id, enrolment.CaseId, enrolment.StationId, date, enrolment.WindowFrom, enrolment.WindowTo,
                calendar.At(date, enrolment.WindowFrom), enrolment.Canteen, served.GetValueOrDefault(enrolment.CaseId)?.IsChild ?? false, now));
        }
        var toOffer = existing.Values.Where(d => d.Status == DeliveryStatus.Scheduled)
            .Concat(newlyScheduled.Select(s => Delivery.From(s, 0))).ToList();
        var offers = await PlanOffersAsync(session, toOffer, existing.Values.Where(d => d.IsAssigned).ToList(), now, cancellationToken);
        await AppendAsync(session, newlyScheduled, existing.Values.Where(d => d.Status == DeliveryStatus.Scheduled), offers, now, cancellationToken);
        return new DayPlanned(date, newlyScheduled.Count, offers.Next.Count, toOffer.Count - offers.Next.Count, offers.Kilometres);
    }

    /// <summary>Schedules new tasks (e.g. companionship visits) and offers each to the best volunteer of its day.</summary>
    public async Task<int> ScheduleAndOfferAsync(IDocumentSession session, IReadOnlyList<DeliveryScheduled> scheduled, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var offered = 0;
        foreach (var day in scheduled.GroupBy(s => (s.Date, s.StationId)))
        {
            var held = await session.Query<Delivery>()
                .Where(d => d.Date == day.Key.Date && d.StationId == day.Key.StationId)
                .ToListAsync(cancellationToken);
            var offers = await PlanOffersAsync(session, day.Select(s => Delivery.From(s, 0)).ToList(), held.Where(d => d.IsAssigned).ToList(),
                now, cancellationToken);
            await AppendAsync(session, day.ToList(), [], offers, now, cancellationToken);
            offered += offers.Next.Count;
        }
        return offered;
    }

    private static async Task AppendAsync(IDocumentSession session, IReadOnlyList<DeliveryScheduled> newlyScheduled, IEnumerable<Delivery> waiting,
        Offers offers, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var scheduled in newlyScheduled)
        {
            var state = Delivery.From(scheduled);
            session.Events.StartStream<Delivery>(scheduled.DeliveryId,
                [scheduled, .. DeliveryDecider.Decide(state, new OfferDelivery(state.Id, offers.Next.GetValueOrDefault(state.Id), now))]);
        }
        foreach (var delivery in waiting)
            await session.DecideAsync<Delivery>(delivery.Id,
                state => DeliveryDecider.Decide(state, new OfferDelivery(delivery.Id, offers.Next.GetValueOrDefault(delivery.Id), now)),
                cancellationToken, delivery.Version);
    }

    /// <summary>The next best volunteer for one delivery (never one who passed on it), or null when nobody may take it.</summary>
    public async Task<NextOffer?> NextForAsync(IDocumentSession session, Delivery delivery, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var sameDay = await session.Query<Delivery>()
            .Where(d => d.Date == delivery.Date && d.StationId == delivery.StationId)
            .ToListAsync(cancellationToken);
        var held = sameDay.Where(d => d.IsAssigned && d.Id != delivery.Id).ToList();
        var passed = delivery.Passed.Append(delivery.VolunteerId ?? Guid.Empty).ToHashSet();
        var offers = await PlanOffersAsync(session, [delivery], held, now, cancellationToken, passed);
        return offers.Next.GetValueOrDefault(delivery.Id);
    }

    /// <summary>
    /// Whom a coordinator might give one delivery to: the planner's choice first (the volunteer its
    /// route search would offer it to next), then every other active volunteer of the station, those
    /// who may take it before those who may not, nearest first. The current holder is left out.
    /// </summary>
    public async Task<IReadOnlyList<ReassignCandidate>> CandidatesForAsync(IDocumentSession session, Delivery delivery, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var planned = await NextForAsync(session, delivery, now, cancellationToken);
        var sameDay = await session.Query<Delivery>()
            .Where(d => d.Date == delivery.Date && d.StationId == delivery.StationId)
            .ToListAsync(cancellationToken);
        var load = sameDay.Where(d => d.IsAssigned && d.VolunteerId is not null && d.Id != delivery.Id)
            .GroupBy(d => d.VolunteerId!.Value).ToDictionary(g => g.Key, g => g.Count());
        var volunteers = await session.Query<Volunteer>()
            .Where(v => v.StationId == delivery.StationId && v.Status == VolunteerStatus.Active)
            .ToListAsync(cancellationToken);
        var places = await PlacesAsync(session, keys, [delivery.CaseId], cancellationToken);
        var people = await PeopleAsync(volunteers, cancellationToken);
        var task = TaskFor(delivery, places);
        return volunteers
            .Where(v => v.Id != delivery.VolunteerId && people.ContainsKey(v.Id))
            .Select(v =>
            {
                var (held, person) = (load.GetValueOrDefault(v.Id), people[v.Id]);
                var candidate = new CandidateVolunteer(v.Id, v.StationId, person.Home, v.Skills.ToHashSet(), v.Availability,
                    v.BackgroundCheck == BackgroundCheckStatus.Cleared, v.MaxLoad, []);
                return new ReassignCandidate(v.Id, person.Name, v.Id == planned?.VolunteerId, DispatchPlanner.MayTake(candidate, task) && held < v.MaxLoad,
                    delivery.Passed.Contains(v.Id), held, v.MaxLoad, v.BackgroundCheck, Math.Round(person.Home.KilometresTo(task.Location), 2));
            })
            .OrderByDescending(c => c.Suggested).ThenByDescending(c => c.MayTake).ThenBy(c => c.Kilometres).ThenBy(c => c.Name)
            .ToList();
    }

    /// <summary>The offer a coordinator's choice gets: the next stop of that volunteer's day, answered as any offer.</summary>
    public async Task<NextOffer> OfferForAsync(IQuerySession session, Delivery delivery, Guid volunteerId, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var stops = await session.Query<Delivery>()
            .Where(d => d.Date == delivery.Date && d.VolunteerId == volunteerId && d.Id != delivery.Id)
            .ToListAsync(cancellationToken);
        var last = stops.Where(d => d.IsAssigned).Select(d => d.RouteStop).DefaultIfEmpty(0).Max();
        return new NextOffer(volunteerId, last + 1, RespondBy(delivery, now));
    }

    private sealed record Offers(Dictionary<Guid, NextOffer> Next, double Kilometres);

    private async Task<Offers> PlanOffersAsync(IDocumentSession session, IReadOnlyList<Delivery> toOffer, IReadOnlyList<Delivery> held,
        DateTimeOffset now, CancellationToken cancellationToken, IReadOnlySet<Guid>? excluded = null)
    {
        if (toOffer.Count == 0) return new Offers([], 0);
        var stations = toOffer.Select(d => d.StationId).Distinct().ToArray();
        var volunteers = await session.Query<Volunteer>()
            .Where(v => v.StationId.IsOneOf(stations) && v.Status == VolunteerStatus.Active)
            .ToListAsync(cancellationToken);
        var places = await PlacesAsync(session, keys, toOffer.Concat(held).Select(d => d.CaseId), cancellationToken);
        var people = await PeopleAsync(volunteers, cancellationToken);

        var heldBy = held.Where(d => d.VolunteerId is not null).OrderBy(d => d.RouteStop).ToLookup(d => d.VolunteerId!.Value);
        var candidates = volunteers
            .Where(v => (excluded is null || !excluded.Contains(v.Id)) && people.ContainsKey(v.Id))
            .Select(v => new CandidateVolunteer(v.Id, v.StationId, people[v.Id].Home, v.Skills.ToHashSet(), v.Availability,
                v.BackgroundCheck == BackgroundCheckStatus.Cleared, v.MaxLoad, heldBy[v.Id].Select(d => TaskFor(d, places)).ToList()))
            .ToList();
        var tasks = toOffer.Select(d => TaskFor(d, places)).ToList();
        var plan = DispatchPlanner.Plan(tasks, candidates);

        var byId = toOffer.ToDictionary(d => d.Id);
        var next = new Dictionary<Guid, NextOffer>();
        foreach (var (taskId, volunteerId, stop) in plan.Assignments())
        {
            if (!byId.TryGetValue(taskId, out var delivery)) continue; // a held task keeps its offer
            if (delivery.Passed.Contains(volunteerId)) continue;
            next[taskId] = new NextOffer(volunteerId, stop, RespondBy(delivery, now));
        }
        return new Offers(next, plan.TotalKilometres);
    }

    private DateTimeOffset RespondBy(Delivery delivery, DateTimeOffset now)
    {
        var respondBy = now + settings.OfferTimeout;
        if (delivery.StartsAt < respondBy) respondBy = delivery.StartsAt;
        return respondBy > now ? respondBy : now + TimeSpan.FromMinutes(15);
    }

    private static TaskToPlace TaskFor(Delivery delivery, IReadOnlyDictionary<Guid, Position?> places)
    {
        var location = places.GetValueOrDefault(delivery.CaseId) ?? delivery.Canteen ?? default;
        return new TaskToPlace(delivery.Id, delivery.StationId, delivery.Date, delivery.WindowFrom, delivery.WindowTo, location,
            delivery.Canteen ?? location, delivery.IsVisit ? VolunteerSkill.Companionship : VolunteerSkill.MealDelivery, delivery.ChildFacing);
    }

    /// <summary>The volunteers' names and homes, opened with their keys; an erased volunteer is missing.</summary>
    private async Task<IReadOnlyDictionary<Guid, VolunteerPerson>> PeopleAsync(IReadOnlyList<Volunteer> volunteers, CancellationToken cancellationToken)
    {
        var opened = await keys.FindAsync(volunteers.Select(v => v.Id).ToList(), cancellationToken);
        return volunteers.Select(v => (v.Id, Person: v.Person(opened.GetValueOrDefault(v.Id))))
            .Where(p => p.Person is not null).ToDictionary(p => p.Id, p => p.Person!);
    }

    /// <summary>Where each household lives, from its sealed details (null when unknown or shredded).</summary>
    internal static async Task<IReadOnlyDictionary<Guid, Position?>> PlacesAsync(IQuerySession session, IPersonalKeyStore personalKeys, IEnumerable<Guid> caseIds,
        CancellationToken cancellationToken)
    {
        var ids = caseIds.Distinct().ToArray();
        var enrolments = await session.LoadManyAsync<MealEnrolment>(cancellationToken, ids.Select(MealEnrolment.IdFor).ToArray());
        var opened = await RecipientVault.KeysAsync(personalKeys, ids, cancellationToken);
        return enrolments.ToDictionary(e => e.CaseId, e => RecipientVault.Open(opened.GetValueOrDefault(e.CaseId), e.SealedDetails)?.Position);
    }
}
