using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.BuildingBlocks.Http;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.Contracts.V1;
using FiveSocieties.Matching.Providers;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FiveSocieties.Matching.Directory;

public sealed record ContactRequest([property: Required] string? Name, [property: Required] string? Phone, string? Email);

/// <summary>POST /providers. The client may send its own providerId: a repeat then changes nothing.</summary>
public sealed record RegisterProviderRequest(
    Guid? ProviderId, [property: Required] string? Name, [property: Required] ProviderKind? Kind, [property: Required] string? CreditCode, [property: Required] ContactRequest? Contact, AreaRequest? Area);

public sealed record ProviderWritten(Guid Id, long Version);

public static class ProviderEndpoints
{
    public static void MapProviders(this IEndpointRouteBuilder api)
    {
        api.MapPost("/providers", RegisterAsync).RequireRoles(Roles.Admin, Roles.Supervisor, Roles.Provider)
            .WithSummary("Register a charity, social organisation, canteen, enterprise or community committee.");
        api.MapGet("/providers", async (IQuerySession session, CancellationToken ct) =>
                TypedResults.Ok(await session.Query<Provider>().OrderBy(p => p.Name).Take(1000).ToListAsync(ct)))
            .RequireRoles(Roles.Admin, Roles.Supervisor, Roles.Caseworker, Roles.Provider).WithSummary("Registered providers.");
        api.MapGet("/providers/{id:guid}", async (Guid id, IQuerySession session, CancellationToken ct) =>
                TypedResults.Ok(await session.LoadAsync<Provider>(id, ct) ?? throw new RecordNotFound("Provider", id)))
            .RequireRoles(Roles.Admin, Roles.Supervisor, Roles.Caseworker, Roles.Provider).WithSummary("One provider.");
    }

    private static async Task<Results<Ok<ProviderWritten>, Created<ProviderWritten>, ProblemHttpResult>> RegisterAsync(
        RegisterProviderRequest request, ClaimsPrincipal principal, IDocumentSession session, TimeProvider clock, HttpResponse response,
        CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(principal);
        var validator = new RequestValidator();
        var name = validator.RequiredText(request.Name, "name", 200);
        var kind = validator.Required(request.Kind, "kind");
        var code = request.CreditCode?.Trim().ToUpperInvariant();
        if (CreditCode.Problem(code) is { } problem) validator.Fail("creditCode", problem);
        var contactName = validator.RequiredText(request.Contact?.Name, "contact.name", 100);
        var phone = validator.RequiredText(request.Contact?.Phone, "contact.phone", 30);
        if (!string.IsNullOrEmpty(phone)) validator.Check(phone.All(c => char.IsDigit(c) || c is '+' or '-' or ' '), "contact.phone", "must be a phone number.");
        var email = request.Contact?.Email?.Trim();
        if (!string.IsNullOrEmpty(email)) validator.Check(email.Length <= 200 && email.Contains('@'), "contact.email", "must be an e-mail address.");
        var area = OfferEndpoints.Area(request.Area, validator, "area");
        validator.Check(request.ProviderId != Guid.Empty, "providerId", "must not be the empty id.");
        validator.ThrowIfInvalid();

        // A provider user registers the organisation it acts for (its token names it).
        var providerId = request.ProviderId ?? (user.IsIn(Roles.Provider) ? user.ProviderId : null) ?? Guid.CreateVersion7();
        if (!user.IsIn(Roles.Admin) && !user.IsIn(Roles.Supervisor) && user.ProviderId != providerId)
            return TypedResults.Problem(statusCode: 403, detail: "You may register only the provider you act for.");

        var command = new RegisterProvider(providerId, name, kind, code!, new ProviderContact(contactName, phone, string.IsNullOrEmpty(email) ? null : email),
            area, user.Id, clock.GetUtcNow());
        var decision = await session.RegisterProviderAsync(command, "creditCode", cancellationToken);
        await session.SaveChangesAsync(cancellationToken);
        ExpectedVersion.SetETag(response, decision.Version);
        var written = new ProviderWritten(providerId, decision.Version);
        return decision.ChangedNothing ? TypedResults.Ok(written) : TypedResults.Created($"/providers/{providerId}", written);
    }
}
