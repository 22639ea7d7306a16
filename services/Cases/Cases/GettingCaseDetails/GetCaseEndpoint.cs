using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.BuildingBlocks.Http;
using FiveSocieties.BuildingBlocks.Security;
using Marten;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace FiveSocieties.Cases.Cases.GettingCaseDetails;

public static class GetCaseEndpoint
{
    public static void MapGetCase(this IEndpointRouteBuilder api) =>
        api.MapGet("/cases/{id:guid}", GetAsync)
            .RequireRoles(Roles.Caseworker, Roles.Supervisor)
            .ShowsPersonalData()
            .Produces<Case>(StatusCodes.Status200OK)
            .AddOpenApiOperationTransformer((operation, _, _) => DescribeVisitSchedule(operation))
            .WithSummary("(Every read is audited; a supervisor of another station may read with the X-Break-Glass-Reason header.) A case as it is now, or with ?asOf= exactly as it was then (replayed from its events). The ETag is its version.");

    private static async Task<IResult> GetAsync(
        Guid id, DateTimeOffset? asOf, ClaimsPrincipal principal, IDocumentStore store, IQuerySession session, HttpRequest request,
        HttpResponse response, TimeProvider clock, IOptions<JsonOptions> json, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(principal);
        // Scope by the case as it is now: a case that moved station is not readable through its past.
        var current = await CaseFileReading.OpenAsync(store, session, user, id, "case", request, clock, cancellationToken);
        if (asOf is null)
        {
            ExpectedVersion.SetETag(response, current.Version);
            return TypedResults.Ok(WithVisitSchedule(current, clock.GetUtcNow(), json.Value.SerializerOptions));
        }

        var then = await session.Events.AggregateStreamAsync<Case>(id, timestamp: asOf.Value.ToUniversalTime(), token: cancellationToken)
            ?? throw new RecordNotFound("Case", id);
        return TypedResults.Ok(WithVisitSchedule(then, asOf.Value, json.Value.SerializerOptions));
    }

    /// <summary>The answer is the case with the two fields <see cref="WithVisitSchedule"/> adds, which no type holds.</summary>
    private static Task DescribeVisitSchedule(OpenApiOperation operation)
    {
        if (operation.Responses is null || !operation.Responses.TryGetValue("200", out var ok) || ok.Content is null
            || !ok.Content.TryGetValue("application/json", out var body) || body.Schema is not { } caseSchema)
            return Task.CompletedTask;
        body.Schema = new OpenApiSchema
        {
            AllOf =
            [
                caseSchema,
                new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Required = new HashSet<string> { "nextVisitDue", "visitOverdue" },
                    Properties = new Dictionary<string, IOpenApiSchema>
                    {
                        ["nextVisitDue"] = new OpenApiSchema
                        {
                            Type = JsonSchemaType.String | JsonSchemaType.Null, Format = "date-time",
                            Description = "When the next home visit falls due; null when none is scheduled.",
                        },
                        ["visitOverdue"] = new OpenApiSchema { Type = JsonSchemaType.Boolean, Description = "Whether that visit is overdue at the moment asked about." },
                    },
                },
            ],
        };
        return Task.CompletedTask;
    }

    /// <summary>
    /// The case as its events made it, plus what follows from it at the moment asked about:
    /// when the next visit is due and whether it is overdue. These change with the clock, not
    /// with events, so they are computed here and never stored.
    /// </summary>
    private static JsonObject WithVisitSchedule(Case state, DateTimeOffset at, JsonSerializerOptions options)
    {
        var body = JsonSerializer.SerializeToNode(state, options)!.AsObject();
        body["nextVisitDue"] = VisitSchedule.NextVisitDue(state) is { } due ? JsonValue.Create(due) : null;
        body["visitOverdue"] = VisitSchedule.IsOverdue(state, at);
        return body;
    }
}
