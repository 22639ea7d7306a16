using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using FiveSocieties.BuildingBlocks.Privacy;
using FiveSocieties.BuildingBlocks.EventStore;
using FiveSocieties.BuildingBlocks.Scheduling;
using FiveSocieties.BuildingBlocks.Sms;
using FiveSocieties.Volunteers.Enrolments;
using Marten;

namespace FiveSocieties.Volunteers.Deliveries.Confirming;

/// <summary>
/// One inbound SMS as the platform's HTTP push ("SmsUp", 上行消息) sends it; a push is an array of
/// these. The sequence id is a number in older documentation and a string in newer: both are read.
/// </summary>
public sealed record SmsUp(
    [property: JsonPropertyName("phone_number")] string? PhoneNumber,
    [property: JsonPropertyName("content")] string? Content,
    [property: JsonPropertyName("send_time")] string? SendTime,
    [property: JsonPropertyName("sign_name")] string? SignName,
    [property: JsonPropertyName("dest_code")] string? DestCode,
    [property: JsonPropertyName("sequence_id")] JsonElement SequenceId);

/// <summary>
/// An inbound reply, kept on a stream of its own keyed by the platform's sequence id, so the same
/// reply pushed again is refused rather than counted twice. It holds what the reply was taken as
/// and which deliveries it answered, never the number or the text.
/// </summary>
public sealed record RecipientReplied(Guid ReplyId, string SequenceId, RecipientAnswer? Answer, IReadOnlyList<Guid> DeliveryIds, DateTimeOffset ReceivedAt);

public static class RecipientRepliesEndpoint
{
    public static Guid StreamFor(string sequenceId) => DeterministicId.For("sms-reply", sequenceId);

    /// <summary>"1" confirms, "2" skips (full-width digits too, as phones often send them); anything else is not understood.</summary>
    public static RecipientAnswer? Parse(string? content) =>
        (content ?? "").Trim().Normalize(NormalizationForm.FormKC).TrimEnd('。', '.', '!', '！') switch
        {
            "1" => RecipientAnswer.Confirm,
            "2" => RecipientAnswer.Skip,
            _ => null,
        };

    /// <summary>
    /// POST /sms/replies/{token}: the households' replies to the evening-before question. The push is
    /// not signed by the platform, so the URL registered in its console holds the shared secret
    /// (Sms:ReceiptToken, as for receipts), compared in constant time: a wrong one is 401 and records
    /// nothing. A push whose every reply was recorded before is 409 and records nothing again.
    /// A reply answers the deliveries still awaiting an answer from that number (today's or later);
    /// their phones are opened from the sealed details rather than kept in any lookup, so nothing
    /// beyond the consent's own record links a number to a household.
    /// </summary>
    public static void MapRecipientReplies(this IEndpointRouteBuilder app) =>
        app.MapPost("/sms/replies/{token}", async (string token, SmsUp[] replies, SmsSettings sms, IDocumentStore store, IPersonalKeyStore personalKeys,
                TimeProvider time, LocalCalendar calendar, HttpResponse response, CancellationToken ct) =>
            {
                if (!sms.IsCallbackToken(token))
                    return Results.Problem(statusCode: StatusCodes.Status401Unauthorized,
                        title: "不是短信平台的上行消息地址。Not the platform's reply URL.");
                var now = time.GetUtcNow();
                var recorded = 0;
                foreach (var reply in replies)
                {
                    var sequenceId = reply.SequenceId.ValueKind switch
                    {
                        JsonValueKind.Number => reply.SequenceId.GetRawText(),
                        JsonValueKind.String => reply.SequenceId.GetString(),
                        _ => null,
                    };
                    if (string.IsNullOrWhiteSpace(sequenceId))
                        return Results.Problem(statusCode: StatusCodes.Status400BadRequest,
                            title: "上行消息缺少 sequence_id。A reply lacks its sequence_id.");
                    await using var query = store.QuerySession();
                    if (await query.Events.FetchStreamStateAsync(StreamFor(sequenceId), ct) is not null) continue;
                    var answer = Parse(reply.Content);
                    var awaiting = answer is null ? [] : await AwaitingAsync(query, personalKeys, PhoneNumbers.Normalise(reply.PhoneNumber), calendar.Today(now), now, ct);
                    switch (await RecordAsync(store, sequenceId, answer, awaiting, now, ct))
                    {
                        case true: recorded++; break;
                        case null:
                            // Deliveries kept changing under the reply: nothing of it was recorded, so the platform's next push takes it again.
                            response.Headers.RetryAfter = "5";
                            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "请稍后重推。Push again shortly.");
                    }
                }
                return recorded == 0 && replies.Length > 0
                    ? Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "这些上行消息已记录过。These replies were recorded before.")
                    : Results.Json(new { code = 0, msg = "接收成功" });
            })
            .AllowAnonymous()
            .DisableAntiforgery()
            // The platform's callback, not part of the API the apps call.
            .ExcludeFromDescription();

    /// <summary>
    /// The reply and its answers in one transaction: true when recorded, false when the same reply
    /// was recorded at the same moment by another push, null when the deliveries kept changing
    /// under it (a sweep reminding the volunteer in the same second, say) after a few tries.
    /// </summary>
    private static async Task<bool?> RecordAsync(IDocumentStore store, string sequenceId, RecipientAnswer? answer, IReadOnlyList<Delivery> awaiting,
        DateTimeOffset now, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                await using var session = store.LightweightSession();
                var answered = new List<Guid>();
                foreach (var delivery in awaiting)
                {
                    // Decided on the stream as it is now: the decider takes only the first answer to a question still open.
                    var decision = await session.DecideAsync<Delivery>(delivery.Id,
                        state => DeliveryDecider.Decide(state, new RecordRecipientAnswer(delivery.Id, answer!.Value, now)), ct);
                    if (!decision.ChangedNothing) answered.Add(delivery.Id);
                }
                session.Events.StartStream(StreamFor(sequenceId), new RecipientReplied(StreamFor(sequenceId), sequenceId, answer, answered, now));
                await session.SaveChangesAsync(ct);
                return true;
            }
            catch (JasperFx.Events.ExistingStreamIdCollisionException)
            {
                return false;
            }
            catch (JasperFx.ConcurrencyException)
            {
                // Another writer appended to one of the deliveries between reading and saving: decide again on what it wrote.
            }
        }
        return null;
    }

    private static async Task<IReadOnlyList<Delivery>> AwaitingAsync(IQuerySession query, IPersonalKeyStore personalKeys, string? phone, DateOnly today, DateTimeOffset now,
        CancellationToken ct)
    {
        if (phone is null) return [];
        var awaiting = await query.Query<Delivery>()
            .Where(d => d.Confirmation == RecipientConfirmation.NoAnswer && d.Date >= today).ToListAsync(ct);
        if (awaiting.Count == 0) return [];
        var enrolments = (await query.LoadManyAsync<MealEnrolment>(ct, awaiting.Select(d => MealEnrolment.IdFor(d.CaseId)).Distinct()))
            .Where(e => e.SealedDetails is not null && e.ValidUntil > now).ToDictionary(e => e.CaseId);
        var keys = await RecipientVault.KeysAsync(personalKeys, enrolments.Keys, ct);
        return awaiting.Where(d => enrolments.TryGetValue(d.CaseId, out var e)
                                   && PhoneNumbers.Normalise(RecipientVault.Open(keys.GetValueOrDefault(d.CaseId), e.SealedDetails)?.Phone) == phone)
            .ToList();
    }
}
