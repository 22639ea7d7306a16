using FiveSocieties.IntegrationTests.Infrastructure;
using FiveSocieties.Volunteers.Registry;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static FiveSocieties.Volunteers.Registry.EarlierVolunteerEvents;

namespace FiveSocieties.IntegrationTests.Volunteers;

/// <summary>
/// An event stored in a shape the code no longer has still folds: a volunteer's stream holding a
/// <see cref="VolunteerAvailabilityChanged"/>, written as the earlier code stored it (its JSON under its
/// own type name and CLR type), loads as today's <see cref="AvailabilitySet"/>, live and in a rebuilt snapshot.
/// </summary>
public sealed class EarlierEventShapeTests(VolunteersService service) : IClassFixture<VolunteersService>
{
    [Fact]
    public async Task A_stream_with_availability_in_its_earlier_shape_folds_into_todays_volunteer()
    {
        var station = Guid.NewGuid();
        var volunteerId = await service.VolunteerAsync(station, 40.092, 113.296);
        var store = service.Host.Services.GetRequiredService<IDocumentStore>();
        var earlier = new VolunteerAvailabilityChanged(volunteerId, [DayOfWeek.Monday, DayOfWeek.Wednesday], new TimeOnly(9, 0),
            new TimeOnly(11, 30), volunteerId, DateTimeOffset.UtcNow);

        // Appended now as a placeholder, then the row rewritten to what the earlier code stored.
        Guid eventId;
        await using (var session = store.LightweightSession())
        {
            var placeholder = session.Events.Append(volunteerId, new AvailabilitySet(volunteerId, [], volunteerId, DateTimeOffset.UtcNow));
            await session.SaveChangesAsync();
            eventId = placeholder.Events.Single().Id;
        }
        await using (var connection = new NpgsqlConnection(LocalServers.PostgresFor(LocalServers.TestDatabase)))
        {
            await connection.OpenAsync();
            await using var rewrite = new NpgsqlCommand(
                $"update \"{store.Options.Events.DatabaseSchemaName}\".mt_events set type = $1, data = $2::jsonb, mt_dotnet_type = $3 where id = $4", connection)
            {
                Parameters =
                {
                    new() { Value = AvailabilityChangedTypeName },
                    new() { Value = store.Options.Serializer().ToJson(earlier) },
                    new() { Value = "FiveSocieties.Volunteers.Registry.VolunteerAvailabilityChanged, FiveSocieties.Volunteers" },
                    new() { Value = eventId },
                },
            };
            (await rewrite.ExecuteNonQueryAsync()).ShouldBe(1);
        }

        const string expected = "Monday,Wednesday 09:00–11:30";
        await using var reader = store.QuerySession();
        var stored = (await reader.Events.FetchStreamAsync(volunteerId)).Single(e => e.Id == eventId);
        stored.EventTypeName.ShouldBe(AvailabilityChangedTypeName);
        var upcast = stored.Data.ShouldBeOfType<AvailabilitySet>();
        Describe(upcast.Slots.ShouldHaveSingleItem()).ShouldBe(expected);

        var folded = (await reader.Events.AggregateStreamAsync<Volunteer>(volunteerId)).ShouldNotBeNull();
        Describe(folded.Availability.ShouldHaveSingleItem()).ShouldBe(expected);
        folded.IsAvailable(DayOfWeek.Monday, new TimeOnly(9, 30), new TimeOnly(10, 30)).ShouldBeTrue();
        folded.IsAvailable(DayOfWeek.Tuesday, new TimeOnly(9, 30), new TimeOnly(10, 30)).ShouldBeFalse("the 08–20 every day it replaced is gone");
        folded.Version.ShouldBe(3);

        // The inline snapshot still holds the placeholder; rebuilt from the events it reads the earlier shape too.
        await store.Advanced.RebuildSingleStreamAsync<Volunteer>(volunteerId);
        await using var afterRebuild = store.QuerySession();
        Describe((await afterRebuild.LoadAsync<Volunteer>(volunteerId)).ShouldNotBeNull().Availability.ShouldHaveSingleItem()).ShouldBe(expected);
    }

    private static string Describe(AvailabilitySlot slot) => $"{string.Join(",", slot.Days)} {slot.From:HH\\:mm}–{slot.To:HH\\:mm}";
}
