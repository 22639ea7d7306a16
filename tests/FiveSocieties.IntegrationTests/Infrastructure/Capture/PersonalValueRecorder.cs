using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace FiveSocieties.IntegrationTests.Infrastructure.Capture;

/// <summary>
/// Records, on the service side of every test request, the personal values in its JSON body, so
/// the log scan knows exactly what the whole run seeded — whichever test or client sent it.
/// </summary>
public sealed class PersonalValueRecorder : IStartupFilter
{
    /// <summary>Fields that carry a person's data (or a secret) wherever they appear.</summary>
    private static readonly HashSet<string> PersonalFields = new(StringComparer.OrdinalIgnoreCase)
    {
        "phone", "idNumber", "address", "guardianName", "dietaryNotes", "observations", "note", "secret", "openId",
    };

    /// <summary>Routes whose <c>name</c> is a person's (a member, a volunteer); elsewhere it names a station, township or organisation.</summary>
    private static readonly string[] PeopleRoutes = ["/households", "/volunteers"];

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, proceed) =>
        {
            if (context.Request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true
                && context.Request.Method is "POST" or "PUT" or "PATCH")
            {
                context.Request.EnableBuffering();
                try
                {
                    using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
                    var namesArePeople = PeopleRoutes.Any(r => context.Request.Path.StartsWithSegments(r));
                    Collect(body.RootElement, namesArePeople, field: null);
                }
                catch (JsonException)
                {
                    // Malformed on purpose (a bad-input test): the service answers it, nothing to record.
                }
                catch (BadHttpRequestException)
                {
                    // Over the body limit (a hardening test): the service meets the same refusal and answers it.
                    await proceed(context);
                    return;
                }
                context.Request.Body.Position = 0;
            }
            await proceed(context);
        });
        next(app);
    };

    private static void Collect(JsonElement element, bool namesArePeople, string? field)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject()) Collect(property.Value, namesArePeople, property.Name);
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray()) Collect(item, namesArePeople, field);
                break;
            case JsonValueKind.String when field is not null && IsPersonal(field, namesArePeople):
                TestRunCapture.PersonalValue(element.GetString()!);
                break;
        }
    }

    private static bool IsPersonal(string field, bool namesArePeople) =>
        PersonalFields.Contains(field) || (namesArePeople && field.Equals("name", StringComparison.OrdinalIgnoreCase));
}
