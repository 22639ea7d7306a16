using FiveSocieties.BuildingBlocks.EventStore;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.IntegrationTests.Infrastructure;
using FiveSocieties.Notifications.Notifications;
using FiveSocieties.Notifications.Recipients;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using V1 = FiveSocieties.Contracts.V1;

namespace FiveSocieties.IntegrationTests.Notifications;

/// <summary>
/// Notifications' read models dropped and rebuilt from the events, as `fivesoc rebuild notifications`
/// does: the inbox is ordered by each notification's creation time and its position in the inbox,
/// both from the event's body, and its version from the stream, so the rebuild must carry them exactly.
/// </summary>
public sealed class NotificationsRebuildTests(InboxFixture fixture) : IClassFixture<InboxFixture>
{
    private NotificationsHost Host => fixture.Host;

    [Fact]
    public async Task Inboxes_and_the_directory_answer_the_same_after_their_documents_are_rebuilt()
    {
        var now = DateTimeOffset.UtcNow;
        var (caseworker, station, caseId, provider) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await Host.PublishAsync(new V1.CaseOpened(Guid.NewGuid(), now, caseId, station, caseworker, V1.ClientGroup.Elderly,
            [V1.ClientCategory.LivesAlone], new V1.GridLocation("平城区", "新建南路街道", "G-07")));
        var admin = Host.ClientAs(Roles.Admin, Guid.NewGuid());
        await Eventually.Until(() => admin.GetAsync($"/recipients/{caseworker}"), r => r.IsSuccessStatusCode, "the caseworker in the directory");
        V1.ReferralProposed Proposed() => new(Guid.NewGuid(), now, Guid.NewGuid(), Guid.NewGuid(), caseId, station, caseworker, Guid.NewGuid(),
            provider, "平城区长者食堂", "午餐配送", V1.NeedCategory.MealDelivery, 0.9, ["1.2 km"], now.AddDays(2));
        V1.ReferralApproved Approved() => new(Guid.NewGuid(), now, Guid.NewGuid(), Guid.NewGuid(), caseId, station, caseworker, Guid.NewGuid(),
            provider, "午餐配送", V1.NeedCategory.MealDelivery, now.AddDays(2));
        for (var i = 0; i < 3; i++) { await Host.PublishAsync(Proposed()); await Host.PublishAsync(Approved()); }

        var mine = Host.ClientAs(Roles.Caseworker, caseworker, station);
        var canteen = Host.ClientAs(Roles.Provider, Guid.NewGuid(), providerId: provider);
        var first = (await mine.InboxWithAsync("referral-proposed.approve", 3))[0].GetProperty("id").GetGuid();
        await canteen.InboxWithAsync("referral-approved.accept", 3);
        (await mine.PostAsync($"/inbox/{first}/read", null)).EnsureSuccessStatusCode();
        (await mine.PutPreferencesAsync(new { channels = new[] { "InApp" }, language = "en" })).EnsureSuccessStatusCode();

        string[] paths = ["/inbox?pageSize=100", "/preferences"];
        async Task<string[]> ReadAllAsync() =>
        [
            .. await Task.WhenAll(paths.Select(p => mine.GetStringAsync(p))),
            await canteen.GetStringAsync("/inbox?pageSize=100"),
            await admin.GetStringAsync($"/recipients/{caseworker}"),
            await admin.GetStringAsync($"/case-responsibilities/{caseId}"),
        ];
        var before = await ReadAllAsync();

        var store = Host.Services.GetRequiredService<IDocumentStore>();
        foreach (var type in new[] { typeof(Notification), typeof(Recipient), typeof(CaseResponsibility) })
            await store.Advanced.Clean.DeleteDocumentsByTypeAsync(type);
        (await mine.InboxAsync()).ShouldBeEmpty("the documents are gone");

        var rebuilt = await store.RebuildAllProjectionsAsync();

        rebuilt.ShouldAllBe(r => r.Method == ProjectionRebuild.StreamByStream, "every Notifications read model is a snapshot of its own stream");
        rebuilt.Single(r => r.Projection == nameof(Notification)).Documents.ShouldBe(6, "three for the caseworker, three for the canteen");
        var after = await ReadAllAsync();
        for (var i = 0; i < before.Length; i++) after[i].ShouldBe(before[i]);

        // And the rebuilt documents carry on: the next referral reaches both inboxes.
        await Host.PublishAsync(Proposed());
        await Host.PublishAsync(Approved());
        await mine.InboxWithAsync("referral-proposed.approve", 4);
        await canteen.InboxWithAsync("referral-approved.accept", 4);
    }
}
