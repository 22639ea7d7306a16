using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.IntegrationTests.Backbone;
using FiveSocieties.IntegrationTests.Infrastructure;
using static FiveSocieties.IntegrationTests.Infrastructure.HttpJson;

namespace FiveSocieties.IntegrationTests.Cases;

/// <summary>Assessments, service plans and home visits over HTTP, with the real clock.</summary>
public sealed class AssessmentPlanAndVisitTests(CasesService cases) : IClassFixture<CasesService>
{
    private readonly Guid _station = Guid.NewGuid();
    private readonly Guid _caseworker = Guid.NewGuid();

    private HttpClient Caseworker => cases.Host.ClientAs(Roles.Caseworker, _caseworker, _station);
    private HttpClient Supervisor => cases.Host.ClientAs(Roles.Supervisor, Guid.NewGuid(), _station);

    internal static object Assessment(int adlScore, string living = "LivesAlone") => new
    {
        livingSituation = living,
        healthConditions = new[] { "高血压", "knee arthritis" },
        medications = new[] { new { name = "硝苯地平", dose = "10 mg twice a day" } },
        adlScore,
        mentalState = "Clear",
        socialParticipation = "Occasional",
    };

    internal static object Plan(string frequency = "Weekly", DateOnly? reviewDate = null) => new
    {
        goals = new[] { "a hot meal every day", "weekly company" },
        interventions = new[] { "长者食堂送餐", "volunteer visits" },
        visitFrequency = frequency,
        reviewDate = (reviewDate ?? DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(6)).ToString("yyyy-MM-dd"),
    };

    private async Task<Guid> OpenCaseAsync()
    {
        var caseId = Guid.NewGuid();
        (await Caseworker.PostAsJsonAsync("/cases", FourServicesTests.NewCase(caseId, stationId: _station))).EnsureSuccessStatusCode();
        return caseId;
    }

    private async Task<JsonElement> GetCaseAsync(Guid caseId) => await Json(await Caseworker.GetAsync($"/cases/{caseId}"));

    private static async Task ShouldBeRefusedBy(HttpResponseMessage response, string rule)
    {
        response.StatusCode.ShouldBe((HttpStatusCode)422, await response.Content.ReadAsStringAsync());
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rule").GetString().ShouldBe(rule);
    }

