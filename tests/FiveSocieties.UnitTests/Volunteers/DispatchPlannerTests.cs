using FiveSocieties.Contracts.V1;
using FiveSocieties.Volunteers;
using FiveSocieties.Volunteers.Deliveries.Dispatching;
using FiveSocieties.Volunteers.Registry;

namespace FiveSocieties.UnitTests.Volunteers;

/// <summary>Properties of the planner on generated instances around Datong (fixed seeds: every run checks the same instances).</summary>
public sealed class DispatchPlannerTests
{
    private static readonly DateOnly Day = new(2026, 11, 30); // a Monday

    public static IEnumerable<object[]> Seeds() => Enumerable.Range(1, 25).Select(seed => new object[] { seed });

    private sealed record Instance(List<TaskToPlace> Tasks, List<CandidateVolunteer> Volunteers);

    private static Position Near(Random random, Position centre, double spreadDegrees) =>
        new(centre.Latitude + (random.NextDouble() - 0.5) * spreadDegrees, centre.Longitude + (random.NextDouble() - 0.5) * spreadDegrees);

    private static Instance Generate(int seed, int tasks, int volunteers, int stations = 2, bool withHeld = true)
    {
        var random = new Random(seed);
        var stationIds = Enumerable.Range(0, stations).Select(_ => Guid.NewGuid()).ToArray();
        var canteens = Enumerable.Range(0, stations * 2).Select(_ => Near(random, new Position(40.08, 113.3), 0.3)).ToArray();
        var windows = new[] { (new TimeOnly(11, 0), new TimeOnly(12, 30)), (new TimeOnly(17, 0), new TimeOnly(18, 0)) };
        TaskToPlace NewTask()
        {
            var s = random.Next(stations);
            var canteen = canteens[s * 2 + random.Next(2)];
            var (from, to) = windows[random.Next(windows.Length)];
            return new TaskToPlace(Guid.NewGuid(), stationIds[s], Day, from, to, Near(random, canteen, 0.05), canteen,
                random.NextDouble() < 0.85 ? VolunteerSkill.MealDelivery : VolunteerSkill.Companionship, random.NextDouble() < 0.15);
        }
        var list = Enumerable.Range(0, tasks).Select(_ => NewTask()).ToList();
        var people = new List<CandidateVolunteer>();
        for (var i = 0; i < volunteers; i++)
        {
            var s = random.Next(stations);
            var skills = new HashSet<VolunteerSkill> { VolunteerSkill.MealDelivery };
            if (random.NextDouble() < 0.4) skills.Add(VolunteerSkill.Companionship);
            if (random.NextDouble() < 0.1) skills.Remove(VolunteerSkill.MealDelivery);
            var days = random.NextDouble() < 0.8 ? new[] { DayOfWeek.Monday, DayOfWeek.Friday } : new[] { DayOfWeek.Tuesday };
            var slot = random.Next(3) switch
            {
                0 => new AvailabilitySlot(days, new TimeOnly(10, 0), new TimeOnly(13, 0)),
                1 => new AvailabilitySlot(days, new TimeOnly(16, 0), new TimeOnly(19, 0)),
                _ => new AvailabilitySlot(days, new TimeOnly(8, 0), new TimeOnly(20, 0)),
            };
            var held = new List<TaskToPlace>();
            if (withHeld && random.NextDouble() < 0.2)
            {
                var canteen = canteens[s * 2];
                held.Add(new TaskToPlace(Guid.NewGuid(), stationIds[s], Day, slot.From, slot.To, Near(random, canteen, 0.05), canteen,
                    VolunteerSkill.MealDelivery, false));
            }
            people.Add(new CandidateVolunteer(Guid.NewGuid(), stationIds[s], Near(random, new Position(40.08, 113.3), 0.3), skills, [slot],
                random.NextDouble() < 0.5, random.Next(1, 8), held));
        }
        return new Instance(list, people);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Every_task_is_placed_once_or_reported_and_every_route_keeps_the_rules(int seed)
    {
        var instance = Generate(seed, tasks: 40 + seed * 4, volunteers: 10 + seed);
        var plan = DispatchPlanner.Plan(instance.Tasks, instance.Volunteers);
        var tasks = instance.Tasks.Concat(instance.Volunteers.SelectMany(v => v.Held)).ToDictionary(t => t.Id);
        var volunteers = instance.Volunteers.ToDictionary(v => v.Id);

        var placed = plan.Routes.SelectMany(r => r.Stops).ToList();
        placed.Distinct().Count().ShouldBe(placed.Count, "a task is in two routes");
        var newPlaced = placed.Where(id => instance.Tasks.Any(t => t.Id == id)).ToHashSet();
        (newPlaced.Count + plan.Unassignable.Count).ShouldBe(instance.Tasks.Count);
        newPlaced.Overlaps(plan.Unassignable).ShouldBeFalse();

        foreach (var route in plan.Routes)
        {
            var volunteer = volunteers[route.VolunteerId];
            route.Stops.Count.ShouldBeLessThanOrEqualTo(volunteer.MaxLoad, "over capacity");
            route.Stops.Take(volunteer.Held.Count).ShouldBe(volunteer.Held.Select(h => h.Id), "held tasks keep their place");
            foreach (var id in route.Stops.Skip(volunteer.Held.Count))
                DispatchPlanner.MayTake(volunteer, tasks[id]).ShouldBeTrue("skill, station, availability and background check");
            route.Stops.Select(id => tasks[id].PickUp).Distinct().Count().ShouldBe(1, "one canteen per volunteer and day");
            route.Kilometres.ShouldBe(DispatchPlanner.RouteKilometres(volunteer.Home, route.Stops.Select(id => tasks[id].Location).ToList(), route.PickUp!.Value), 1e-6);
        }
        plan.TotalKilometres.ShouldBe(plan.Routes.Sum(r => r.Kilometres), 1e-6);
        // Who is missing from volunteers without a route: they hold no task.
        foreach (var volunteer in instance.Volunteers.Where(v => plan.Routes.All(r => r.VolunteerId != v.Id)))
            volunteer.Held.ShouldBeEmpty();

        // Reported unassignable only when everyone allowed to take it is full or serves another canteen that day.
        var routeOf = plan.Routes.ToDictionary(r => r.VolunteerId);
        foreach (var id in plan.Unassignable)
        {
            var task = tasks[id];
            foreach (var volunteer in instance.Volunteers.Where(v => DispatchPlanner.MayTake(v, task)))
            {
                routeOf.TryGetValue(volunteer.Id, out var route);
                var full = route is not null && route.Stops.Count >= volunteer.MaxLoad;
                var elsewhere = route is not null && route.PickUp != task.PickUp;
                (full || elsewhere).ShouldBeTrue($"task {id} was reported unassignable while {volunteer.Id} could take it");
            }
        }
    }

    [Fact]
    public void A_task_nobody_may_take_is_reported_not_forced_on_someone()
    {
        var instance = Generate(3, tasks: 10, volunteers: 5, withHeld: false);
        var child = instance.Tasks[0] with { ChildFacing = true };
        var volunteers = instance.Volunteers.Select(v => v with { BackgroundCleared = false }).ToList();
        var plan = DispatchPlanner.Plan([child], volunteers);
        plan.Unassignable.ShouldBe([child.Id]);
        plan.Routes.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(101)]
    [InlineData(102)]
    [InlineData(103)]
    [InlineData(104)]
    [InlineData(105)]
    public void On_small_instances_the_plan_is_within_ten_percent_of_the_optimum(int seed)
    {
        var random = new Random(seed);
        var canteen = new Position(40.08, 113.3);
        var station = Guid.NewGuid();
        var slot = new AvailabilitySlot([DayOfWeek.Monday], new TimeOnly(9, 0), new TimeOnly(14, 0));
        var tasks = Enumerable.Range(0, 5).Select(_ => new TaskToPlace(Guid.NewGuid(), station, Day, new TimeOnly(11, 0), new TimeOnly(12, 0),
            Near(random, canteen, 0.08), canteen, VolunteerSkill.MealDelivery, false)).ToList();
        var volunteers = Enumerable.Range(0, 2).Select(_ => new CandidateVolunteer(Guid.NewGuid(), station, Near(random, canteen, 0.1),
            new HashSet<VolunteerSkill> { VolunteerSkill.MealDelivery }, [slot], true, 3, [])).ToList();

        var plan = DispatchPlanner.Plan(tasks, volunteers);
        plan.Unassignable.ShouldBeEmpty();
        plan.TotalKilometres.ShouldBeLessThanOrEqualTo(Optimum(tasks, volunteers, canteen) * 1.10 + 1e-9);
    }

    /// <summary>Brute force: every split of the tasks between two volunteers, every order of each part.</summary>
    private static double Optimum(List<TaskToPlace> tasks, List<CandidateVolunteer> volunteers, Position canteen)
    {
        var best = double.PositiveInfinity;
        for (var mask = 0; mask < 1 << tasks.Count; mask++)
        {
            var first = tasks.Where((_, i) => (mask & 1 << i) != 0).ToList();
            var second = tasks.Where((_, i) => (mask & 1 << i) == 0).ToList();
            if (first.Count > volunteers[0].MaxLoad || second.Count > volunteers[1].MaxLoad) continue;
            var cost = BestOrder(volunteers[0].Home, first, canteen) + BestOrder(volunteers[1].Home, second, canteen);
            best = Math.Min(best, cost);
        }
        return best;
    }

    private static double BestOrder(Position home, List<TaskToPlace> stops, Position canteen) =>
        stops.Count == 0 ? 0 : Permutations(stops).Min(order => DispatchPlanner.RouteKilometres(home, order.Select(t => t.Location).ToList(), canteen));

    private static IEnumerable<List<T>> Permutations<T>(List<T> items) =>
        items.Count <= 1 ? [items] : items.SelectMany((item, i) => Permutations(items.Where((_, j) => j != i).ToList()).Select(rest => (List<T>)[item, .. rest]));
}
