using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.IntegrationTests.Backbone;
using FiveSocieties.IntegrationTests.Infrastructure;
using static FiveSocieties.IntegrationTests.Infrastructure.HttpJson;

namespace FiveSocieties.IntegrationTests.Cases;

/// <summary>
/// What Cases says to people is in the reader's language, zh-CN unless Accept-Language asks for
/// English: problem titles and details, field messages and the timeline. Codes, kinds and field
/// names are the same in both.
/// </summary>
public sealed class CasesInTheReadersLanguageTests(CasesService cases) : IClassFixture<CasesService>
{
    private readonly Guid _station = Guid.NewGuid();
    private readonly Guid _caseworker = Guid.NewGuid();

    private HttpClient CaseworkerReading(string? language, string role = Roles.Caseworker)
    {
        var client = cases.Host.ClientAs(role, _caseworker, _station);
        if (language is not null) client.DefaultRequestHeaders.Add("Accept-Language", language);
        return client;
    }

    private async Task<Guid> OpenCaseAsync()
    {
        var caseId = Guid.NewGuid();
        (await CaseworkerReading(null).PostAsJsonAsync("/cases", FourServicesTests.NewCase(caseId, stationId: _station))).EnsureSuccessStatusCode();
        return caseId;
    }

    [Fact]
    public async Task A_rules_refusal_is_in_Chinese_by_default_and_in_English_when_asked_with_the_same_code()
    {
        var caseId = await OpenCaseAsync();
        (await CaseworkerReading(null).PostAsJsonAsync($"/cases/{caseId}/close", new { reason = "服务对象迁出本区" })).EnsureSuccessStatusCode();
        var need = new { needId = Guid.NewGuid(), category = "MealDelivery", urgency = "Urgent", recurrence = "Daily", startDate = "2026-12-01" };

        using var chinese = await CaseworkerReading(null).PostAsJsonAsync($"/cases/{caseId}/needs", need);
        chinese.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        chinese.Content.Headers.ContentLanguage.ShouldBe(["zh-CN"]);
        var zh = await Problem(chinese);
        zh.GetProperty("rule").GetString().ShouldBe("need.case-closed");
        zh.GetProperty("type").GetString().ShouldBe("urn:fivesoc:rule:need.case-closed");
        zh.GetProperty("title").GetString().ShouldBe("业务规则不允许此操作");
        zh.GetProperty("detail").GetString().ShouldBe("已结案的个案不能提出需求；请先重新开案。");

        using var english = await CaseworkerReading("en").PostAsJsonAsync($"/cases/{caseId}/needs", need);
        english.Content.Headers.ContentLanguage.ShouldBe(["en"]);
        var en = await Problem(english);
        en.GetProperty("rule").GetString().ShouldBe("need.case-closed");
        en.GetProperty("title").GetString().ShouldBe("A rule refused the command.");
        en.GetProperty("detail").GetString().ShouldBe("A need cannot be raised on a closed case; reopen it first.");
    }

    [Fact]
    public async Task Field_messages_name_the_field_in_a_Chinese_sentence_and_keep_the_field_names()
    {
        var caseId = await OpenCaseAsync();
        using var chinese = await CaseworkerReading("zh-CN,zh;q=0.9,en;q=0.8").PostAsJsonAsync($"/cases/{caseId}/needs", new { quantity = 0 });
        chinese.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var zh = await Problem(chinese);
        zh.GetProperty("title").GetString().ShouldBe("请求中有字段填写有误");
        var errors = zh.GetProperty("errors");
        errors.EnumerateObject().Select(e => e.Name).ShouldBe(["category", "quantity"], ignoreOrder: true);
        errors.GetProperty("category")[0].GetString().ShouldBe("字段“category”为必填项。");

        var en = await Problem(await CaseworkerReading("en").PostAsJsonAsync($"/cases/{caseId}/needs", new { quantity = 0 }));
        en.GetProperty("errors").GetProperty("category")[0].GetString().ShouldBe("is required.");
    }

    [Fact]
    public async Task Not_found_and_forbidden_are_titled_in_the_readers_language()
    {
        var missing = Guid.NewGuid();
        var zh = await Problem(await CaseworkerReading(null).GetAsync($"/cases/{missing}"));
        zh.GetProperty("status").GetInt32().ShouldBe(404);
        zh.GetProperty("title").GetString().ShouldBe("个案不存在");
        zh.GetProperty("detail").GetString().ShouldBe($"个案 {missing} 不存在，或不在您的查看范围内。");
        var en = await Problem(await CaseworkerReading("en").GetAsync($"/cases/{missing}"));
        en.GetProperty("title").GetString().ShouldBe("Case not found.");

        using var forbidden = await CaseworkerReading(null, Roles.Volunteer).GetAsync($"/cases/{missing}");
        forbidden.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Problem(forbidden)).GetProperty("title").GetString().ShouldBe("无权执行此操作");
        using var forbiddenInEnglish = await CaseworkerReading("en", Roles.Volunteer).GetAsync($"/cases/{missing}");
        (await Problem(forbiddenInEnglish)).GetProperty("title").GetString().ShouldBe("Forbidden");

        // An endpoint's own refusal explains itself, in the reader's language too.
        using var elsewhere = await CaseworkerReading(null).PostAsJsonAsync("/cases", FourServicesTests.NewCase(stationId: Guid.NewGuid()));
        elsewhere.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var refusal = await Problem(elsewhere);
        refusal.GetProperty("title").GetString().ShouldBe("无权执行此操作");
        refusal.GetProperty("detail").GetString().ShouldBe("您只能为本站开案。");
    }

    [Fact]
    public async Task The_timeline_tells_what_happened_in_Chinese_with_stable_kinds()
    {
        var caseId = await OpenCaseAsync();
        var need = new { needId = Guid.NewGuid(), category = "MealDelivery", urgency = "Urgent", recurrence = "Daily", startDate = "2026-12-01" };
        (await CaseworkerReading(null).PostAsJsonAsync($"/cases/{caseId}/needs", need)).EnsureSuccessStatusCode();

        using var chinese = await CaseworkerReading(null).GetAsync($"/cases/{caseId}/timeline");
        chinese.Content.Headers.ContentLanguage.ShouldBe(["zh-CN"]);
        var zh = (await Json(chinese)).EnumerateArray().ToList();
        zh.Select(e => e.GetProperty("kind").GetString()).ShouldBe(["CaseOpened", "NeedRaised"]);
        zh[0].GetProperty("summary").GetString().ShouldBe("为老年人服务对象开案（空巢、独居），网格 NHB-03。");
        zh[1].GetProperty("summary").GetString().ShouldBe("提出助餐送餐需求（紧急，每天，自 2026-12-01 起）。");

        var en = (await Json(await CaseworkerReading("en").GetAsync($"/cases/{caseId}/timeline"))).EnumerateArray().ToList();
        en.Select(e => e.GetProperty("kind").GetString()).ShouldBe(["CaseOpened", "NeedRaised"]);
        en[1].GetProperty("summary").GetString().ShouldBe("MealDelivery need raised (Urgent, Daily, from 2026-12-01).");
    }

    /// <summary>A problem+json body (the shared Json helper insists on success).</summary>
    private static async Task<JsonElement> Problem(HttpResponseMessage response)
    {
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
