using System.Text.Json.Serialization;
using FiveSocieties.BuildingBlocks.EventStore;
using FiveSocieties.BuildingBlocks.Sms;
using FiveSocieties.Notifications.Notifications;
using Marten;

namespace FiveSocieties.Notifications.Delivery.Sms;

/// <summary>One delivery receipt as the platform's HTTP push ("SmsReport") sends it; a push is an array of these.</summary>
public sealed record SmsReport(
    [property: JsonPropertyName("phone_number")] string? PhoneNumber,
    [property: JsonPropertyName("success")] bool Success,
    [property: JsonPropertyName("err_code")] string? ErrCode,
    [property: JsonPropertyName("err_msg")] string? ErrMsg,
    [property: JsonPropertyName("biz_id")] string? BizId,
    [property: JsonPropertyName("out_id")] string? OutId);

public static class SmsReceiptsEndpoint
{
    /// <summary>
    /// POST /sms/receipts/{token}: the platform's delivery receipts. Its HTTP push carries no
    /// signature, so the URL registered in its console holds a shared secret (Sms:ReceiptToken),
    /// compared in constant time; a wrong one is 401 and records nothing. The OutId of each receipt
    /// is the notification's id. The answer is the one the platform expects ({"code":0}); any other
    /// makes it push again (asked for when a receipt overtakes the record of its send), and a
    /// repeated receipt records nothing twice.
    /// </summary>
    public static void MapSmsReceipts(this IEndpointRouteBuilder app) =>
        app.MapPost("/sms/receipts/{token}", async (string token, SmsReport[] reports, SmsSettings sms, IDocumentStore store,
                TimeProvider time, CancellationToken ct) =>
            {
                if (!sms.IsCallbackToken(token))
                    return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "不是短信平台的回执地址。Not the platform's receipt URL.");
                var now = time.GetUtcNow();
                var early = false;
                foreach (var report in reports)
                {
                    if (!Guid.TryParseExact(report.OutId, "N", out var notificationId)) continue;
                    await using var session = store.LightweightSession();
                    var command = new RecordSmsReceipt(report.BizId ?? "", report.Success, report.ErrCode ?? (report.Success ? "DELIVERED" : "UNKNOWN"),
                        report.ErrMsg, now);
                    var decision = await session.DecideAsync<Notification>(notificationId,
                        state => state is null ? [] : NotificationDecider.Decide(state, command), ct);
                    // The receipt can overtake the sweep's record of the send: not yet, so the platform pushes it again.
                    early |= decision.ChangedNothing && await session.LoadAsync<Notification>(notificationId, ct) is { SmsSentAt: null } pending
                             && pending.Pending.Any(p => p.Channel == Recipients.Channel.Sms);
                    await session.SaveChangesAsync(ct);
                }
                return Results.Json(early ? new { code = 1, msg = "短信发送尚未记录，请稍后重推" } : new { code = 0, msg = "成功" });
            })
            .AllowAnonymous()
            .DisableAntiforgery()
            // The platform's callback, not part of the API the apps call.
            .ExcludeFromDescription();
}
