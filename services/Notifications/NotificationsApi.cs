using FiveSocieties.BuildingBlocks.Http;
using FiveSocieties.Notifications.Alarms;
using FiveSocieties.Notifications.Delivery;
using FiveSocieties.Notifications.Delivery.Sms;
using FiveSocieties.Notifications.Delivery.WeChat;
using FiveSocieties.Notifications.Delivery.Webhooks;
using FiveSocieties.Notifications.Inbox;
using FiveSocieties.Notifications.LiveStream;
using FiveSocieties.Notifications.Recipients;

namespace FiveSocieties.Notifications;

/// <summary>The Notifications service's routes, one capability each.</summary>
public static class NotificationsApi
{
    public const string ServiceName = "notifications";
    public const int DefaultPort = 5104;

    public static IEndpointRouteBuilder MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        app.MapOperatorLookup<Recipient>("/recipients/{id:guid}", "Recipient");
        app.MapOperatorLookup<CaseResponsibility>("/case-responsibilities/{id:guid}", "Case");
        app.MapPreferences();
        app.MapInbox();
        app.MapInboxStream();
        app.MapWebhooks();
        app.MapDeliveryFailures();
        app.MapSmsReceipts();
        app.MapWeChatBinding();
        app.MapAlarms();
        app.MapAlarmAcknowledgement();
        app.MapAlarmStatistics();
        app.MapOperatorLookup<Alarm>("/alarms/{id:guid}", "Alarm");
        return app;
    }
}
