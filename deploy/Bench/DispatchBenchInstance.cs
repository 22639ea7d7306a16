using FiveSocieties.Contracts.V1;
using FiveSocieties.Volunteers;
using FiveSocieties.Volunteers.Deliveries.Dispatching;
using FiveSocieties.Volunteers.Registry;

namespace FiveSocieties.Bench;

/// <summary>
/// A generated day around Datong (大同, lat ≈ 40.08, lon ≈ 113.3): stations, each with an elder
/// canteen, households enrolled for the lunch window, and volunteers living near their station.
/// The same seed gives the same instance, so anyone can rerun a figure.
/// </summary>
public sealed record DispatchBenchInstance(
    IReadOnlyList<Guid> Stations, IReadOnlyList<TaskToPlace> Tasks, IReadOnlyList<CandidateVolunteer> Volunteers)
{
    public static readonly DateOnly Day = new(2026, 11, 30); // a Monday

    public static DispatchBenchInstance Generate(int deliveries, int volunteers, int stations, int seed)
    {
        var random = new Random(seed);
        double Spread(double width) => (random.NextDouble() - 0.5) * width;
        var stationIds = Enumerable.Range(0, stations).Select(i => new Guid(i + 1, 0, 0, new byte[8])).ToArray();
        var centres = stationIds.Select(_ => new Position(40.08 + Spread(0.24), 113.3 + Spread(0.30))).ToArray();
        var canteens = centres.Select(c => new Position(c.Latitude + Spread(0.01), c.Longitude + Spread(0.01))).ToArray();
        var lunchFrom = new TimeOnly(11, 0);
        var lunchTo = new TimeOnly(12, 30);

        var tasks = new List<TaskToPlace>(deliveries);
        for (var i = 0; i < deliveries; i++)
        {
            var s = i % stations;
            var home = new Position(canteens[s].Latitude + Spread(0.05), canteens[s].Longitude + Spread(0.06));
            tasks.Add(new TaskToPlace(new Guid(i + 1, 1, 0, new byte[8]), stationIds[s], Day, lunchFrom, lunchTo, home, canteens[s],
                VolunteerSkill.MealDelivery, ChildFacing: random.NextDouble() < 0.03));
        }

        var people = new List<CandidateVolunteer>(volunteers);
        for (var i = 0; i < volunteers; i++)
        {
            var s = i % stations;
            var skills = new HashSet<VolunteerSkill> { VolunteerSkill.Companionship };
            if (random.NextDouble() < 0.95) skills.Add(VolunteerSkill.MealDelivery);
            var slot = random.NextDouble() < 0.9
                ? new AvailabilitySlot([DayOfWeek.Monday, DayOfWeek.Wednesday], new TimeOnly(10, 0), new TimeOnly(14, 0))
                : new AvailabilitySlot([DayOfWeek.Tuesday], new TimeOnly(10, 0), new TimeOnly(14, 0));
            people.Add(new CandidateVolunteer(new Guid(i + 1, 2, 0, new byte[8]), stationIds[s],
                new Position(centres[s].Latitude + Spread(0.08), centres[s].Longitude + Spread(0.10)), skills, [slot],
                BackgroundCleared: random.NextDouble() < 0.6, MaxLoad: random.Next(10, 17), Held: []));
        }
        return new DispatchBenchInstance(stationIds, tasks, people);
    }
}
