using System.Diagnostics;
using FiveSocieties.Volunteers;
using FiveSocieties.Volunteers.Deliveries.Dispatching;
using Google.OrTools.ConstraintSolver;

namespace FiveSocieties.Bench;

public sealed record OrToolsResult(int Assigned, double Kilometres, TimeSpan Elapsed, int Routes, double HomeToCanteenKilometres);

/// <summary>
/// The same problem for OR-Tools' routing solver, one station at a time (a volunteer serves only
/// their station, so stations are independent): each volunteer a vehicle starting at home, the
/// arc from home to a stop costing home → canteen → stop, open routes (a free arc to a shared
/// end), capacity = maximum load, only volunteers allowed to take a stop may visit it, and a stop
/// may be dropped at a high penalty when nobody can take it.
/// </summary>
public static class DispatchBenchOrTools
{
    public static OrToolsResult Solve(DispatchBenchInstance instance, TimeSpan limitPerStation)
    {
        var clock = Stopwatch.StartNew();
        var assigned = 0;
        var kilometres = 0.0;
        var routes = 0;
        var homeLegs = 0.0;
        foreach (var station in instance.Stations)
        {
            var tasks = instance.Tasks.Where(t => t.StationId == station).ToArray();
            var vehicles = instance.Volunteers.Where(v => v.StationId == station && tasks.Any(t => DispatchPlanner.MayTake(v, t))).ToArray();
            if (tasks.Length == 0 || vehicles.Length == 0) continue;
            var (placed, km, used, legs) = SolveStation(tasks, vehicles, limitPerStation);
            assigned += placed;
            kilometres += km;
            routes += used;
            homeLegs += legs;
        }
        return new OrToolsResult(assigned, kilometres, clock.Elapsed, routes, homeLegs);
    }

    private static (int Assigned, double Kilometres, int Routes, double HomeLegs) SolveStation(TaskToPlace[] tasks, CandidateVolunteer[] vehicles, TimeSpan limit)
    {
        // Nodes: the stops, then each volunteer's home, then one shared end.
        var n = tasks.Length;
        var m = vehicles.Length;
        var end = n + m;
        var pickUp = tasks[0].PickUp;
        var cost = new long[end + 1, end + 1];
        for (var from = 0; from <= end; from++)
        for (var to = 0; to <= end; to++)
        {
            double km;
            if (to == end || to >= n) km = to == end ? 0 : 1e6; // never drive into a home
            else if (from == end) km = 1e6;
            else if (from >= n) km = vehicles[from - n].Home.KilometresTo(pickUp) + pickUp.KilometresTo(tasks[to].Location);
            else km = tasks[from].Location.KilometresTo(tasks[to].Location);
            cost[from, to] = (long)Math.Round(km * 1000); // metres
        }

        var manager = new RoutingIndexManager(end + 1, m, Enumerable.Range(n, m).ToArray(), Enumerable.Repeat(end, m).ToArray());
        var routing = new RoutingModel(manager);
        var transit = routing.RegisterTransitCallback((fromIndex, toIndex) => cost[manager.IndexToNode(fromIndex), manager.IndexToNode(toIndex)]);
        routing.SetArcCostEvaluatorOfAllVehicles(transit);
        var demand = routing.RegisterUnaryTransitCallback(index => manager.IndexToNode(index) < n ? 1 : 0);
        routing.AddDimensionWithVehicleCapacity(demand, 0, vehicles.Select(v => (long)v.MaxLoad).ToArray(), true, "Load");
        for (var t = 0; t < n; t++)
        {
            var index = manager.NodeToIndex(t);
            var barred = Enumerable.Range(0, m).Where(v => !DispatchPlanner.MayTake(vehicles[v], tasks[t])).Select(v => (long)v).ToArray();
            if (barred.Length > 0) routing.VehicleVar(index).RemoveValues(barred);
            routing.AddDisjunction([index], 10_000_000);
        }

        var parameters = operations_research_constraint_solver.DefaultRoutingSearchParameters();
        parameters.FirstSolutionStrategy = FirstSolutionStrategy.Types.Value.PathCheapestArc;
        parameters.LocalSearchMetaheuristic = LocalSearchMetaheuristic.Types.Value.GuidedLocalSearch;
        parameters.TimeLimit = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(limit);
        var solution = routing.SolveWithParameters(parameters);
        if (solution is null) return (0, 0, 0, 0);

        var assigned = 0;
        var kilometres = 0.0;
        var used = 0;
        var homeLegs = 0.0;
        for (var v = 0; v < m; v++)
        {
            var stops = new List<Position>();
            var index = solution.Value(routing.NextVar(routing.Start(v)));
            while (!routing.IsEnd(index))
            {
                stops.Add(tasks[manager.IndexToNode(index)].Location);
                index = solution.Value(routing.NextVar(index));
            }
            assigned += stops.Count;
            kilometres += DispatchPlanner.RouteKilometres(vehicles[v].Home, stops, pickUp);
            if (stops.Count == 0) continue;
            used++;
            homeLegs += vehicles[v].Home.KilometresTo(pickUp);
        }
        return (assigned, kilometres, used, homeLegs);
    }
}
