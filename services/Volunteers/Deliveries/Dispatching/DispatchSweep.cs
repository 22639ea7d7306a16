using FiveSocieties.BuildingBlocks.EventStore;
using FiveSocieties.BuildingBlocks.Privacy;
using FiveSocieties.BuildingBlocks.Scheduling;
using FiveSocieties.Volunteers.Enrolments;
using Marten;

namespace FiveSocieties.Volunteers.Deliveries.Dispatching;

/// <summary>
/// What falls due with the clock: lapsed consents (their details are deleted), the morning plan (today's and tomorrow's deliveries), offers
/// nobody answered, volunteers who accepted but did not pick up by the window's start, and the
/// day-before reminders. Each delivery is its own transaction with its expected version, so a
/// second replica sweeping at the same moment changes nothing twice.
/// </summary>
public sealed class DispatchSweep(
    IDocumentStore store, Dispatcher dispatcher, IPersonalKeyStore keys, VolunteersSettings settings, LocalCalendar calendar, ILogger<DispatchSweep> logger)
    : IPeriodicSweep
{
    public async Task SweepAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var today = calendar.Today(now);
        var timeOfDay = calendar.TimeOfDay(now);
        if (timeOfDay >= settings.MorningPlanAt)
            foreach (var date in new[] { today, today.AddDays(1) })
                await PlanAsync(date, now, cancellationToken);

        await using var query = store.QuerySession();
        // Consent runs out on its own date: the details go then, without waiting for Cases to say so.
        var lapsed = await query.Query<MealEnrolment>()
            .Where(e => e.SealedDetails != null && e.ValidUntil <= now).ToListAsync(cancellationToken);
        foreach (var enrolment in lapsed)
        {
            try
            {
                await using var session = store.LightweightSession();
                await EnrolmentEnding.EndAsync(session, keys, new EndEnrolment(enrolment.CaseId, EnrolmentEndCause.ConsentExpired, null, null, now,
                    enrolment.ConsentId), cancellationToken);
                await session.SaveChangesAsync(cancellationToken);
            }
            catch (JasperFx.ConcurrencyException)
            {
                // Ended or renewed at the same moment: the next sweep sees which.
            }
        }

        var expired = await query.Query<Delivery>()
            .Where(d => d.Status == DeliveryStatus.Offered && d.RespondBy <= now).ToListAsync(cancellationToken);
        foreach (var delivery in expired)
            await ActAsync(delivery, async session =>
            {
                var next = await dispatcher.NextForAsync(session, delivery, now, cancellationToken);
                return state => DeliveryDecider.Decide(state, new ExpireOffer(delivery.Id, next, now));
            }, cancellationToken);

        var noShows = await query.Query<Delivery>()
            .Where(d => d.Status == DeliveryStatus.Accepted && d.StartsAt <= now).ToListAsync(cancellationToken);
        foreach (var delivery in noShows)
            await ActAsync(delivery, async session =>
            {
                var next = await dispatcher.NextForAsync(session, delivery, now, cancellationToken);
                return state => DeliveryDecider.Decide(state, new NoteNoShow(delivery.Id, next, now));
            }, cancellationToken);

        if (timeOfDay >= settings.ReminderAt)
        {
            var tomorrow = today.AddDays(1);
            var toRemind = await query.Query<Delivery>()
                .Where(d => d.Date == tomorrow && d.Status == DeliveryStatus.Accepted && !d.Reminded).ToListAsync(cancellationToken);
            foreach (var delivery in toRemind)
                await ActAsync(delivery, _ => Task.FromResult<Func<Delivery?, IReadOnlyList<object>>>(
                    state => DeliveryDecider.Decide(state, new RemindVolunteer(delivery.Id, now))), cancellationToken);
        }
    }

    private async Task PlanAsync(DateOnly date, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            await using var session = store.LightweightSession();
            await dispatcher.PlanDayAsync(session, date, null, now, cancellationToken);
            await session.SaveChangesAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Another replica (or a coordinator) planned the same day at the same moment: theirs stands.
            logger.LogWarning(e, "Planning {Date} lost a race; the next sweep plans what is left", date);
        }
    }

    private async Task ActAsync(Delivery delivery, Func<IDocumentSession, Task<Func<Delivery?, IReadOnlyList<object>>>> decide,
        CancellationToken cancellationToken)
    {
        try
        {
            await using var session = store.LightweightSession();
            var decision = await decide(session);
            await session.DecideAsync<Delivery>(delivery.Id, decision, cancellationToken, delivery.Version);
            await session.SaveChangesAsync(cancellationToken);
        }
        catch (JasperFx.ConcurrencyException)
        {
            // Changed since we read it (the volunteer answered just now): next sweep sees the new state.
        }
    }
}
