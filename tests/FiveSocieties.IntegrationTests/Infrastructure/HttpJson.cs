using System.Text.Json;

namespace FiveSocieties.IntegrationTests.Infrastructure;

public static class HttpJson
{
    /// <summary>The body of a successful response as JSON; on failure the assertion shows the problem details.</summary>
    public static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.ShouldBeTrue(text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