    private static async Task ShouldNameFields(HttpResponseMessage response, params string[] fields)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(e => e.Name)
            .ShouldBe(fields, ignoreOrder: true);
    }

    [Fact]
    public async Task An_ADL_score_of_37_is_refused_by_its_rule_and_writes_nothing()
    {
        var caseId = await OpenCaseAsync();
        await ShouldBeRefusedBy(await Caseworker.PostAsJsonAsync($"/cases/{caseId}/assessments", Assessment(37)), "assessment.adl-invalid");
        var file = await GetCaseAsync(caseId);
        file.GetProperty("version").GetInt64().ShouldBe(1);
        file.GetProperty("assessments").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task An_assessment_sets_the_ability_and_risk_level_and_the_latest_one_counts()
    {
        var caseId = await OpenCaseAsync();
        (await Caseworker.PostAsJsonAsync($"/cases/{caseId}/assessments", Assessment(50))).StatusCode.ShouldBe(HttpStatusCode.Created);
        var first = await GetCaseAsync(caseId);
        first.GetProperty("abilityLevel").GetInt32().ShouldBe(2);
        first.GetProperty("riskLevel").GetString().ShouldBe("High");

        (await Caseworker.PostAsJsonAsync($"/cases/{caseId}/assessments", Assessment(100, "WithSpouse"))).EnsureSuccessStatusCode();
        var second = await GetCaseAsync(caseId);
        second.GetProperty("abilityLevel").GetInt32().ShouldBe(0);
        second.GetProperty("riskLevel").GetString().ShouldBe("Low");
        var kept = second.GetProperty("assessments").EnumerateArray().ToList();
        kept.Select(a => a.GetProperty("adlScore").GetInt32()).ShouldBe([50, 100]);
        kept[0].GetProperty("assessedBy").GetGuid().ShouldBe(_caseworker);
        kept[0].GetProperty("medications")[0].GetProperty("name").GetString().ShouldBe("硝苯地平");
    }

    [Fact]
    public async Task Bad_assessments_name_every_field_and_a_child_needs_a_difficulty_type()
    {
        var caseId = await OpenCaseAsync();
        await ShouldNameFields(await Caseworker.PostAsJsonAsync($"/cases/{caseId}/assessments",
                new { medications = new[] { new { dose = "1 tablet" } }, healthConditions = new[] { "" } }),
            "livingSituation", "adlScore", "mentalState", "socialParticipation", "medications[0].name", "healthConditions[0]");
        await ShouldBeRefusedBy(await Caseworker.PostAsJsonAsync($"/cases/{caseId}/assessments",
            new { livingSituation = "LivesAlone", adlScore = 100, mentalState = "Clear", socialParticipation = "Active", difficultyType = "Poverty" }),
            "assessment.difficulty-type-not-for-elderly");
        (await GetCaseAsync(caseId)).GetProperty("version").GetInt64().ShouldBe(1);
    }

    [Fact]
    public async Task A_proposed_plan_adopted_by_the_supervisor_makes_the_case_active_but_a_caseworker_cannot_approve()
    {
        var caseId = await OpenCaseAsync();
        (await Caseworker.PostAsJsonAsync($"/cases/{caseId}/service-plan", Plan())).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await GetCaseAsync(caseId)).GetProperty("proposedPlan").GetProperty("status").GetString().ShouldBe("Proposed");

        (await Caseworker.PostAsync($"/cases/{caseId}/service-plan/approve", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Supervisor.PostAsync($"/cases/{caseId}/service-plan/approve", null)).EnsureSuccessStatusCode();

        var active = await GetCaseAsync(caseId);
        active.GetProperty("status").GetString().ShouldBe("Active");
        active.GetProperty("adoptedPlan").GetProperty("visitFrequency").GetString().ShouldBe("Weekly");
        active.TryGetProperty("proposedPlan", out _).ShouldBeFalse();
        await ShouldBeRefusedBy(await Supervisor.PostAsync($"/cases/{caseId}/service-plan/approve", null), "plan.nothing-proposed");
    }

    [Fact]
    public async Task A_plan_sent_back_returns_to_draft_with_the_reason()
    {
        var caseId = await OpenCaseAsync();
        await ShouldBeRefusedBy(await Supervisor.PostAsJsonAsync($"/cases/{caseId}/service-plan/send-back", new { reason = "x" }),
            "plan.nothing-proposed");
        (await Caseworker.PostAsJsonAsync($"/cases/{caseId}/service-plan", Plan())).EnsureSuccessStatusCode();
        await ShouldNameFields(await Supervisor.PostAsJsonAsync($"/cases/{caseId}/service-plan/send-back", new { }), "reason");
        (await Supervisor.PostAsJsonAsync($"/cases/{caseId}/service-plan/send-back", new { reason = "add counselling" })).EnsureSuccessStatusCode();

        var file = await GetCaseAsync(caseId);
        file.GetProperty("status").GetString().ShouldBe("Open");
        var draft = file.GetProperty("proposedPlan");
        draft.GetProperty("status").GetString().ShouldBe("Draft");
        draft.GetProperty("sentBackReason").GetString().ShouldBe("add counselling");
        await ShouldBeRefusedBy(await Supervisor.PostAsync($"/cases/{caseId}/service-plan/approve", null), "plan.nothing-proposed");
    }

    [Fact]
    public async Task Bad_plans_are_refused_precisely()
    {
        var caseId = await OpenCaseAsync();
        await ShouldNameFields(await Caseworker.PostAsJsonAsync($"/cases/{caseId}/service-plan", new { goals = new[] { " " } }),
            "goals[0]", "visitFrequency", "reviewDate");
        await ShouldBeRefusedBy(await Caseworker.PostAsJsonAsync($"/cases/{caseId}/service-plan",
            new { goals = Array.Empty<string>(), visitFrequency = "Monthly", reviewDate = "2099-01-01" }), "plan.no-goals");
        await ShouldBeRefusedBy(await Caseworker.PostAsJsonAsync($"/cases/{caseId}/service-plan",
            Plan(reviewDate: DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1))), "plan.review-date-not-future");
        (await GetCaseAsync(caseId)).GetProperty("version").GetInt64().ShouldBe(1);
    }

    [Fact]
    public async Task A_visit_moves_the_next_visit_due_and_shows_on_the_timeline()
    {
        var caseId = await OpenCaseAsync();
        (await Caseworker.PostAsJsonAsync($"/cases/{caseId}/service-plan", Plan("Weekly"))).EnsureSuccessStatusCode();
        (await Supervisor.PostAsync($"/cases/{caseId}/service-plan/approve", null)).EnsureSuccessStatusCode();
        var adopted = await GetCaseAsync(caseId);
        var adoptedAt = adopted.GetProperty("adoptedPlan").GetProperty("adoptedAt").GetDateTimeOffset();
        adopted.GetProperty("nextVisitDue").GetDateTimeOffset().ShouldBe(adoptedAt.AddDays(7));
        adopted.GetProperty("visitOverdue").GetBoolean().ShouldBeFalse();

        // After the adoption: a visit before it would not start the plan's rhythm.
        var visitedAt = DateTimeOffset.UtcNow;
        visitedAt.ShouldBeGreaterThan(adoptedAt);
        var visit = new { visitedAt, observations = "精神好; the fridge is stocked", concernsRaised = false };
        (await Caseworker.PostAsJsonAsync($"/cases/{caseId}/visits", visit)).StatusCode.ShouldBe(HttpStatusCode.Created);

        var visited = await GetCaseAsync(caseId);
        visited.GetProperty("lastVisitAt").GetDateTimeOffset().ShouldBe(visitedAt, TimeSpan.FromMilliseconds(1));
        visited.GetProperty("nextVisitDue").GetDateTimeOffset().ShouldBe(visitedAt.AddDays(7), TimeSpan.FromMilliseconds(1));
        var recorded = visited.GetProperty("visits").EnumerateArray().Single();
        recorded.GetProperty("visitedBy").GetGuid().ShouldBe(_caseworker);
        recorded.GetProperty("visitorRole").GetString().ShouldBe("Caseworker");

        var kinds = (await Json(await Caseworker.GetAsync($"/cases/{caseId}/timeline"))).EnumerateArray()
            .Select(e => e.GetProperty("kind").GetString()).ToList();
        kinds.ShouldBe(["CaseOpened", "ServicePlanProposed", "ServicePlanAdopted", "VisitRecorded"]);
    }

    [Fact]
    public async Task Bad_visits_are_refused_precisely_and_write_nothing()
    {
        var caseId = await OpenCaseAsync();
        await ShouldNameFields(await Caseworker.PostAsJsonAsync($"/cases/{caseId}/visits", new { observations = new string('x', 4001) }),
            "visitedAt", "observations", "concernsRaised");
        await ShouldBeRefusedBy(await Caseworker.PostAsJsonAsync($"/cases/{caseId}/visits",
            new { visitedAt = DateTimeOffset.UtcNow.AddDays(1), observations = "tomorrow", concernsRaised = false }), "visit.in-future");
        (await Supervisor.PostAsJsonAsync($"/cases/{caseId}/visits",
            new { visitedAt = DateTimeOffset.UtcNow, observations = "x", concernsRaised = false })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await GetCaseAsync(caseId)).GetProperty("version").GetInt64().ShouldBe(1);
    }
}
