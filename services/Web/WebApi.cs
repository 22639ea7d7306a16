namespace FiveSocieties.Web;

/// <summary>The Web host: the station workbench's static app and its backend-for-frontend.</summary>
public static class WebApi
{
    public const string ServiceName = "web";
    public const int DefaultPort = 5100;
}
