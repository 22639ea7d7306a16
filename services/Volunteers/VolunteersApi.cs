using FiveSocieties.BuildingBlocks.Http;
using FiveSocieties.Volunteers.ServedCases;

namespace FiveSocieties.Volunteers;

public static class VolunteersApi
{
    public const string ServiceName = "volunteers";
    public const int DefaultPort = 5103;

    public static IEndpointRouteBuilder MapVolunteersApi(this IEndpointRouteBuilder app)
    {
        app.MapOperatorLookup<ServedCase>("/served-cases/{id:guid}", "Case");
        return app;
    }
}
