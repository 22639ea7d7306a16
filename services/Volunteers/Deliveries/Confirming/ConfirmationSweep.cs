using FiveSocieties.BuildingBlocks.Privacy;
using FiveSocieties.BuildingBlocks.EventStore;
using FiveSocieties.BuildingBlocks.Scheduling;
using FiveSocieties.BuildingBlocks.Sms;
using FiveSocieties.Volunteers.Enrolments;
using Marten;

namespace FiveSocieties.Volunteers.Deliveries.Confirming;

/// <summary>
/// The evening before (Volunteers:ConfirmationAskAt, local time), texts each household with a meal
/// tomorrow whose phone Cases shares under a valid consent, and who consented to be texted (a valid
/// SmsContact consent): reply 1 to confirm, 2 to skip. The
/// question is recorded on the delivery with its expected version before the SMS goes, so a
/// second replica or a repeated sweep never asks twice; a crash between the two loses one
/// question rather than texting a household twice.
/// </summary>
public sealed class ConfirmationSweep(
    IDocumentStore store, IPersonalKeyStore personalKeys, AliyunSmsClient sms, VolunteersSettings settings, LocalCalendar calendar, ILogger<ConfirmationSweep> logger)
    : IPeriodicSweep
{
    public async Task SweepAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!sms.Configured || calendar.TimeOfDay(now) < settings.ConfirmationAskAt) return;
        var tomorrow = calendar.Today(now).AddDays(1);
        await using var query = store.QuerySession();
        var deliveries = await query.Query<Delivery>()
            .Where(d => d.Date == tomorrow && d.Kind == Contracts.V1.VolunteerTaskKind.MealDelivery
                        && d.Confirmation == RecipientConfirmation.NotAsked
                        && d.Status != DeliveryStatus.Cancelled && d.Status != DeliveryStatus.Completed && d.Status != DeliveryStatus.Missed)
            .ToListAsync(cancellationToken);
        if (deliveries.Count == 0) return;
        var caseIds = deliveries.Select(d => d.CaseId).Distinct().ToList();
        var enrolmentIds = caseIds.Select(MealEnrolment.IdFor).ToList();
        // Only while the consent that shared the phone is valid (a lapsed or withdrawn one leaves no phone
        // to text), and only for a household that agreed to be texted.
        var enrolments = (await query.LoadManyAsync<MealEnrolment>(cancellationToken, enrolmentIds))
            .Where(e => e.SealedDetails is not null && e.ValidUntil > now && e.MayText(now)).ToDictionary(e => e.CaseId);
        var keys = await RecipientVault.KeysAsync(personalKeys, enrolments.Keys, cancellationToken);

        foreach (var delivery in deliveries)
        {
            if (!enrolments.TryGetValue(delivery.CaseId, out var enrolment)
                || RecipientVault.Open(keys.GetValueOrDefault(delivery.CaseId), enrolment.SealedDetails) is not { } details
                || PhoneNumbers.Normalise(details.Phone) is not { } phone)
                continue;
            if (!await AskAsync(delivery, now, cancellationToken)) continue;
            var result = await sms.SendAsync(new SmsMessage(phone, settings.ConfirmationTemplateCode, MealConfirmationSms.Parameters(delivery),
                delivery.Id.ToString("N")), cancellationToken);
            if (result.Accepted) continue;
            logger.LogWarning("The confirmation SMS for delivery {DeliveryId} was refused: {Code}", delivery.Id, result.Code);
            await using var session = store.LightweightSession();
            await session.DecideAsync<Delivery>(delivery.Id,
                state => DeliveryDecider.Decide(state, new NoteConfirmationNotSent(delivery.Id, result.Code, now)), cancellationToken);
            await session.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>Records the question with the version read; false when another sweep or an answer got there first.</summary>
    private async Task<bool> AskAsync(Delivery delivery, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            await using var session = store.LightweightSession();
            var decision = await session.DecideAsync<Delivery>(delivery.Id,
                state => DeliveryDecider.Decide(state, new AskRecipientToConfirm(delivery.Id, now)), cancellationToken, delivery.Version);
            await session.SaveChangesAsync(cancellationToken);
            return !decision.ChangedNothing;
        }
        catch (JasperFx.ConcurrencyException)
        {
            return false;
        }
    }
}
