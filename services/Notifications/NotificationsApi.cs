using FiveSocieties.BuildingBlocks.Http;
using FiveSocieties.Notifications.Recipients;

namespace FiveSocieties.Notifications;

public static class NotificationsApi
{
    public const string ServiceName = "notifications";
    public const int DefaultPort = 5104;

    public static IEndpointRouteBuilder MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        app.MapOperatorLookup<Recipient>("/recipients/{id:guid}", "Recipient");
        return app;
    }
}
